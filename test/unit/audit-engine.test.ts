import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { matchCondition } from '../../main/audit/conditions.js';
import type { AuditRunResult, RulesView } from '../../shared/contract/audit.js';
import { RuleCondition, type AuditExplanation, type AuditFinding, type RuleInput } from '../../shared/domain/audit.js';
import { auditFixture, type AuditFixture } from '../helpers/audit-day.js';
import { tmpDir } from '../helpers/tmp.js';

const HOUR = 3_600_000;
let f: AuditFixture;
beforeEach(() => {
  f = auditFixture(path.join(tmpDir(), 'audit.db'));
});

const engine = () => f.core.audit.service.engine;
const run = () => f.call<AuditRunResult>('audit.run', {});
const save = (rule: RuleInput) => f.call<RulesView>('audit.rules.save', { rule });
const ruleId = async (name: string) => (await f.call<RulesView>('audit.rules.list', {})).rules.find((r) => r.name === name)!.id;
const explain = (id: number) => f.call<AuditExplanation>('audit.explain', { orderId: id });
const events = (id: number) =>
  f.core.db.prepare("SELECT actor, action, reason, data FROM events WHERE entity = 'order' AND entity_id = ? AND action <> 'created' ORDER BY id").all(id) as {
    actor: string;
    action: string;
    reason: string | null;
    data: string | null;
  }[];

