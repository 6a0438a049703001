import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import type { MergeSuggestion } from '../../shared/contract/audit.js';
import { tmpDir, TEST_CTX } from '../helpers/tmp.js';

/*
 * Merge eligibility and suggestions over a real SQLite store: every refusal says why in words naming the order,
 * and suggestions group one shop's buyer+address however it is spelled (case, spaces, full-width).
 */

const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);
const HOUR = 3600_000;
let core: Core;
let serial = 0;

beforeAll(() => {
  core = createCore({ dbPath: path.join(tmpDir(), 'parcels.db'), checkOutputs: true, log: () => {} });
  const ins = core.db.prepare('INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
  ins.run(1, 'shopify', 'US store', 'USD');
  ins.run(2, 'shopify', 'EU store', 'EUR');
  ins.run(3, 'douyin', '抖店', 'CNY');
  ins.run(4, 'amazon', 'Amazon US', 'USD');
  ins.run(5, 'taobao', '旗舰店', 'CNY');
});
afterAll(() => core.close());

/** A paid, unprinted Shopify order for Jane Doe at 12 Main St (each call a new order, a minute newer). */
function order(over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  serial++;
  return {
    shopId: 1, platform: 'shopify', platformOrderId: `#${1000 + serial}`, platformStatus: 'PAID', platformState: 'to_ship', payment: 'paid',
    buyerName: 'Jane Doe', country: 'US', province: 'NY', city: 'New York', address1: '12 Main St', postcode: '10001',
    currency: 'USD', goodsMinor: 2500, totalMinor: 2500, placedAt: NOW - 10 * HOUR + serial * 60_000, platformUpdatedAt: NOW,
    lines: [{ platformLineId: `L${serial}`, skuCode: 'MUG', title: 'Mug', qty: 1, unitPriceMinor: 2500 }],
    raw: { format: 'shopify.graphql.order', payload: JSON.stringify({ id: `gid://shopify/Order/${serial}` }) },
    ...over,
  };
}

function store(...orders: NormalizedOrder[]): number[] {
  return core.orders.writer.upsertMany(orders, 'test', NOW).ids;
}

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

async function mergeError(ids: number[]): Promise<{ code: string; message: string }> {
  const r = await core.dispatch('orders.merge', { orderIds: ids }, TEST_CTX);
  if (r.ok) throw new Error(`merge of ${ids.join(', ')} was allowed`);
  return r.error;
}

const pid = (id: number) => (core.db.prepare('SELECT platform_order_id AS p FROM orders WHERE id = ?').get(id) as { p: string }).p;

describe('merge eligibility: each refusal names the order and the reason', () => {
  const cases: [string, () => [number, number], (second: string, first: string) => RegExp][] = [
    ['another shop', () => [store(order())[0]!, store(order({ shopId: 2, currency: 'EUR' }))[0]!], (b, a) => new RegExp(`order ${b} is from another shop than order ${a}`)],
    ['another buyer', () => [store(order())[0]!, store(order({ buyerName: 'John Doe' }))[0]!], (b, a) => new RegExp(`order ${b} is for another buyer than order ${a}`)],
    ['another address', () => [store(order())[0]!, store(order({ address1: '14 Main St' }))[0]!], (b, a) => new RegExp(`order ${b} goes to another address than order ${a}`)],
    ['another currency', () => [store(order())[0]!, store(order({ currency: 'CAD' }))[0]!], (b, a) => new RegExp(`order ${b} is in CAD, order ${a} in USD`)],
    ['other carriers', () => [store(order({ carrier: 'UPS' }))[0]!, store(order({ carrier: 'USPS' }))[0]!], () => /different carriers \(UPS, USPS\)/],
    ['not paid', () => [store(order())[0]!, store(order({ payment: 'unpaid', platformState: 'unpaid' }))[0]!], (b) => new RegExp(`order ${b} is not paid in full \\(payment: unpaid\\)`)],
    ['partly refunded', () => [store(order())[0]!, store(order({ payment: 'partly_refunded', refundedMinor: 100 }))[0]!], (b) => new RegExp(`order ${b} is not paid in full \\(payment: partly_refunded\\)`)],
    [
      'cash on delivery (pays later: paid 0)',
      () => [store(order())[0]!, store(order({ paidMinor: 0 }))[0]!],
      (b) => new RegExp(`order ${b} is cash on delivery \\(paid 0 of the total \\(pays on delivery\\)\\): such orders are never merged or split`),
    ],
  ];
  for (const [what, make, expected] of cases) {
    it(`refuses ${what}`, async () => {
      const [a, b] = make();
      const e = await mergeError([a, b]);
      expect(e.code).toBe('conflict');
      expect(e.message).toMatch(expected(pid(b), pid(a)));
      expect((core.db.prepare('SELECT count(*) AS n FROM parcel_lines WHERE order_id IN (?, ?)').get(a, b) as { n: number }).n).toBe(0);
    });
  }

  it('refuses printed orders (workflow, or any line printed), holds, intercepts, open after-sales, shipped ones', async () => {
    const [a, printed, linePrinted, held, intercepted, afterSale, shipped] = store(...Array.from({ length: 7 }, () => order()));
    core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(printed);
    core.db.prepare("UPDATE orders SET workflow = 'allocated', queue = 'to_print' WHERE id = ?").run(linePrinted);
    core.db.prepare('UPDATE order_lines SET qty_printed = 1 WHERE order_id = ?').run(linePrinted);
    core.db.prepare("UPDATE orders SET open_flags = 1, queue = 'on_hold' WHERE id = ?").run(held);
    core.db.prepare("UPDATE orders SET open_flags = 4, queue = 'intercepted' WHERE id = ?").run(intercepted);
    core.db.prepare("UPDATE orders SET after_sales = 'requested' WHERE id = ?").run(afterSale);
    core.db.prepare("UPDATE orders SET workflow = 'shipped', queue = 'shipped' WHERE id = ?").run(shipped);
    const expectations: [number, RegExp][] = [
      [printed!, /is already printed: merge and split happen before printing/],
      [linePrinted!, /has 1 line\(s\) printed: merge and split happen before printing/],
      [held!, /is on hold; release the hold first/],
      [intercepted!, /is intercepted \(refunded or cancelled on the platform after import\)/],
      [afterSale!, /has an open after-sales case/],
      [shipped!, /has already shipped/],
    ];
    for (const [id, why] of expectations) {
      const e = await mergeError([a!, id]);
      expect(e.message, pid(id)).toMatch(new RegExp(`order ${pid(id)} ${why.source}`));
    }
  });

  it('refuses cash on delivery read from the platform payload (Douyin pay_type 0) and Amazon Prime / FBA', async () => {
    const douyin = (payType: number) =>
      order({ shopId: 3, platform: 'douyin', currency: 'CNY', platformStatus: '2', raw: { format: 'douyin.shop_order', payload: JSON.stringify({ order_id: `D${serial}`, pay_type: payType }) } });
    const [d1, d2] = store(douyin(1), douyin(0));
    expect((await mergeError([d1!, d2!])).message).toMatch(new RegExp(`order ${pid(d2!)} is cash on delivery \\(Douyin pay_type 0 \\(货到付款\\)\\)`));

    const amazon = (o: Record<string, unknown>) =>
      order({ shopId: 4, platform: 'amazon', platformStatus: 'Unshipped', raw: { format: 'amazon.orders.v0', payload: JSON.stringify({ order: { AmazonOrderId: `A${serial}`, ...o }, items: [] }) } });
    const [plain, prime, fba, cod] = store(amazon({ IsPrime: false }), amazon({ IsPrime: true }), amazon({ FulfillmentChannel: 'AFN' }), amazon({ PaymentMethod: 'COD' }));
    expect((await mergeError([plain!, prime!])).message).toMatch(new RegExp(`order ${pid(prime!)} is an Amazon Prime order`));
    expect((await mergeError([plain!, fba!])).message).toMatch(new RegExp(`order ${pid(fba!)} is fulfilled by Amazon \\(FBA\\)`));
    expect((await mergeError([plain!, cod!])).message).toMatch(new RegExp(`order ${pid(cod!)} is cash on delivery \\(Amazon PaymentMethod COD\\)`));
  });

  it('masked addresses merge only when the platform reference (Taobao OAID) is the same', async () => {
    const tb = (oaid: string | null) =>
      order({
        shopId: 5, platform: 'taobao', currency: 'CNY', platformStatus: 'WAIT_SELLER_SEND_GOODS', buyerNick: 't**1', buyerName: '张**', country: 'CN', province: '浙江省',
        city: '杭州市', address1: '文一****', postcode: null, piiMasked: true, piiRef: oaid ? { oaid, tid: `T${serial}` } : null, raw: { format: 'taobao.trade.fullinfo', payload: '{"type":"fixed"}' },
      });
    const [a, b, other, none] = store(tb('oaid-1'), tb('oaid-1'), tb('oaid-2'), tb(null));
    expect((await mergeError([a!, other!])).message).toMatch(new RegExp(`order ${pid(other!)} and order ${pid(a!)} have masked addresses whose platform references differ`));
    expect((await mergeError([a!, none!])).message).toMatch(new RegExp(`order ${pid(none!)} has a masked address and no decrypt reference`));
    const parcel = await call<{ kind: string; lines: { orderId: number }[] }>('orders.merge', { orderIds: [b!, a!] });
    expect(parcel.kind).toBe('merged');
    expect(parcel.lines.map((l) => l.orderId)).toEqual([a, b]); // oldest first, whatever order they were given in
    // Already in a parcel: refused, naming the parcel.
    const [c] = store(tb('oaid-1'));
    expect((await mergeError([a!, c!])).message).toMatch(new RegExp(`order ${pid(a!)} is already in merged parcel #\\d+`));
  });

  it('refuses a list naming an order twice, and an order that does not exist', async () => {
    const [a] = store(order());
    expect(await mergeError([a!, a!])).toMatchObject({ code: 'invalid_input', message: `order ${a} is listed twice` });
    expect(await mergeError([a!, 9_999_999])).toMatchObject({ code: 'not_found', message: 'order 9999999 does not exist' });
  });
});

describe('merge suggestions', () => {
  it('groups one shop’s buyer and address however it is spelled, oldest first, and leaves out what may not merge', async () => {
    core.db.prepare('DELETE FROM parcels').run();
    core.db.prepare('DELETE FROM orders').run();
    const addr = { country: 'US', province: 'CA', city: 'San Jose', postcode: '95112' };
    const ids = store(
      order({ ...addr, buyerName: 'Ann Lee', address1: '5 Oak Ave' }), // 0: group A
      order({ ...addr, buyerName: 'Bo Chen', address1: '9 Elm Rd' }), // 1: group B
      order({ ...addr, buyerName: '  ANN  lee ', address1: '5 oak  AVE' }), // 2: group A (case and spaces)
      order({ ...addr, buyerName: 'Bo Chen', address1: '９ Ｅｌｍ Rd' }), // 3: group B (full-width)
      order({ ...addr, buyerName: 'Ann Lee', address1: '5 Oak Ave', shopId: 2, currency: 'EUR' }), // 4: another shop
      order({ ...addr, buyerName: 'Ann Lee', address1: '5 Oak Ave', payment: 'unpaid', platformState: 'unpaid' }), // 5: unpaid
      order({ ...addr, buyerName: 'Ann Lee', address1: '5 Oak Ave', paidMinor: 0 }), // 6: COD
      order({ ...addr, buyerName: 'Cy Wu', address1: '1 Pine St' }), // 7: alone
      order({ ...addr, buyerName: 'Bo Chen', address1: '9 Elm Rd', currency: 'CAD' }), // 8: B's buyer, another currency
      order({ ...addr, buyerName: 'Ann Lee', address1: '5 Oak Ave' }), // 9: group A, put on hold below
      order({ ...addr, buyerName: 'Di Xu', address1: '2 Bay St', carrier: 'UPS' }), // 10: group C, UPS
      order({ ...addr, buyerName: 'Di Xu', address1: '2 Bay St', carrier: 'FEDEX' }), // 11: group C, FedEx
      order({ ...addr, buyerName: 'Di Xu', address1: '2 Bay St' }), // 12: group C, no carrier yet
    );
    core.db.prepare("UPDATE orders SET workflow = 'approved', queue = 'to_print' WHERE id = ?").run(ids[3]);
    core.db.prepare("UPDATE orders SET open_flags = 1, queue = 'on_hold' WHERE id = ?").run(ids[9]);
    const { suggestions } = await call<{ suggestions: MergeSuggestion[] }>('orders.merge.suggestions', {});
    expect(suggestions).toEqual([
      { orderIds: [ids[0], ids[2]], shopId: 1, buyer: 'Ann Lee', address: '5 Oak Ave, San Jose, CA, 95112, US', totalMinor: 5000, currency: 'USD' },
      { orderIds: [ids[1], ids[3]], shopId: 1, buyer: 'Bo Chen', address: '9 Elm Rd, San Jose, CA, 95112, US', totalMinor: 5000, currency: 'USD' },
    ]);
    // Two carriers at one address: no suggestion mixes them; an order with none joins only when there is one carrier.
    core.db.prepare("UPDATE orders SET carrier = 'UPS' WHERE id = ?").run(ids[11]);
    const again = (await call<{ suggestions: MergeSuggestion[] }>('orders.merge.suggestions', {})).suggestions;
    expect(again.map((s) => s.orderIds)).toEqual([
      [ids[0], ids[2]],
      [ids[1], ids[3]],
      [ids[10], ids[11], ids[12]],
    ]);
    expect((await call<{ suggestions: MergeSuggestion[] }>('orders.merge.suggestions', { limit: 1 })).suggestions).toHaveLength(1);
    expect((await call<{ suggestions: MergeSuggestion[] }>('orders.merge.suggestions', { shopIds: [2] })).suggestions).toEqual([]);
    // Suggesting changed nothing: no parcel, no event.
    expect((core.db.prepare('SELECT count(*) AS n FROM parcels').get() as { n: number }).n).toBe(0);
    // Each suggestion merges as suggested.
    for (const s of again) expect((await call<{ lines: unknown[] }>('orders.merge', { orderIds: s.orderIds })).lines).toHaveLength(s.orderIds.length);
    expect((await call<{ suggestions: MergeSuggestion[] }>('orders.merge.suggestions', {})).suggestions).toEqual([]);
  });
});
