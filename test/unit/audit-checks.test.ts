import { describe, expect, it } from 'vitest';
import { addressInvalid } from '../../main/audit/checks/address-invalid.js';
import { buyerMessage } from '../../main/audit/checks/buyer-message.js';
import { BUILT_IN_CHECKS } from '../../main/audit/checks/index.js';
import { platformRisk } from '../../main/audit/checks/platform-risk.js';
import { sellerMemo } from '../../main/audit/checks/seller-memo.js';
import { unmappedSku } from '../../main/audit/checks/unmapped-sku.js';
import { AUDIT_CHECKS } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import { add, order, run, setupDb, SHOP } from './audit-checks-fixtures.js';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('built-in checks: registry and params', () => {
  it('lists every check once, in AUDIT_CHECKS order, with valid defaults', () => {
    expect(BUILT_IN_CHECKS.map((c) => c.name)).toEqual([...AUDIT_CHECKS]);
    for (const c of BUILT_IN_CHECKS) {
      expect(c.parseParams(c.defaults.params), c.name).toEqual(c.defaults.params);
      expect(c.parseParams({}), `${c.name} fills its defaults`).toEqual(c.defaults.params);
    }
    const outcomes = Object.fromEntries(BUILT_IN_CHECKS.map((c) => [c.name, c.defaults.outcome]));
    expect(outcomes).toMatchObject({ blacklisted: 'hold', platform_risk: 'hold', unmapped_sku: 'review', address_invalid: 'review' });
  });

  it('refuses bad params naming the check, the param and the value', () => {
    const byName = Object.fromEntries(BUILT_IN_CHECKS.map((c) => [c.name, c]));
    const e = errorOf(() => byName.duplicate_order!.parseParams({ windowMinutes: 0 }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^check duplicate_order: param windowMinutes: .* \(got 0\)$/);
    expect(e.details).toEqual({ check: 'duplicate_order', param: 'windowMinutes' });
    expect(errorOf(() => byName.out_of_stock!.parseParams({ ignoreIfNoStockRecords: 'yes' })).message).toContain('param ignoreIfNoStockRecords');
    expect(errorOf(() => byName.address_invalid!.parseParams({ strict: true })).message).toBe('check address_invalid: unknown param strict');
    const limits = errorOf(() => byName.amount_outlier!.parseParams({ maxTotalMinorByCurrency: 'CNY 5000' }));
    expect(limits.message).toContain('param maxTotalMinorByCurrency: write limits as CUR:minor units');
    expect(errorOf(() => byName.amount_outlier!.parseParams({ factor: 1 })).message).toContain('param factor: must be 0 (off) or more than 1');
    // Valid params come back normalized.
    expect(byName.amount_outlier!.parseParams({ maxTotalMinorByCurrency: ' cny:500000， usd : 100000 ' }).maxTotalMinorByCurrency).toBe('CNY:500000,USD:100000');
  });
});

describe('unmapped_sku', () => {
  it('fires for lines with no mapping and no known code, naming line, SKU and title', () => {
    const db = setupDb();
    const [mapped, bundle, unknown] = add(
      db,
      order(),
      order({ lines: [{ platformSku: 'TB-CUP-2PACK', skuCode: null, title: '保温杯两只装', qty: 1, unitPriceMinor: 15900 }] }),
      order({
        lines: [
          { platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '保温杯', qty: 1, unitPriceMinor: 8900 },
          { platformSku: 'ABC-1', skuCode: null, title: '旧款杯子', qty: 1, unitPriceMinor: 100 },
          { platformSku: null, skuCode: 'GONE-9', title: '下架商品', qty: 1, unitPriceMinor: 100 },
        ],
      }),
    );
    expect(bundle!.lines[0]).toMatchObject({ skuId: 1, units: 2 });
    expect(run(unmappedSku, db, [mapped!, bundle!, unknown!])).toEqual([
      null,
      null,
      "line 2: platform SKU 'ABC-1' (旧款杯子) is not mapped to a ShopDesk SKU; line 3: SKU code 'GONE-9' (下架商品) is not a ShopDesk SKU",
    ]);
  });
});

describe('address_invalid', () => {
  it('passes complete Chinese and US addresses in the forms platforms write', () => {
    const db = setupDb();
    const batch = add(
      db,
      order(),
      order({ province: '北京', city: '北京市', district: '朝阳区', buyerPhone: '+86 138 0013 8000' }),
      order({ province: '内蒙古', city: '呼和浩特市', district: '新城区', buyerPhone: '0471-6666666' }),
      order({ country: null, province: '广西壮族自治区', city: '南宁市', district: '青秀区' }),
      order({ country: '中国', province: '香港特别行政区', city: '九龙', district: '油尖旺区', buyerPhone: '+852 2123 4567' }),
      // Written in pinyin (a Shopify checkout): the division data cannot judge it, so it is not called invalid.
      order({ province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', address1: '100 Wensan Rd' }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', buyerNick: null, buyerName: 'Emma Johnson', buyerPhone: null, country: 'US', province: 'CA', city: 'San Jose', district: null, address1: '100 Main St', postcode: '95112' }),
    );
    expect(run(addressInvalid, db, batch)).toEqual([null, null, null, null, null, null, null]);
  });

  it('names every problem: missing fields, wrong city, bad phone, bad postcode', () => {
    const db = setupDb();
    const batch = add(
      db,
      order({ city: '杭洲市' }),
      order({ buyerName: ' ', buyerPhone: null, address1: null }),
      order({ buyerPhone: '1380013800', postcode: '31000' }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', buyerNick: null, buyerName: 'Liam Smith', buyerPhone: '555-0100', country: 'US', province: 'NY', city: 'Brooklyn', district: null, address1: '1 Main St', postcode: null }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', buyerNick: null, buyerName: 'Max Muster', buyerPhone: '+49 30 901820', country: 'DE', province: 'Berlin', city: 'Berlin', district: null, address1: 'Hauptstraße 1', postcode: '10115' }),
    );
    expect(run(addressInvalid, db, batch)).toEqual([
      "city '杭洲市' is not a city of 浙江省",
      'recipient name is missing; street address is missing; phone is missing',
      "phone '1380013800' is not a Chinese mobile (1[3-9] + 9 digits) or landline number with area code; postcode '31000' is not a CN postcode (like 310000)",
      "phone '555-0100' is not a valid US phone number; postcode is missing (required for US)",
      null,
    ]);
  });

  it('masked PII: hidden values are not invalid, visible structure still is', () => {
    const db = setupDb();
    const masked = { platform: 'pinduoduo' as const, shopId: SHOP.pinduoduo, piiMasked: true };
    const batch = add(
      db,
      order({ ...masked, buyerName: '张*', buyerPhone: '138****1234', address1: '文三路***号' }),
      order({ ...masked, buyerName: '*', buyerPhone: '*', address1: '*' }),
      order({ ...masked, buyerName: null, buyerPhone: null, address1: null }), // Amazon without RDT: nothing shown
      order({ ...masked, buyerPhone: '120****1234' }),
      order({ ...masked, buyerName: '张*', buyerPhone: '138****1234', city: '宁波市' }),
    );
    expect(run(addressInvalid, db, batch)).toEqual([
      null,
      null,
      null,
      "phone '120****1234' is not a Chinese mobile number (no mobile number starts 12)",
      "district '西湖区' is in 杭州市, not in 宁波市",
    ]);
  });

  it('strictDistrict and requirePhoneOutsideChina are the seller’s to turn on', () => {
    const db = setupDb();
    const batch = add(
      db,
      order({ province: '江苏省', city: '苏州市', district: '工业园区' }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', buyerNick: null, buyerName: 'Ava Wilson', buyerPhone: null, country: 'US', province: 'WA', city: 'Seattle', district: null, address1: '9 Pine St', postcode: '98101' }),
    );
    expect(run(addressInvalid, db, batch)).toEqual([null, null]);
    expect(run(addressInvalid, db, batch, { strictDistrict: true, requirePhoneOutsideChina: true })).toEqual([
      "district '工业园区' is not a district of 苏州市",
      'phone is missing',
    ]);
  });
});

describe('buyer_message and seller_memo', () => {
  it('fire on a note that is not empty, quoting its first 60 characters', () => {
    const db = setupDb();
    const long = '请发顺丰，'.repeat(20);
    const batch = add(db, order({ buyerMessage: '颜色要白色的' }), order({ buyerMessage: '   ' }), order({ buyerMessage: null, sellerMemo: long }));
    expect(run(buyerMessage, db, batch)).toEqual(['buyer message: "颜色要白色的"', null, null]);
    expect(run(sellerMemo, db, batch)).toEqual([null, null, `seller memo: "${long.slice(0, 60)}…"`]);
  });

  it('ignores a message made only of the harmless phrases', () => {
    const db = setupDb();
    const batch = add(db, order({ buyerMessage: '请尽快发货，谢谢！' }), order({ buyerMessage: '请尽快发货，要红色的' }), order({ buyerMessage: 'Thanks!' }));
    const params = { ignorePatterns: '请尽快发货, 谢谢，thanks' };
    expect(run(buyerMessage, db, batch, params)).toEqual([null, 'buyer message: "请尽快发货，要红色的"', null]);
    expect(run(buyerMessage, db, batch)).toEqual(['buyer message: "请尽快发货，谢谢！"', 'buyer message: "请尽快发货，要红色的"', 'buyer message: "Thanks!"']);
  });
});

describe('platform_risk', () => {
  it('reads the risk flags each platform keeps in its verbatim status', () => {
    const db = setupDb();
    const batch = add(
      db,
      order(),
      order({ platformStatus: 'PAID_FORBID_CONSIGN' }),
      order({ shopId: SHOP.pinduoduo, platform: 'pinduoduo', platformStatus: 'order_status=1 confirm_status=1 refund_status=1 risk_control_status=1' }),
      order({ shopId: SHOP.pinduoduo, platform: 'pinduoduo', platformStatus: 'order_status=1 confirm_status=1 refund_status=1' }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', platformStatus: 'PAID/ON_HOLD' }),
      order({ shopId: SHOP.shopify, platform: 'shopify', currency: 'USD', platformStatus: 'PAID/UNFULFILLED' }),
    );
    expect(run(platformRisk, db, batch)).toEqual([
      null,
      'Taobao forbids shipping this paid order for now (PAID_FORBID_CONSIGN)',
      'Pinduoduo risk review (risk_control_status=1): PDD refuses shipment until it clears',
      null,
      'Shopify has the fulfillment on hold (ON_HOLD)',
      null,
    ]);
  });

  it('JD locked and paused orders; the finding goes away when the platform clears it', () => {
    const db = setupDb();
    const [o] = add(db, order({ shopId: SHOP.jd, platform: 'jd', platformStatus: 'LOCKED' }));
    expect(run(platformRisk, db, [o!])).toEqual(['JD has the order locked (LOCKED): it refuses shipment meanwhile']);
    expect(run(platformRisk, db, [{ ...o!, platformStatus: 'POP_ORDER_PAUSE' }])).toEqual(['JD has the order paused (POP_ORDER_PAUSE): it refuses shipment meanwhile']);
    expect(run(platformRisk, db, [{ ...o!, platformStatus: 'WAIT_SELLER_STOCK_OUT' }])).toEqual([null]);
  });

  it('reads the formats proposed for the adapters that drop the flag today (Kuaishou riskCode, Shopify risk)', () => {
    const db = setupDb();
    const [o] = add(db, order());
    const as = (platform: 'kuaishou' | 'shopify', platformStatus: string) => run(platformRisk, db, [{ ...o!, platform, platformStatus }])[0];
    expect(as('kuaishou', '30 riskCode=3')).toBe('Kuaishou risk control (riskCode=3): Kuaishou refuses shipment while it is set');
    expect(as('kuaishou', '30')).toBeNull();
    expect(as('kuaishou', '30 riskCode=0')).toBeNull();
    expect(as('shopify', 'PAID/UNFULFILLED/RISK_INVESTIGATE')).toBe('Shopify rates the order risky (RISK_INVESTIGATE)');
    expect(as('shopify', 'PAID/UNFULFILLED/RISK_ACCEPT')).toBeNull();
  });
});