describe('conditions, on orders loaded from the store', () => {
  const test = (id: number, c: RuleCondition, fired: string[] = [], stockOk = true) =>
    matchCondition(RuleCondition.parse(c), engine().load(id)!, { now: f.clock.now, fired: new Set(fired as never[]), stockOk: () => stockOk });

  it('shop and platform', () => {
    const id = f.put();
    expect(test(id, { field: 'shop', op: 'in', values: [f.shops.manual] })).toBe('shop "电话订单" is one of the rule\'s shops');
    expect(test(id, { field: 'shop', op: 'in', values: [f.shops.taobao] })).toBeNull();
    expect(test(id, { field: 'shop', op: 'not_in', values: [f.shops.taobao] })).toBe('shop "电话订单" is not one of the rule\'s shops');
    expect(test(id, { field: 'platform', op: 'in', values: ['manual', 'jd'] })).toBe('platform manual is in manual, jd');
    expect(test(id, { field: 'platform', op: 'not_in', values: ['manual'] })).toBeNull();
  });

  it('amounts in the order currency, exact minor units', () => {
    const id = f.put({ lines: [{ skuCode: 'CUP-500-WH', title: '杯', qty: 2, unitPriceMinor: 6000 }], shippingMinor: 800, discountMinor: 300, goodsMinor: 12000, totalMinor: 12500 });
    expect(test(id, { field: 'total', op: 'gte', value: 10000 })).toBe('total 125.00 CNY ≥ 100.00');
    expect(test(id, { field: 'total', op: 'gte', value: 10000, currency: 'USD' })).toBeNull();
    expect(test(id, { field: 'total', op: 'between', value: 12500, value2: 20000, currency: 'CNY' })).toBe('total 125.00 CNY between 125.00 and 200.00');
    expect(test(id, { field: 'total', op: 'lt', value: 12500 })).toBeNull();
    expect(test(id, { field: 'goods', op: 'eq', value: 12000 })).toBe('goods 120.00 CNY = 120.00');
    expect(test(id, { field: 'shipping', op: 'gt', value: 0 })).toBe('shipping 8.00 CNY > 0.00');
    expect(test(id, { field: 'discount', op: 'lte', value: 299 })).toBeNull();
  });

  it('quantity, lines and weight from the SKUs, bundles counted in units', () => {
    const id = f.put({
      lines: [
        { skuCode: 'CUP-500-WH', title: '杯', qty: 3, unitPriceMinor: 8900 },
        { skuCode: 'PILLOW-LATEX', title: '枕', qty: 1, unitPriceMinor: 19900 },
      ],
    });
    expect(test(id, { field: 'quantity', op: 'eq', value: 4 })).toBe('quantity 4 = 4');
    expect(test(id, { field: 'lines', op: 'gte', value: 2 })).toBe('lines 2 ≥ 2');
    expect(test(id, { field: 'weight', op: 'gte', value: 2000 })).toBe('weight 2460 g ≥ 2000 g'); // 3 × 320 + 1500
    // A Taobao 2-pack listing: 3 listings are 6 cups, 1920 g; the rule's SKU code matches our SKU behind the listing.
    const bundle = f.put({ shopId: f.shops.taobao, platform: 'taobao', platformStatus: 'WAIT_SELLER_SEND_GOODS', lines: [{ platformSku: 'TB-5512-2PACK', title: '保温杯两只装', qty: 3, unitPriceMinor: 15900 }] });
    expect(test(bundle, { field: 'weight', op: 'between', value: 1900, value2: 1950 })).toBe('weight 1920 g between 1900 g and 1950 g');
    expect(test(bundle, { field: 'sku', op: 'any', values: ['cup-500-wh'] })).toBe('line 1 is SKU CUP-500-WH');
    // A line nobody knows has no weight: a weight rule does not guess.
    const unknown = f.put({ lines: [{ platformSku: 'OLD-1', title: '旧款', qty: 1, unitPriceMinor: 100 }] });
    expect(test(unknown, { field: 'weight', op: 'lt', value: 100000 })).toBeNull();
  });

  it('SKUs: any, all, none', () => {
    const id = f.put({
      lines: [
        { skuCode: 'CUP-500-WH', title: '杯', qty: 1, unitPriceMinor: 8900 },
        { skuCode: 'RUG-LIVING-L', title: '地毯', qty: 1, unitPriceMinor: 39900 },
      ],
    });
    expect(test(id, { field: 'sku', op: 'any', values: ['RUG-LIVING-L'] })).toBe('line 2 is SKU RUG-LIVING-L');
    expect(test(id, { field: 'sku', op: 'all', values: ['RUG-LIVING-L'] })).toBeNull();
    expect(test(id, { field: 'sku', op: 'all', values: ['RUG-LIVING-L', 'CUP-500-WH'] })).toBe('every line is one of SKUs RUG-LIVING-L, CUP-500-WH');
    expect(test(id, { field: 'sku', op: 'none', values: ['LAMP-LTD-ED'] })).toBe('no line is one of SKUs LAMP-LTD-ED');
    expect(test(id, { field: 'sku', op: 'none', values: ['CUP-500-WH'] })).toBeNull();
  });

  it('region from the left, with or without the country and the administrative suffix', () => {
    const id = f.put();
    expect(test(id, { field: 'region', op: 'in', values: ['广东省', '浙江省'] })).toBe('region CN/浙江省/杭州市 is in 浙江省');
    expect(test(id, { field: 'region', op: 'in', values: ['浙江/杭州'] })).toBe('region CN/浙江省/杭州市 is in 浙江/杭州');
    expect(test(id, { field: 'region', op: 'in', values: ['CN/浙江省/杭州市'] })).not.toBeNull();
    expect(test(id, { field: 'region', op: 'in', values: ['浙江省/宁波市'] })).toBeNull();
    expect(test(id, { field: 'region', op: 'not_in', values: ['新疆维吾尔自治区', '西藏'] })).toBe('region CN/浙江省/杭州市 is outside 新疆维吾尔自治区, 西藏');
    const us = f.put({ shopId: f.shops.shopify, platform: 'shopify', platformStatus: 'PAID/UNFULFILLED', currency: 'USD', country: 'US', province: 'CA', city: 'San Jose', district: null, postcode: '95112' });
    expect(test(us, { field: 'region', op: 'in', values: ['US/CA'] })).toBe('region US/CA/San Jose is in US/CA');
    expect(test(us, { field: 'region', op: 'in', values: ['US/NY'] })).toBeNull();
  });

  it('buyer equal to or containing a value; phones compared by digits', () => {
    const id = f.put({ buyerNick: 'Lucky猫' });
    expect(test(id, { field: 'buyer', op: 'in', values: ['lucky猫'] })).toBe('buyer nick "Lucky猫" is "lucky猫"');
    expect(test(id, { field: 'buyer', op: 'in', values: ['138 0013 8000'] })).toBe('buyer phone "13800138000" is "138 0013 8000"');
    expect(test(id, { field: 'buyer', op: 'contains', values: ['张'] })).toBe('buyer name "张伟" contains "张"');
    expect(test(id, { field: 'buyer', op: 'in', values: ['张'] })).toBeNull();
  });

  it('remarks: keywords, empty, not empty, either', () => {
    const id = f.put({ buyerMessage: '请发顺丰，谢谢', sellerMemo: null });
    expect(test(id, { field: 'remark', target: 'buyer_message', op: 'contains', values: ['京东', '顺丰'] })).toBe('buyer message "请发顺丰，谢谢" contains "顺丰"');
    expect(test(id, { field: 'remark', target: 'seller_memo', op: 'empty' })).toBe('seller memo is empty');
    expect(test(id, { field: 'remark', target: 'either', op: 'empty' })).toBeNull();
    expect(test(id, { field: 'remark', target: 'either', op: 'not_empty' })).toBe('buyer message is "请发顺丰，谢谢"');
    expect(test(id, { field: 'remark', target: 'seller_memo', op: 'contains', values: ['顺丰'] })).toBeNull();
  });

  it('payment, stock, tags', () => {
    const id = f.put({ payment: 'partly_refunded' });
    f.core.db.prepare("INSERT INTO order_tags (order_id, tag) VALUES (?, 'VIP')").run(id);
    expect(test(id, { field: 'payment', op: 'in', values: ['partly_refunded'] })).toBe('payment is partly_refunded');
    expect(test(id, { field: 'payment', op: 'in', values: ['paid'] })).toBeNull();
    expect(test(id, { field: 'stock', op: 'available' }, [], true)).toBe('every line is in stock');
    expect(test(id, { field: 'stock', op: 'short' }, [], false)).toBe('a line is short of stock');
    expect(test(id, { field: 'stock', op: 'short' }, [], true)).toBeNull();
    expect(test(id, { field: 'tag', op: 'any', values: ['vip'] })).toBe('tagged "vip"');
    expect(test(id, { field: 'tag', op: 'none', values: ['VIP', '黑名单'] })).toBeNull();
    expect(test(id, { field: 'tag', op: 'none', values: ['黑名单'] })).toBe('not tagged "黑名单"');
  });

  it('placed hour in local time (wrapping past midnight) and hours left to ship', () => {
    const late = f.put({ placedAt: new Date(2026, 10, 23, 23, 30).getTime() });
    expect(test(late, { field: 'placed_hour', op: 'between', value: 22, value2: 6 })).toBe('placed at 23h, within 22–6h');
    expect(test(late, { field: 'placed_hour', op: 'between', value: 8, value2: 20 })).toBeNull();
    const urgent = f.put({ shipBy: f.clock.now + 5 * HOUR });
    expect(test(urgent, { field: 'ship_by_hours', op: 'lt', value: 24 })).toBe('ship-by in 5.0 h < 24 h');
    expect(test(urgent, { field: 'ship_by_hours', op: 'gt', value: 24 })).toBeNull();
    const none = f.put({ shipBy: null });
    expect(test(none, { field: 'ship_by_hours', op: 'lt', value: 24 })).toBeNull();
  });

  it('which built-in checks fired', () => {
    const id = f.put();
    expect(test(id, { field: 'check', op: 'fired', values: ['buyer_message', 'seller_memo'] }, ['seller_memo'])).toBe('check seller_memo fired');
    expect(test(id, { field: 'check', op: 'not_fired', values: ['buyer_message'] }, ['seller_memo'])).toBe('checks buyer_message did not fire');
    expect(test(id, { field: 'check', op: 'not_fired', values: ['seller_memo'] }, ['seller_memo'])).toBeNull();
  });
});

