import { afterEach, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../main/sync/http.js';
import { amazonAdapter } from '../../main/sync/platforms/amazon/adapter.js';
import { amazonCarrier } from '../../main/sync/platforms/amazon/carriers.js';
import { splitLineTotal } from '../../main/sync/platforms/amazon/mapping.js';
import { MSG } from '../sim/amazon/envelope.js';
import { iso } from '../sim/amazon/fixtures.js';
import { adapterFor, collect, contextFor, rejection, SIM_CREDENTIALS, TEST_RETRY, windowFrom } from '../sim/amazon/harness.js';
import { AmazonSim, type AmazonSimOptions } from '../sim/amazon/server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Plans generous enough that only the throttling tests throttle. */
const ROOMY = { rate: 1000, burst: 10_000 };
const ROOMY_PLANS: AmazonSimOptions['plans'] = { getOrders: ROOMY, getOrderItems: ROOMY, confirmShipment: ROOMY };

const sims: AmazonSim[] = [];
async function sim(opts: AmazonSimOptions = {}): Promise<AmazonSim> {
  const s = await AmazonSim.start({ plans: ROOMY_PLANS, ...opts });
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

const one = (sku: string, price: string, qty = 1) => ({ sku, qty, itemPrice: price });

describe('Amazon adapter: listing orders (getOrders + getOrderItems)', () => {
  it('first sync pages through NextToken (encoded, MarketplaceIds kept) and reads every order’s items, items paged too', async () => {
    const s = await sim({ itemsPageSize: 2 });
    const t0 = s.clock.now();
    const ids = Array.from({ length: 205 }, (_, i) => s.addOrder({ items: [one(`SKU-${i}`, '12.50')] }, t0 - 2 * HOUR + i * 1000).id);
    const big = s.addOrder({ items: [1, 2, 3, 4, 5].map((n) => one(`MULTI-${n}`, `${n}.00`, n)) }, t0 - 90 * MIN);
    s.addOrder({ channel: 'AFN', items: [one('FBA-1', '9.99')] }, t0 - HOUR); // Amazon ships it: not ours
    s.addOrder({ items: [one('OLD', '1.00')] }, t0 - 40 * 24 * HOUR); // outside the window
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);

    const pages = await collect(adapter, windowFrom(s, adapter, t0 - 30 * 24 * HOUR), ctx);

    expect(pages).toHaveLength(3); // 206 orders at 100 a page
    const got = pages.flatMap((p) => p.orders);
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
    expect(pages.every((p) => p.watermark === undefined)).toBe(true);
    expect(new Set(got.map((o) => o.platformOrderId))).toEqual(new Set([...ids, big.id]));
    const multi = got.find((o) => o.platformOrderId === big.id)!;
    expect(multi.lines.map((l) => [l.platformSku, l.qty, l.unitPriceMinor])).toEqual([1, 2, 3, 4, 5].map((n) => [`MULTI-${n}`, n, 100]));
    expect(multi.lines[0]!.platformLineId).toBe(big.items[0]!.OrderItemId);

    const listCalls = s.log.filter((r) => r.path === '/orders/v0/orders');
    expect(listCalls).toHaveLength(3);
    expect(listCalls[0]!.query).toMatchObject({
      MarketplaceIds: 'ATVPDKIKX0DER',
      LastUpdatedAfter: iso(Math.floor((t0 - 30 * 24 * HOUR) / 1000) * 1000),
      MaxResultsPerPage: '100',
      FulfillmentChannels: 'MFN',
    });
    for (const later of listCalls.slice(1)) {
      // Sim tokens always hold "+/=": arriving intact means the adapter percent-encoded them.
      expect(later.query.NextToken).toMatch(/\+.*=$/);
      expect(later.query.MarketplaceIds).toBe('ATVPDKIKX0DER');
    }
    const itemCalls = s.log.filter((r) => r.path === `/orders/v0/orders/${big.id}/orderItems`);
    expect(itemCalls.map((r) => r.query.NextToken === undefined)).toEqual([true, false, false]);
    expect(s.errorsSent).toEqual([]);
  });

  it('incremental sync returns only what changed since the cursor, with the new status', async () => {
    const s = await sim();
    const t0 = s.clock.now();
    const a = s.addOrder({ items: [one('A', '5.00')] }, t0 - 3 * HOUR);
    const b = s.addOrder({ items: [one('B', '6.00')] }, t0 - 3 * HOUR);
    s.addOrder({ items: [one('C', '7.00')] }, t0 - 3 * HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const first = windowFrom(s, adapter, t0 - 24 * HOUR);
    expect((await collect(adapter, first, ctx)).flatMap((p) => p.orders)).toHaveLength(3);

    s.clock.advance(10 * MIN);
    s.updateOrder(a.id, { status: 'Shipped' });
    s.updateOrder(b.id, { status: 'Canceled' });
    const fresh = s.addOrder({ items: [one('D', '8.00')] });
    s.clock.advance(5 * MIN); // let the changes settle past Amazon's 2 minutes
    const next = await collect(adapter, windowFrom(s, adapter, first.to - adapter.overlapMs), ctx);
    const got = next.flatMap((p) => p.orders);
    expect(Object.fromEntries(got.map((o) => [o.platformOrderId, [o.platformStatus, o.platformState, o.payment]]))).toEqual({
      [a.id]: ['Shipped', 'shipped', 'paid'],
      [b.id]: ['Canceled', 'cancelled', 'unpaid'],
      [fresh.id]: ['Unshipped', 'to_ship', 'paid'],
    });
  });

  it('orders changed between pages are not lost: moved ones leave the window and come back next poll, none is skipped', async () => {
    const s = await sim();
    const t0 = s.clock.now();
    const orders = Array.from({ length: 150 }, (_, i) => s.addOrder({ items: [one(`S${i}`, '3.00')] }, t0 - 2 * HOUR + i * 1000));
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const firstWindow = windowFrom(s, adapter, t0 - 24 * HOUR);
    // The sim lists newest purchase first: the first 100 served are orders[149..50], the rest come on page 2.
    const seen = orders[120]!;
    const unseen = orders[10]!;
    s.betweenPages(() => {
      s.updateOrder(seen.id, { status: 'Shipped' });
      s.updateOrder(unseen.id, { status: 'Canceled' });
    });
    const first = (await collect(adapter, firstWindow, ctx)).flatMap((p) => p.orders);
    expect(first).toHaveLength(149);
    expect(first.map((o) => o.platformOrderId)).not.toContain(unseen.id);

    s.clock.advance(10 * MIN);
    const second = (await collect(adapter, windowFrom(s, adapter, firstWindow.to - adapter.overlapMs), ctx)).flatMap((p) => p.orders);
    expect(second.map((o) => [o.platformOrderId, o.platformStatus]).sort()).toEqual(
      [
        [seen.id, 'Shipped'],
        [unseen.id, 'Canceled'],
      ].sort(),
    );
    expect(new Set([...first, ...second].map((o) => o.platformOrderId)).size).toBe(150);
  });

  it('never sends a LastUpdatedBefore within 2 minutes of Amazon’s clock; refuses such a window itself', async () => {
    const s = await sim();
    s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    expect(adapter.settleMs).toBeGreaterThan(2 * MIN);
    await collect(adapter, windowFrom(s, adapter, s.clock.now() - 3 * HOUR), ctx);
    const sent = Date.parse(s.log.find((r) => r.path === '/orders/v0/orders')!.query.LastUpdatedBefore!);
    expect(sent).toBeLessThanOrEqual(s.clock.now() - 2 * MIN);
    expect(s.errorsSent.filter((e) => e.message === MSG.beforeTooRecent)).toEqual([]);

    const before = s.log.length;
    const e = await rejection(collect(adapter, { from: s.clock.now() - HOUR, to: s.clock.now() - MIN }, ctx));
    expect(e.kind).toBe('bad_request');
    expect(e.message).toMatch(/less than 2 minutes ago/);
    expect(s.log.length).toBe(before); // nothing sent
  });

  it('a malformed order becomes a MappingError naming the AmazonOrderId and field; the rest of the page maps', async () => {
    const s = await sim();
    const t = s.clock.now() - HOUR;
    const good = s.addOrder({ items: [one('OK', '4.00')] }, t);
    s.injectRaw({ AmazonOrderId: '111-0000001-0000001', PurchaseDate: 'yesterday', LastUpdateDate: iso(t), OrderStatus: 'Unshipped' }, [], t);
    const badItems = s.addOrder({ id: '111-0000002-0000002', items: [one('X', '2.00')] }, t);
    badItems.items[0]!.QuantityOrdered = '2'; // a string where Amazon sends a number
    const badMoney = s.addOrder({ id: '111-0000003-0000003', items: [one('Y', '2.00')] }, t);
    badMoney.json.OrderTotal = { CurrencyCode: 'USD', Amount: '2.0.0' };
    s.injectRaw({ PurchaseDate: iso(t), LastUpdateDate: iso(t), OrderStatus: 'Unshipped' }, [], t);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);

    const [page] = await collect(adapter, windowFrom(s, adapter, t - HOUR), ctx);
    expect(page!.orders.map((o) => o.platformOrderId)).toEqual([good.id]);
    const errors = Object.fromEntries(page!.errors.map((e) => [e.platformOrderId, e.message]));
    expect(errors['111-0000001-0000001']).toMatch(/^PurchaseDate: .*yesterday/);
    expect(errors['111-0000002-0000002']).toMatch(/^OrderItems\[0\]\.QuantityOrdered: /);
    expect(errors['111-0000003-0000003']).toMatch(/^OrderTotal\.Amount: .*2\.0\.0/);
    expect(page!.errors.find((e) => e.platformOrderId === null)?.message).toMatch(/^AmazonOrderId: /);
    expect(JSON.parse(page!.errors[0]!.raw)).toHaveProperty('order');
    // An order without an id costs no getOrderItems call; the other four were fetched (dates and money are read after).
    expect(s.log.filter((r) => r.path.endsWith('/orderItems'))).toHaveLength(4);
  });
});

describe('Amazon adapter: money and mapping', () => {
  it('keeps money exact: ItemPrice is the line total, indivisible totals keep their cents, totals from OrderTotal', async () => {
    const s = await sim();
    const t = s.clock.now() - HOUR;
    const o = s.addOrder(
      {
        items: [
          { sku: 'THIRDS', qty: 3, itemPrice: '10.00', shipping: '5.99', promotion: '1.10', tax: '0.83' },
          { sku: 'DIME', qty: 1, itemPrice: '0.10' },
          { sku: 'TWENTY', qty: 2, itemPrice: '0.20' },
        ],
        address: { City: 'SEATTLE', StateOrRegion: 'WA', PostalCode: '98121-2778', CountryCode: 'US' },
      },
      t,
    );
    const jp = s.addOrder({ currency: 'JPY', items: [{ sku: 'YEN', qty: 2, itemPrice: '1980' }] }, t);
    const pending = s.addOrder({ status: 'Pending', items: [one('P', '9.99')] }, t);
    const cod = s.addOrder({ paymentMethod: 'COD', items: [one('C', '7.00')] }, t);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const got = new Map((await collect(adapter, windowFrom(s, adapter, t - HOUR), ctx)).flatMap((p) => p.orders).map((x) => [x.platformOrderId, x]));

    const us = got.get(o.id)!;
    expect(us.lines.map((l) => [l.platformSku, l.qty, l.unitPriceMinor, l.discountMinor])).toEqual([
      ['THIRDS', 3, 334, 2],
      ['DIME', 1, 10, 0],
      ['TWENTY', 2, 10, 0],
    ]);
    expect(us).toMatchObject({ currency: 'USD', goodsMinor: 1030, shippingMinor: 599, discountMinor: 110, totalMinor: 1602 });
    expect(us).toMatchObject({ shopId: 7, platform: 'amazon', platformStatus: 'Unshipped', platformState: 'to_ship', payment: 'paid' });
    expect(us).toMatchObject({ city: 'SEATTLE', province: 'WA', postcode: '98121-2778', country: 'US', address1: null, buyerName: null, piiMasked: true });
    expect(us.placedAt).toBe(Date.parse(o.json.PurchaseDate as string));
    expect(us.platformUpdatedAt).toBe(Math.floor(t / 1000) * 1000);
    expect(us.raw?.format).toBe('amazon.orders.v0');
    expect(JSON.parse(us.raw!.payload).order.AmazonOrderId).toBe(o.id);

    expect(got.get(jp.id)).toMatchObject({ currency: 'JPY', goodsMinor: 1980, totalMinor: 1980 });
    expect(got.get(jp.id)!.lines[0]).toMatchObject({ unitPriceMinor: 990, discountMinor: 0 });
    // Pending: Amazon sends no prices at all; the marketplace still says USD.
    expect(got.get(pending.id)).toMatchObject({ currency: 'USD', goodsMinor: 0, totalMinor: 0, platformState: 'unpaid', payment: 'unpaid', piiMasked: true });
    expect(got.get(cod.id)).toMatchObject({ payment: 'paid', paidMinor: 0, totalMinor: 700 });
  });

  it('splits any line total exactly, and names Amazon carriers or falls back to Other + name', () => {
    for (const [total, qty] of [
      [1000, 3],
      [1, 7],
      [999_999_999, 13],
      [0, 4],
    ] as const) {
      const { unitPriceMinor, discountMinor } = splitLineTotal(total, qty);
      expect(unitPriceMinor * qty - discountMinor).toBe(total);
      expect(discountMinor).toBeGreaterThanOrEqual(0);
      expect(discountMinor).toBeLessThan(qty);
    }
    expect(amazonCarrier('FedEx')).toEqual({ carrierCode: 'FedEx' });
    expect(amazonCarrier('ups')).toEqual({ carrierCode: 'UPS' });
    expect(amazonCarrier('YTO')).toEqual({ carrierCode: 'Other', carrierName: 'YTO Express' });
    expect(amazonCarrier('ACME Freight')).toEqual({ carrierCode: 'Other', carrierName: 'ACME Freight' });
  });

  it('checks credentials and names the wrong field', () => {
    expect(amazonAdapter.parseCredentials({ ...SIM_CREDENTIALS, clientId: ' amzn1.x \n' })).toMatchObject({ clientId: 'amzn1.x', region: 'na' });
    expect(() => amazonAdapter.parseCredentials({ ...SIM_CREDENTIALS, refreshToken: '' })).toThrow(/refreshToken is required/);
    expect(() => amazonAdapter.parseCredentials({ ...SIM_CREDENTIALS, region: 'us' })).toThrow(/region must be one of na, eu, fe/);
    expect(() => amazonAdapter.parseCredentials({ ...SIM_CREDENTIALS, marketplaceId: 'A1PA6795UKMFR9' })).toThrow(/region: marketplace A1PA6795UKMFR9 \(DE\) is served by region eu/);
    const { clientSecret: _omit, ...noSecret } = SIM_CREDENTIALS;
    expect(() => amazonAdapter.parseCredentials(noSecret)).toThrow(/clientSecret is required/);
  });
});

describe('Amazon adapter: Login with Amazon tokens', () => {
  it('exchanges the refresh token once, reuses the access token, refreshes it before it expires', async () => {
    const s = await sim();
    s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx, saved } = contextFor(s);
    await collect(adapter, windowFrom(s, adapter, s.clock.now() - 3 * HOUR), ctx);
    expect(s.tokens.issued).toBe(1);
    const form = new URLSearchParams(s.log.find((r) => r.path === '/auth/o2/token')!.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'refresh_token', refresh_token: SIM_CREDENTIALS.refreshToken, client_id: SIM_CREDENTIALS.clientId, client_secret: SIM_CREDENTIALS.clientSecret });
    const token = s.log.find((r) => r.path === '/orders/v0/orders')!.headers['x-amz-access-token'];
    expect(token).toMatch(/^Atza\|/);

    s.clock.advance(3601 * 1000);
    await collect(adapter, windowFrom(s, adapter, s.clock.now() - 3 * HOUR), ctx);
    expect(s.tokens.issued).toBe(2);
    expect(s.errorsSent).toEqual([]); // refreshed ahead of expiry, not after a 403
    expect(s.log.filter((r) => r.path === '/orders/v0/orders').at(-1)!.headers['x-amz-access-token']).not.toBe(token);
    expect(saved).toEqual([]); // LWA echoed the same refresh token: nothing to store
  });

  it('a 403 for an expired token triggers one refresh and one retry', async () => {
    const s = await sim();
    s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const engineNow = s.clock.now(); // our clock lags Amazon's: the cache still thinks the token is fresh
    const { ctx } = contextFor(s, { now: () => engineNow });
    await collect(adapter, { from: engineNow - 3 * HOUR, to: engineNow - adapter.settleMs }, ctx);
    s.clock.advance(3601 * 1000);
    const pages = await collect(adapter, { from: engineNow - 3 * HOUR, to: engineNow - adapter.settleMs }, ctx);
    expect(pages.flatMap((p) => p.orders)).toHaveLength(1);
    expect(s.errorsSent.map((e) => [e.status, e.code, e.message])).toEqual([[403, 'Unauthorized', MSG.expired]]);
    expect(s.tokens.issued).toBe(2);

    s.denyAll = true; // an app without the Orders role: refreshing does not help
    const e = await rejection(collect(adapter, { from: engineNow - 3 * HOUR, to: engineNow - adapter.settleMs }, ctx));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain(MSG.denied);
    expect(s.tokens.issued).toBe(3); // exactly one more refresh
  });

  it('a refused refresh token or client secret is an auth error in plain words, before any SP-API call', async () => {
    const s = await sim();
    const { adapter } = adapterFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - HOUR);
    const badGrant = await rejection(collect(adapter, w, contextFor(s, { credentials: { ...SIM_CREDENTIALS, refreshToken: 'Atzr|revoked' } }).ctx));
    expect(badGrant).toMatchObject({ kind: 'auth', details: { platformCode: 'invalid_grant', httpStatus: 400 } });
    expect(badGrant.message).toMatch(/^Amazon refused the refresh token: The request has an invalid grant parameter : refresh_token/);
    const badClient = await rejection(collect(adapter, w, contextFor(s, { credentials: { ...SIM_CREDENTIALS, clientSecret: 'nope' } }).ctx));
    expect(badClient).toMatchObject({ kind: 'auth', details: { platformCode: 'invalid_client' } });
    expect(s.log.filter((r) => r.path !== '/auth/o2/token')).toEqual([]);
  });
});

describe('Amazon adapter: throttling and failures', () => {
  it('QuotaExceeded → waits one refill of the usage plan (x-amzn-RateLimit-Limit) → succeeds', async () => {
    const s = await sim({ plans: {} }); // Amazon's real plans: getOrders 0.0167 rps, burst 20
    s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    s.buckets.getOrders.drain();
    const { adapter, waits } = adapterFor(s);
    const { ctx, notes } = contextFor(s);
    const pages = await collect(adapter, windowFrom(s, adapter, s.clock.now() - 3 * HOUR), ctx);
    expect(pages.flatMap((p) => p.orders)).toHaveLength(1);
    expect(s.errorsSent.map((e) => [e.status, e.code])).toEqual([[429, 'QuotaExceeded']]);
    expect(waits).toEqual([Math.ceil(1000 / 0.0167)]);
    expect(notes.join('\n')).toMatch(/getOrders: throttled; waiting 60 s/);
  });

  it('getOrderItems at its real plan (0.5 rps, burst 30): 40 orders all arrive, backing off past the burst', async () => {
    const s = await sim({ plans: { getOrderItems: { rate: 0.5, burst: 30 } } });
    for (let i = 0; i < 40; i++) s.addOrder({ items: [one(`S${i}`, '1.00')] }, s.clock.now() - HOUR);
    const { adapter, waits } = adapterFor(s);
    const { ctx } = contextFor(s);
    const got = (await collect(adapter, windowFrom(s, adapter, s.clock.now() - 3 * HOUR), ctx)).flatMap((p) => p.orders);
    expect(got).toHaveLength(40);
    expect(waits.length).toBe(10);
    expect(waits.every((w) => w === 2000)).toBe(true);
  });

  it('a 5xx storm within the retry budget is ridden out; one beyond it fails as a server error', async () => {
    const s = await sim();
    s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const w = windowFrom(s, adapter, s.clock.now() - 3 * HOUR);
    s.failNext(TEST_RETRY.attempts - 1);
    expect((await collect(adapter, w, ctx)).flatMap((p) => p.orders)).toHaveLength(1);

    s.failNext(TEST_RETRY.attempts, 500);
    const e = await rejection(collect(adapter, w, ctx));
    expect(e).toMatchObject({ kind: 'server', details: { platformCode: 'InternalFailure', httpStatus: 500 } });
    expect(s.log.filter((r) => r.status === 500)).toHaveLength(TEST_RETRY.attempts);
  });
});