describe('outcomes and actions', () => {
  it('nothing fired: approved, to print, with the event, the result and the first outcome', async () => {
    const id = f.put();
    const r = await run();
    expect(r).toMatchObject({ evaluated: 1, approved: 1, review: 0, held: 0 });
    expect(f.state(id)).toEqual({ queue: 'to_print', workflow: 'approved', flags: [] });
    const ev = events(id);
    expect(ev.map((e) => [e.actor, e.action, e.reason])).toEqual([['rule:audit', 'approved', 'no check fired and no rule objected']]);
    // The line's SKU was resolved and written back, recorded on the same event.
    expect(JSON.parse(ev[0]!.data!)).toEqual({ skuResolved: [{ lineNo: 1, from: null, to: f.skus['CUP-500-WH'] }] });
    expect(f.core.db.prepare('SELECT sku_id FROM order_lines WHERE order_id = ?').pluck().get(id)).toBe(f.skus['CUP-500-WH']);
    expect(await explain(id)).toMatchObject({ orderId: id, outcome: 'approve', decidedBy: 'auto', evaluatedAt: f.clock.now, findings: [], skipped: null });
    expect(f.core.db.prepare('SELECT outcome, rule_id, decided_by FROM audit_outcomes WHERE order_id = ?').get(id)).toEqual({ outcome: 'approve', rule_id: null, decided_by: 'auto' });
  });

  it('a fired check sends the order to review with its finding as the flag note', async () => {
    const id = f.put({ sellerMemo: '客户要求下周再发' });
    await run();
    expect(f.state(id)).toEqual({
      queue: 'review',
      workflow: 'pending_audit',
      flags: [{ kind: 'exception', reason: 'seller_memo', createdBy: 'rule:audit', note: 'seller memo: "客户要求下周再发"', releaseAt: null }],
    });
    expect((await explain(id)).findings).toEqual([{ source: 'check', check: 'seller_memo', outcome: 'review', detail: 'seller memo: "客户要求下周再发"', waivedBy: null }]);
    expect(events(id).map((e) => [e.actor, e.action, e.reason])).toEqual([['rule:audit', 'exception_raised', 'seller_memo']]);
  });

  it('review and hold actions: rule_review with the note; holds with each release kind', async () => {
    await save({ name: 'Big', conditions: [{ field: 'total', op: 'gte', value: 100000 }], actions: [{ type: 'review', note: '大额核对' }] });
    await save({ name: 'Presale', conditions: [{ field: 'sku', op: 'any', values: ['RUG-LIVING-L'] }], actions: [{ type: 'hold', reason: 'presale', release: { kind: 'after', minutes: 90 } }] });
    await save({ name: 'Before ship-by', conditions: [{ field: 'sku', op: 'any', values: ['PILLOW-LATEX'] }], actions: [{ type: 'hold', reason: 'address_check', note: '等地址', release: { kind: 'before_ship_by', hours: 6 } }] });
    await save({ name: 'Pay check', conditions: [{ field: 'payment', op: 'in', values: ['partly_refunded'] }], actions: [{ type: 'hold', reason: 'payment_check', release: { kind: 'manual' } }] });
    const big = f.put({ lines: [{ skuCode: 'CUP-500-WH', title: '杯', qty: 20, unitPriceMinor: 8900 }] });
    const rug = f.put({ lines: [{ skuCode: 'RUG-LIVING-L', title: '地毯', qty: 1, unitPriceMinor: 39900 }] });
    const pillow = f.put({ lines: [{ skuCode: 'PILLOW-LATEX', title: '枕', qty: 1, unitPriceMinor: 19900 }], shipBy: f.clock.now + 30 * HOUR });
    const partly = f.put({ payment: 'partly_refunded' });
    const r = await run();
    expect(r).toMatchObject({ evaluated: 4, approved: 0, review: 1, held: 3 });
    expect(f.state(big)).toMatchObject({ queue: 'review', flags: [{ kind: 'exception', reason: 'rule_review', createdBy: 'rule:Big', note: '大额核对', releaseAt: null }] });
    expect(f.state(rug)).toMatchObject({ queue: 'on_hold', flags: [{ kind: 'hold', reason: 'presale', createdBy: 'rule:Presale', note: 'rule "Presale"', releaseAt: f.clock.now + 90 * 60_000 }] });
    expect(f.state(pillow)).toMatchObject({ queue: 'on_hold', flags: [{ kind: 'hold', reason: 'address_check', note: '等地址', releaseAt: f.clock.now + 24 * HOUR }] });
    expect(f.state(partly)).toMatchObject({ queue: 'on_hold', flags: [{ kind: 'hold', reason: 'payment_check', releaseAt: null }] });
    expect(events(rug).map((e) => [e.actor, e.action, e.reason])).toEqual([['rule:Presale', 'held', 'presale']]);
    const presaleId = await ruleId('Presale');
    expect(f.core.db.prepare('SELECT outcome, rule_id FROM audit_outcomes WHERE order_id = ?').get(rug)).toEqual({ outcome: 'hold', rule_id: presaleId });
  });

  it('tag, carrier, warehouse and priority: written to the order, each an event by its rule', async () => {
    await save({
      name: 'Heavy',
      conditions: [{ field: 'weight', op: 'gte', value: 4000 }],
      actions: [
        { type: 'tag', tags: ['大件', 'heavy'] },
        { type: 'set_carrier', carrier: 'sf' },
        { type: 'set_warehouse', warehouseId: f.warehouses.gz },
        { type: 'set_priority', priority: 5 },
        { type: 'approve' },
      ],
    });
    const id = f.put({ lines: [{ skuCode: 'RUG-LIVING-L', title: '地毯', qty: 1, unitPriceMinor: 39900 }] });
    await run();
    const o = f.core.db.prepare('SELECT queue, carrier, warehouse_id, priority FROM orders WHERE id = ?').get(id);
    expect(o).toEqual({ queue: 'to_print', carrier: 'SF', warehouse_id: f.warehouses.gz, priority: 5 });
    expect(f.core.db.prepare('SELECT tag FROM order_tags WHERE order_id = ? ORDER BY tag').pluck().all(id)).toEqual(['heavy', '大件']);
    expect(events(id).map((e) => [e.actor, e.action, e.reason])).toEqual([
      ['rule:Heavy', 'approved', 'rule "Heavy" approved it'],
      ['rule:Heavy', 'tagged', '大件'],
      ['rule:Heavy', 'tagged', 'heavy'],
      ['rule:Heavy', 'carrier_set', 'SF'],
      ['rule:Heavy', 'warehouse_set', String(f.warehouses.gz)],
      ['rule:Heavy', 'priority_set', '5'],
    ]);
    const [finding] = (await explain(id)).findings as Extract<AuditFinding, { source: 'rule' }>[];
    expect(finding).toMatchObject({ source: 'rule', name: 'Heavy', matched: ['weight 4800 g ≥ 4000 g'], overridden: [] });
    // Audited again with nothing new to say: no second round of events.
    await run();
    expect(events(id)).toHaveLength(6);
  });

  it('a rule waives a check: the message is harmless, the order passes, the finding says who waived it', async () => {
    await save({
      name: 'Hurry is fine',
      conditions: [{ field: 'remark', target: 'buyer_message', op: 'contains', values: ['尽快'] }],
      actions: [{ type: 'waive', checks: ['buyer_message'] }],
    });
    const id = f.put({ buyerMessage: '麻烦尽快发' });
    await run();
    expect(f.state(id)).toEqual({ queue: 'to_print', workflow: 'approved', flags: [] });
    const e = await explain(id);
    const waiver = await ruleId('Hurry is fine');
    expect(e.findings[0]).toEqual({ source: 'check', check: 'buyer_message', outcome: 'review', detail: 'buyer message: "麻烦尽快发"', waivedBy: waiver });
    expect(events(id)[0]!.reason).toBe('every check that fired was waived or accepted');
  });

  it('precedence: a check beats a rule that approves, a rule that holds beats a check (both flags raised)', async () => {
    await save({ name: 'Phone orders ok', conditions: [{ field: 'platform', op: 'in', values: ['manual'] }], actions: [{ type: 'approve' }] });
    const memo = f.put({ sellerMemo: '老客户' });
    await run();
    expect(f.state(memo)).toMatchObject({ queue: 'review', workflow: 'pending_audit' });
    await save({ name: 'Memo hold', conditions: [{ field: 'check', op: 'fired', values: ['seller_memo'] }], actions: [{ type: 'hold', reason: 'manual_hold', release: { kind: 'when_fixed' } }] });
    await f.call('audit.rules.move', { id: await ruleId('Memo hold'), position: 0 });
    const r = await run();
    expect(r.held).toBe(1);
    expect(f.state(memo)).toMatchObject({ queue: 'on_hold', workflow: 'pending_audit' });
    expect(f.state(memo).flags.map((x) => `${x.kind}:${x.reason}`).sort()).toEqual(['exception:seller_memo', 'hold:manual_hold']);
  });

  it('stop: a rule that fires and stops leaves the later rules unevaluated', async () => {
    await save({ name: 'VIP shop', conditions: [{ field: 'shop', op: 'in', values: [f.shops.manual] }], actions: [{ type: 'tag', tags: ['vip'] }, { type: 'approve' }], stop: true });
    await save({ name: 'Tag all', conditions: [], actions: [{ type: 'tag', tags: ['seen'] }] });
    const phone = f.put();
    const shopify = f.put({ shopId: f.shops.shopify, platform: 'shopify', platformStatus: 'PAID/UNFULFILLED', currency: 'USD', country: 'US', province: 'TX', city: 'Austin', postcode: '78701', buyerPhone: null });
    await run();
    expect(f.core.db.prepare('SELECT tag FROM order_tags WHERE order_id = ?').pluck().all(phone)).toEqual(['vip']);
    expect(f.core.db.prepare('SELECT tag FROM order_tags WHERE order_id = ?').pluck().all(shopify)).toEqual(['seen']);
    expect((await explain(phone)).findings.map((x) => (x.source === 'rule' ? x.name : x.check))).toEqual(['VIP shop']);
  });

  it('conflicts: the first rule decides outcome, carrier, warehouse and priority; later differing ones are recorded as overridden', async () => {
    await save({ name: 'A', conditions: [{ field: 'platform', op: 'in', values: ['manual'] }], actions: [{ type: 'approve' }, { type: 'set_carrier', carrier: 'SF' }, { type: 'set_priority', priority: 1 }] });
    await save({
      name: 'B',
      conditions: [{ field: 'region', op: 'in', values: ['浙江省'] }],
      actions: [{ type: 'hold', reason: 'address_check', release: { kind: 'manual' } }, { type: 'set_carrier', carrier: 'YTO' }, { type: 'set_priority', priority: 1 }, { type: 'set_warehouse', warehouseId: f.warehouses.hz }],
    });
    await save({ name: 'C', conditions: [{ field: 'quantity', op: 'gte', value: 1 }], actions: [{ type: 'set_warehouse', warehouseId: f.warehouses.gz }, { type: 'approve' }] });
    const a = await ruleId('A');
    const b = await ruleId('B');
    const id = f.put();
    f.put();
    await run();
    expect(f.state(id)).toMatchObject({ queue: 'to_print', workflow: 'approved' });
    expect(f.core.db.prepare('SELECT carrier, warehouse_id, priority FROM orders WHERE id = ?').get(id)).toEqual({ carrier: 'SF', warehouse_id: f.warehouses.hz, priority: 1 });
    const rules = (await explain(id)).findings as Extract<AuditFinding, { source: 'rule' }>[];
    expect(rules.map((x) => [x.name, x.overridden])).toEqual([
      ['A', []],
      ['B', [{ action: 'outcome: hold', byRuleId: a }, { action: 'carrier: YTO', byRuleId: a }]],
      ['C', [{ action: 'warehouse: ' + f.warehouses.gz, byRuleId: b }]],
    ]);
    const view = await f.call<RulesView>('audit.rules.list', {});
    const c = await ruleId('C');
    expect(view.conflicts.map((x) => [x.winnerId, x.loserId, x.on, x.orders])).toEqual(
      expect.arrayContaining([
        [a, b, 'outcome', 2],
        [a, b, 'carrier', 2],
        [b, c, 'warehouse', 2],
      ]),
    );
  });

  it('check settings: a check set to hold holds, a disabled check is silent', async () => {
    await f.call('audit.checks.save', { check: 'seller_memo', enabled: true, outcome: 'hold', params: {} });
    await f.call('audit.checks.save', { check: 'buyer_message', enabled: false, outcome: 'review', params: {} });
    const memo = f.put({ sellerMemo: '先别发' });
    const msg = f.put({ buyerMessage: '要蓝色' });
    await run();
    expect(f.state(memo)).toMatchObject({ queue: 'on_hold', flags: [{ kind: 'hold', reason: 'seller_memo', createdBy: 'rule:audit' }] });
    expect(f.state(msg)).toMatchObject({ queue: 'to_print', flags: [] });
  });

  it('only paid orders the platform still wants shipped, not intercepted nor printed, are audited', async () => {
    const unpaid = f.put({ platformState: 'unpaid', payment: 'unpaid', platformStatus: '待付款', paidAt: null });
    const cancelled = f.put({ platformState: 'cancelled', payment: 'refunded', platformStatus: '已取消' });
    const printed = f.put();
    f.core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(printed);
    const r = await run();
    expect(r.evaluated).toBe(0);
    expect((await explain(unpaid)).skipped).toBe('not paid yet');
    expect((await explain(cancelled)).skipped).toBe('cancelled on the platform');
    expect(await explain(printed)).toMatchObject({ skipped: 'already printed, past audit', outcome: null, findings: [] });
  });
});