describe('Amazon adapter: confirmShipment', () => {
  const at = Date.UTC(2026, 10, 25, 3, 30, 0);

  it('posts packageDetail exactly as documented (packageReferenceId a JSON string); the same call again is "already"', async () => {
    const s = await sim();
    const o = s.addOrder({ items: [one('MUG', '12.00', 2), one('CAP', '8.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const req = {
      platformOrderId: o.id,
      carrier: 'UPS',
      trackingNo: '1Z999AA10123456784',
      shippedAt: at,
      lines: [
        { platformLineId: o.items[0]!.OrderItemId as string, platformSku: 'MUG', qty: 2 },
        { platformLineId: null, platformSku: 'CAP', qty: 1 }, // no Amazon line id: matched by SellerSKU
      ],
    };
    expect(await adapter.confirmShipment(req, ctx)).toBe('done');
    const post = s.log.find((r) => r.method === 'POST' && r.path === `/orders/v0/orders/${o.id}/shipmentConfirmation`)!;
    expect(post.status).toBe(204);
    expect(post.body).toContain('"packageReferenceId":"1"');
    expect(JSON.parse(post.body)).toEqual({
      marketplaceId: 'ATVPDKIKX0DER',
      packageDetail: {
        packageReferenceId: '1',
        carrierCode: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        shipDate: '2026-11-25T03:30:00.000Z',
        orderItems: [
          { orderItemId: o.items[0]!.OrderItemId, quantity: 2 },
          { orderItemId: o.items[1]!.OrderItemId, quantity: 1 },
        ],
      },
    });
    expect(o.status).toBe('Shipped');

    expect(await adapter.confirmShipment(req, ctx)).toBe('already');
    expect(s.errorsSent.map((e) => e.message)).toEqual([MSG.alreadyFulfilled]);
    expect(s.shipments).toHaveLength(1);
  });

  it('a confirmation Amazon applied but whose answer was lost is retried and recognized as already shipped', async () => {
    const s = await sim();
    const o = s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    s.loseNextResponses(1, 'confirmShipment'); // Amazon ships the units, the 204 never arrives
    const req = { platformOrderId: o.id, carrier: 'DHL', trackingNo: 'JD014600003828', shippedAt: at, lines: [] };
    expect(await adapter.confirmShipment(req, contextFor(s).ctx)).toBe('already');
    expect(s.shipments).toHaveLength(1);
    expect(s.errorsSent.map((e) => [e.status, e.message])).toEqual([
      [503, MSG.unavailable],
      [400, MSG.alreadyFulfilled],
    ]);
  });

  it('numbers later packages of a split order, names non-Amazon carriers, and passes Amazon’s InvalidInput on as bad_request', async () => {
    const s = await sim();
    const o = s.addOrder({ items: [one('A', '1.00'), one('B', '2.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    const ship = (line: number, carrier: string, trackingNo: string) =>
      adapter.confirmShipment({ platformOrderId: o.id, carrier, trackingNo, shippedAt: at, lines: [{ platformLineId: o.items[line]!.OrderItemId as string, platformSku: null, qty: 1 }] }, ctx);
    expect(await ship(0, 'SF', 'SF1234567890')).toBe('done');
    expect(o.status).toBe('PartiallyShipped');
    expect(await ship(1, 'YTO', 'YT1234567890123')).toBe('done');
    expect(s.shipments.map((x) => x.body.packageDetail)).toMatchObject([
      { packageReferenceId: '1', carrierCode: 'Other', carrierName: 'SF Express' },
      { packageReferenceId: '2', carrierCode: 'Other', carrierName: 'YTO Express' },
    ]);

    const pending = s.addOrder({ status: 'Pending', items: [one('P', '1.00')] }, s.clock.now() - HOUR);
    const e = await rejection(adapter.confirmShipment({ platformOrderId: pending.id, carrier: 'USPS', trackingNo: '9400100000000000000000', shippedAt: at, lines: [] }, ctx));
    expect(e.kind).toBe('bad_request');
    expect(e.message).toBe(`Order ${pending.id} cannot be shipped in status Pending`);

    const before = s.log.length;
    const unknownLine = await rejection(
      adapter.confirmShipment({ platformOrderId: o.id, carrier: 'UPS', trackingNo: '1Z2', shippedAt: at, lines: [{ platformLineId: '999', platformSku: null, qty: 1 }] }, ctx),
    );
    expect(unknownLine).toMatchObject({ kind: 'bad_request', message: `Amazon order ${o.id} has no order item 999` });
    expect(s.log.slice(before).map((r) => r.method)).toEqual(['GET']); // read the items, posted nothing
  });
});

describe('Amazon adapter: production URLs, base-URL override', () => {
  it('talks to the simulator on the production paths', async () => {
    const s = await sim();
    const o = s.addOrder({ items: [one('A', '1.00')] }, s.clock.now() - HOUR);
    const { adapter } = adapterFor(s);
    const { ctx } = contextFor(s);
    await collect(adapter, windowFrom(s, adapter, s.clock.now() - 3 * HOUR), ctx);
    expect([...new Set(s.log.map((r) => `${r.method} ${r.path}`))]).toEqual(['POST /auth/o2/token', 'GET /orders/v0/orders', `GET /orders/v0/orders/${o.id}/orderItems`]);
  });

  it('without an override: LWA at api.amazon.com, SP-API on the region’s host', async () => {
    const s = await sim();
    const urls: string[] = [];
    const stub: HttpClient = async (req) => {
      urls.push(req.url);
      const json = req.url.includes('/auth/o2/token') ? { access_token: 'Atza|x', expires_in: 3600, token_type: 'bearer' } : { payload: { Orders: [] } };
      return { status: 200, headers: new Headers(), text: JSON.stringify(json), json };
    };
    const { adapter } = adapterFor(s);
    const creds = { ...SIM_CREDENTIALS, marketplaceId: 'A1PA6795UKMFR9', region: 'eu' };
    const { ctx } = contextFor(s, { baseUrl: null, http: stub, credentials: creds });
    await collect(adapter, windowFrom(s, adapter, s.clock.now() - HOUR), ctx);
    expect(urls[0]).toBe('https://api.amazon.com/auth/o2/token');
    expect(urls[1]).toMatch(/^https:\/\/sellingpartnerapi-eu\.amazon\.com\/orders\/v0\/orders\?MarketplaceIds=A1PA6795UKMFR9&/);
  });
});

describe('Amazon simulator: refuses what Amazon refuses', () => {
  it('checks getOrders parameters, NextToken encoding and the access token', async () => {
    const s = await sim();
    for (let i = 0; i < 3; i++) s.addOrder({ items: [one(`S${i}`, '1.00')] }, s.clock.now() - HOUR);
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: SIM_CREDENTIALS.refreshToken, client_id: SIM_CREDENTIALS.clientId, client_secret: SIM_CREDENTIALS.clientSecret });
    const lwa = await fetch(`${s.url}/auth/o2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    const { access_token } = (await lwa.json()) as { access_token: string };
    const get = async (query: string, token = access_token) => {
      const r = await fetch(`${s.url}/orders/v0/orders?${query}`, { headers: { 'x-amz-access-token': token } });
      const body = (await r.json()) as { errors?: { code: string; message: string; details: string }[]; payload?: { NextToken?: string } };
      return { status: r.status, error: body.errors?.[0], next: body.payload?.NextToken };
    };
    const mp = 'MarketplaceIds=ATVPDKIKX0DER';
    const after = `LastUpdatedAfter=${encodeURIComponent(iso(s.clock.now() - 3 * HOUR))}`;
    expect(await get(`${mp}&${after}&LastUpdatedBefore=${encodeURIComponent(iso(s.clock.now() - MIN))}`)).toMatchObject({ status: 400, error: { code: 'InvalidInput', message: MSG.beforeTooRecent } });
    expect((await get(`${mp}&LastUpdatedAfter=${encodeURIComponent('2026-11-25T09:00:00+09:00')}`)).error).toMatchObject({ details: 'Invalid date/time field [lastUpdatedAfter]' });
    expect((await get(`${mp}&${after}&MaxResultsPerPage=101`)).status).toBe(400);
    expect((await get(`${mp}&${after}&MaxResultsPerPage=0`)).status).toBe(400);
    expect((await get(mp)).status).toBe(400); // neither LastUpdatedAfter nor CreatedAfter
    expect((await get(after)).status).toBe(400); // no MarketplaceIds

    const first = await get(`${mp}&${after}&MaxResultsPerPage=1`);
    expect(first.status).toBe(200);
    const token = first.next!;
    expect(await get(`${mp}&NextToken=${token}`)).toMatchObject({ status: 400, error: { message: MSG.badNextToken } }); // "+" read as a space
    expect((await get(`NextToken=${encodeURIComponent(token)}`)).status).toBe(400); // MarketplaceIds dropped
    expect((await get(`${mp}&NextToken=${encodeURIComponent(token)}`)).status).toBe(200);
    expect(await get(`${mp}&${after}`, 'Atza|forged')).toMatchObject({ status: 403, error: { code: 'Unauthorized', message: MSG.denied } });
  });
});
