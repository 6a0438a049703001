import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedOrder } from '../../main/orders/model.js';
import type { AdapterPage, ShipmentWriteBack } from '../../main/sync/adapter.js';
import { interpret, throttleWaitMs } from '../../main/sync/platforms/shopify/client.js';
import { DEFAULT_API_VERSION } from '../../main/sync/platforms/shopify/credentials.js';
import { ORDERS_PAGE } from '../../main/sync/platforms/shopify/queries.js';
import { updatedAtQuery } from '../../main/sync/platforms/shopify/list.js';
import { collect, CREDENTIALS, gql, isoSeconds, nextWindow, rejection, seed, startHarness, syncAll, thrown, type Harness } from '../sim/shopify/harness.js';
import type { SimOrder } from '../sim/shopify/store.js';

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.sim.close()));
});
async function harness(opts: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(opts);
  running.push(h);
  return h;
}

const ordersOf = (pages: AdapterPage[]) => pages.flatMap((p) => p.orders);
const calls = (h: Harness, name: string) => h.sim.calls.filter((c) => c.operationName === name);
const isoS = isoSeconds;

describe('Shopify adapter: listing', () => {
  it('first sync pages through every order oldest-update first, each page with a valid watermark', async () => {
    const h = await harness();
    const seeded = seed(h, 25);
    const window = nextWindow(h.adapter, null, h.sim.clock.now());
    const pages = await collect(h.adapter.listUpdated(window, h.ctx));

    expect(pages.map((p) => p.orders.length)).toEqual([10, 10, 5]);
    const got = ordersOf(pages);
    expect(got.map((o) => o.platformOrderId)).toEqual(seeded.map((o) => String(o.id)));
    for (const p of pages) expect(p.watermark).toBe(Math.max(...p.orders.map((o) => o.platformUpdatedAt!)));
    expect(pages.map((p) => p.watermark)).toEqual([...pages.map((p) => p.watermark!)].sort((a, b) => a - b));

    const sent = calls(h, 'OrdersUpdated');
    expect(sent).toHaveLength(3);
    expect(sent[0]!.variables).toMatchObject({ first: ORDERS_PAGE, after: null });
    expect(sent[0]!.variables.q).toBe(`updated_at:>='${isoS(window.from)}' AND updated_at:<'${isoS(Math.ceil(window.to / 1000) * 1000)}'`);
    // Each later page continues from a cursor, and every query fits Shopify's single-query cost ceiling.
    expect(sent.slice(1).every((c) => typeof c.variables.after === 'string')).toBe(true);
    expect(Math.max(...h.sim.calls.map((c) => c.requestedCost))).toBeLessThanOrEqual(1000);

    const first = got[0]!;
    expect(first).toMatchObject({
      shopId: 7,
      platform: 'shopify',
      platformStatus: 'PAID/UNFULFILLED',
      platformState: 'to_ship',
      payment: 'paid',
      currency: 'USD',
      totalMinor: 1000,
      buyerName: 'Ada Lovelace',
      country: 'US',
      placedAt: seeded[0]!.createdAt,
      lines: [{ platformLineId: `gid://shopify/LineItem/${seeded[0]!.lineItems[0]!.id}`, platformSku: 'SKU-1', qty: 1, unitPriceMinor: 1000 }],
    });
    expect(first.raw?.format).toBe('shopify.graphql.order');
    expect(JSON.parse(first.raw!.payload)).toMatchObject({ id: `gid://shopify/Order/${seeded[0]!.id}`, name: seeded[0]!.name });
  });

  it('incremental sync returns only what changed since the cursor, overlap included', async () => {
    const h = await harness();
    const [a, b, c] = seed(h, 5);
    const first = nextWindow(h.adapter, null, h.sim.clock.now());
    expect(ordersOf(await collect(h.adapter.listUpdated(first, h.ctx)))).toHaveLength(5);
    const cursor = first.to;

    h.sim.clock.advance(600_000);
    h.sim.updateOrder(a!.id, (o) => (o.note = 'leave at the door')); // an ordinary edit: updatedAt = now
    // Updates the search index surfaced late, stamped before the cursor: inside the overlap, and outside it.
    h.sim.updateOrder(b!.id, (o) => (o.updatedAt = cursor - 60_000), { bump: false });
    h.sim.updateOrder(c!.id, (o) => (o.updatedAt = cursor - 300_000), { bump: false });
    h.sim.clock.advance(10_000); // past settleMs: an edit stamped this very second is left for the next poll
    const second = nextWindow(h.adapter, cursor, h.sim.clock.now());
    const got = ordersOf(await collect(h.adapter.listUpdated(second, h.ctx)));

    expect(got.map((o) => o.platformOrderId).sort()).toEqual([String(a!.id), String(b!.id)].sort());
    expect(got.find((o) => o.platformOrderId === String(a!.id))?.buyerMessage).toBe('leave at the door');
    expect(calls(h, 'OrdersUpdated').at(-1)!.variables.q).toMatch(new RegExp(`^updated_at:>='${isoS(cursor - 120_000)}' AND `));
  });

  it('an order edited while pages are read leaves this window and comes back in the next; nothing else shifts', async () => {
    const h = await harness();
    const seeded = seed(h, 25);
    const moved = seeded[14]!; // on page 2, not read yet when page 1 is served
    h.sim.onOrdersPage((e) => {
      if (e.served === 1) h.sim.updateOrder(moved.id, (o) => (o.note = 'gift wrap'));
    });
    const w1 = nextWindow(h.adapter, null, h.sim.clock.now());
    const got1 = ordersOf(await collect(h.adapter.listUpdated(w1, h.ctx)));
    h.sim.onOrdersPage(null);

    // Keyset cursors: the 24 others each come exactly once even though one row left the result set mid-way.
    expect(got1.map((o) => o.platformOrderId)).toEqual(seeded.filter((o) => o !== moved).map((o) => String(o.id)));
    // Its new updatedAt is past w1.to, so the next window — which starts overlapMs before w1.to — has it.
    h.sim.clock.advance(10_000);
    const w2 = nextWindow(h.adapter, w1.to, h.sim.clock.now());
    const got2 = ordersOf(await collect(h.adapter.listUpdated(w2, h.ctx)));
    expect(got2.map((o) => [o.platformOrderId, o.buyerMessage])).toEqual([[String(moved.id), 'gift wrap']]);
  });

  it('reads the lines past the first page, and the mapped order is whole', async () => {
    const h = await harness();
    const lines = Array.from({ length: 55 }, (_, i) => ({ sku: `L${i}`, price: '1.00' }));
    const big = h.sim.addOrder({ lines });
    h.sim.clock.advance(60_000);
    const [order] = await syncAll(h);
    expect(order!.lines.map((l) => l.platformSku)).toEqual(lines.map((l) => l.sku));
    expect(order!.goodsMinor).toBe(5500);
    expect(calls(h, 'OrderMoreLines')).toHaveLength(1);
    expect(JSON.parse(order!.raw!.payload).lineItems.nodes).toHaveLength(55);
    expect(big.lineItems).toHaveLength(55);
  });

  it('maps money exactly in minor units', async () => {
    const h = await harness();
    h.sim.addOrder({ lines: [{ price: '19.99', qty: 3 }, { price: '0.10' }, { price: '0.20' }, { price: '10.00', discountedPrice: '8.50', qty: 2 }], shipping: '5.00' });
    h.sim.addOrder({ currency: 'JPY', lines: [{ price: '1500', qty: 2 }] });
    h.sim.clock.advance(60_000);
    const [usd, jpy] = await syncAll(h);
    expect(usd!.lines.map((l) => [l.unitPriceMinor, l.qty, l.discountMinor])).toEqual([
      [1999, 3, 0],
      [10, 1, 0],
      [20, 1, 0],
      [1000, 2, 300],
    ]);
    // 0.10 + 0.20 is 30 here, not 30.000000000000004.
    expect(usd).toMatchObject({ goodsMinor: 5997 + 10 + 20 + 2000, discountMinor: 300, shippingMinor: 500, totalMinor: 5997 + 30 + 1700 + 500 });
    expect(jpy).toMatchObject({ currency: 'JPY', goodsMinor: 3000, totalMinor: 3000, lines: [{ unitPriceMinor: 1500 }] });
  });

  it('maps statuses: pending, partly refunded, cancelled', async () => {
    const h = await harness();
    h.sim.addOrder({ financialStatus: 'PENDING' });
    h.sim.addOrder({ financialStatus: 'PARTIALLY_REFUNDED', refunded: '2.50' });
    h.sim.addOrder({ financialStatus: 'REFUNDED', cancelledAt: h.sim.clock.now(), cancelReason: 'CUSTOMER', refunded: '10.00' });
    h.sim.clock.advance(60_000);
    const got = await syncAll(h);
    expect(got.map((o) => [o.platformStatus, o.platformState, o.payment, o.refundedMinor, o.paidAt === null])).toEqual([
      ['PENDING/UNFULFILLED', 'unpaid', 'unpaid', 0, true],
      ['PARTIALLY_REFUNDED/UNFULFILLED', 'to_ship', 'partly_refunded', 250, false],
      ['REFUNDED/UNFULFILLED/CANCELLED', 'cancelled', 'refunded', 1000, false],
    ]);
  });

  it('a malformed order becomes a MappingError naming the order and field; the rest of the page maps', async () => {
    const h = await harness();
    const seeded = seed(h, 10);
    h.sim.updateOrder(seeded[2]!.id, (o) => (o.totals.total = 'abc'), { bump: false });
    h.sim.updateOrder(seeded[5]!.id, (o) => (o.lineItems[0]!.price = '12.3.4'), { bump: false });
    const [page] = await collect(h.adapter.listUpdated(nextWindow(h.adapter, null, h.sim.clock.now()), h.ctx));

    expect(page!.orders).toHaveLength(8);
    expect(page!.errors.map((e) => e.platformOrderId)).toEqual([String(seeded[2]!.id), String(seeded[5]!.id)]);
    expect(page!.errors[0]!.message).toContain(`order ${seeded[2]!.name} (id ${seeded[2]!.id})`);
    expect(page!.errors[0]!.message).toContain('totalPriceSet.shopMoney.amount: not a decimal amount: "abc"');
    expect(page!.errors[1]!.message).toContain('lineItems.nodes[0].originalUnitPriceSet.shopMoney.amount');
    expect(JSON.parse(page!.errors[0]!.raw).totalPriceSet.shopMoney.amount).toBe('abc');
    // The watermark still covers the page: the bad orders are kept as errors, not skipped silently.
    expect(page!.watermark).toBe(seeded[9]!.updatedAt);
  });
});

describe('Shopify adapter: transport', () => {
  it('THROTTLED at HTTP 200 → waits (requested − available) / restoreRate, then succeeds', async () => {
    const h = await harness({ bucketSize: 1000, restoreRate: 50 });
    seed(h, 25);
    const got = await syncAll(h);

    expect(got).toHaveLength(25);
    expect(h.sim.throttles.length).toBeGreaterThan(0);
    // One wait per throttle, each exactly the computed time — and long enough: no retry was throttled again.
    expect(h.waits).toEqual(h.sim.throttles.map((t) => Math.ceil(((t.requested - t.available) / t.restoreRate) * 1000)));
    expect(h.notes.filter((n) => n.includes('throttled'))).toHaveLength(h.waits.length);
    expect(throttleWaitMs({ requestedQueryCost: 853, throttleStatus: { currentlyAvailable: 797, restoreRate: 50 } })).toBe(1120);
  });

  it('a wrong or expired token is an auth error, not retried', async () => {
    const h = await harness({ credentials: { ...CREDENTIALS, accessToken: 'shpat_wrong' } });
    seed(h, 1);
    const e = await rejection(syncAll(h));
    expect(e).toMatchObject({ kind: 'auth', details: { httpStatus: 401 } });
    expect(e.message).toContain('Invalid API key or access token');
    expect(h.sim.log).toHaveLength(1);

    // Revoked between two pages: the first page is delivered, then the sync stops with auth.
    const ok = await harness();
    seed(ok, 15);
    ok.sim.onOrdersPage(() => ok.sim.setToken('shpat_rotated'));
    const pages: AdapterPage[] = [];
    const err = await rejection(
      (async () => {
        for await (const p of ok.adapter.listUpdated(nextWindow(ok.adapter, null, ok.sim.clock.now()), ok.ctx)) pages.push(p);
      })(),
    );
    expect([err.kind, pages.length, pages[0]!.orders.length]).toEqual(['auth', 1, 10]);
  });

  it('a 5xx storm shorter than the retry budget succeeds; a longer one fails with server', async () => {
    const h = await harness();
    seed(h, 3);
    h.sim.failNext(5, 503);
    const got = await syncAll(h);
    expect(got).toHaveLength(3);
    expect(h.sim.log.map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 200]);
    expect(h.waits).toHaveLength(5);

    h.sim.failNext(6, 500);
    const e = await rejection(syncAll(h));
    expect(e).toMatchObject({ kind: 'server', details: { httpStatus: 500 } });
    expect(h.sim.log.slice(6).map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 500]);
  });

  it('keeps production paths under a base-URL override and sends the token header', async () => {
    const h = await harness();
    seed(h, 1);
    await syncAll(h);
    expect(h.sim.log.map((r) => [r.method, r.path])).toEqual([['POST', '/admin/api/2025-10/graphql.json']]);
    expect(h.sim.log[0]!.headers['x-shopify-access-token']).toBe(CREDENTIALS.accessToken);
    expect(h.sim.log[0]!.headers['content-type']).toMatch(/^application\/json/);

    const { apiVersion: _omit, ...noVersion } = CREDENTIALS;
    const d = await harness({ credentials: noVersion });
    await syncAll(d);
    expect(d.sim.log[0]!.path).toBe(`/admin/api/${DEFAULT_API_VERSION}/graphql.json`);
  });

  it('credentials: cleaned, defaults applied, errors name the field', async () => {
    const { adapter } = await harness();
    expect(adapter.parseCredentials({ shopDomain: 'https://Demo-Shop.myshopify.com/admin', accessToken: ' shpat_x ', apiVersion: '' })).toEqual({
      shopDomain: 'demo-shop.myshopify.com',
      accessToken: 'shpat_x',
      apiVersion: DEFAULT_API_VERSION,
    });
    expect(() => adapter.parseCredentials({ shopDomain: 'demo.example.com', accessToken: 'x' })).toThrow(/shopDomain: must look like/);
    expect(() => adapter.parseCredentials({ shopDomain: 'demo.myshopify.com' })).toThrow(/accessToken: is required/);
    expect(() => adapter.parseCredentials({ shopDomain: 'demo.myshopify.com', accessToken: 'x', apiVersion: '2025-11' })).toThrow(/apiVersion: must be a quarterly/);
  });

  it('sends the quoted updated_at form; the simulator parses both forms and ignores a malformed term with a warning', async () => {
    expect(updatedAtQuery({ from: Date.UTC(2026, 10, 1, 0, 0, 0, 400), to: Date.UTC(2026, 10, 2, 0, 0, 0, 1) })).toBe(
      "updated_at:>='2026-11-01T00:00:00Z' AND updated_at:<'2026-11-02T00:00:01Z'",
    );
    const h = await harness();
    const [a, b] = seed(h, 2);
    const q = (query: string) => gql(h.sim, `query($q: String) { orders(first: 10, sortKey: UPDATED_AT, query: $q) { nodes { legacyResourceId } } }`, { q: query });
    const ids = (r: Awaited<ReturnType<typeof q>>) => r.body.data.orders.nodes.map((n: { legacyResourceId: string }) => n.legacyResourceId);
    const quoted = await q(`updated_at:>='${isoS(b!.updatedAt)}'`);
    const bare = await q(`updated_at:>=${isoS(b!.updatedAt)}`);
    expect([ids(quoted), ids(bare)]).toEqual([[String(b!.id)], [String(b!.id)]]);

    const bad = await q('updated_at:>=last-tuesday');
    expect(bad.body.errors).toBeUndefined();
    expect(ids(bad)).toEqual([String(a!.id), String(b!.id)]); // the filter was dropped: everything matches
    expect(bad.body.extensions.search[0].warnings[0].field).toBe('updated_at');
    // Should Shopify ever say it dropped our filter, the adapter stops instead of syncing the wrong set.
    const e = thrown(() => interpret({ status: 200, headers: new Headers(), text: '', json: bad.body }, 'OrdersUpdated'));
    expect(e?.kind).toBe('bad_request');
  });

  it('the simulator refuses queries over the cost ceiling and fields Shopify does not have', async () => {
    const h = await harness();
    const tooBig = await gql(h.sim, '{ orders(first: 100) { nodes { lineItems(first: 100) { nodes { id sku } } } } }');
    expect(tooBig.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');
    const unknown = await gql(h.sim, '{ orders(first: 1) { nodes { id buyerNickname } } }');
    expect([unknown.status, unknown.body.errors[0].message]).toEqual([200, 'Cannot query field "buyerNickname" on type "Order".']);
    const e = thrown(() => interpret({ status: 200, headers: new Headers(), text: '', json: tooBig.body }, 'Q'));
    expect([e?.kind, e?.details.platformCode]).toEqual(['bad_request', 'MAX_COST_EXCEEDED']);
  });
});

describe('Shopify adapter: shipment write-back', () => {
  const TRACKING = '1Z999AA10123456784';
  /** A write-back for the lines the listing produced (as the outbox would send it). */
  const shipmentOf = (o: NormalizedOrder, over: Partial<ShipmentWriteBack> = {}): ShipmentWriteBack => ({
    platformOrderId: o.platformOrderId,
    carrier: 'UPS',
    trackingNo: TRACKING,
    shippedAt: 0,
    lines: o.lines.map((l) => ({ platformLineId: l.platformLineId ?? null, platformSku: l.platformSku ?? null, qty: l.qty })),
    ...over,
  });
  async function listed(lines: { sku: string; qty?: number }[]) {
    const h = await harness();
    const sim = h.sim.addOrder({ lines });
    h.sim.clock.advance(60_000);
    const [order] = await syncAll(h);
    return { h, sim, order: order! };
  }
  const fo = (o: SimOrder) => o.fulfillmentOrders[0]!;

  it('fulfils with FulfillmentOrderLineItem ids and the tracking; the same call again is already', async () => {
    const { h, sim, order } = await listed([{ sku: 'MUG', qty: 2 }, { sku: 'CAP' }]);
    expect(await h.adapter.confirmShipment(shipmentOf(order), h.ctx)).toBe('done');

    const [create] = calls(h, 'FulfillmentCreate');
    expect(create!.variables).toEqual({
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fo(sim).id}`,
            fulfillmentOrderLineItems: [
              { id: `gid://shopify/FulfillmentOrderLineItem/${fo(sim).lines[0]!.id}`, quantity: 2 },
              { id: `gid://shopify/FulfillmentOrderLineItem/${fo(sim).lines[1]!.id}`, quantity: 1 },
            ],
          },
        ],
        trackingInfo: { company: 'UPS', number: TRACKING },
        notifyCustomer: false,
      },
    });
    expect(JSON.stringify(create!.variables)).not.toContain('gid://shopify/LineItem/');
    expect([fo(sim).status, sim.fulfillments.map((f) => f.tracking)]).toEqual(['CLOSED', [[{ company: 'UPS', number: TRACKING, url: null }]]]);

    expect(await h.adapter.confirmShipment(shipmentOf(order), h.ctx)).toBe('already');
    expect(calls(h, 'FulfillmentCreate')).toHaveLength(1);
    // The next poll sees it shipped, with the tracking and ShopDesk's carrier code.
    h.sim.clock.advance(10_000);
    const after = ordersOf(await collect(h.adapter.listUpdated({ from: h.sim.clock.now() - 60_000, to: h.sim.clock.now() - 5_000 }, h.ctx)));
    expect(after).toMatchObject([{ platformOrderId: order.platformOrderId, platformStatus: 'PAID/FULFILLED', platformState: 'shipped', trackingNo: TRACKING, carrier: 'UPS' }]);
  });

  it('ships part, then the rest under another number; repeating the first is already, a third number already_done', async () => {
    const { h, sim, order } = await listed([{ sku: 'MUG' }, { sku: 'CAP' }]);
    const [mug, cap] = shipmentOf(order).lines;
    const sf = (trackingNo: string, lines = [mug!]) => shipmentOf(order, { carrier: 'SF', trackingNo, lines });

    expect(await h.adapter.confirmShipment(sf('SF1001'), h.ctx)).toBe('done');
    expect(calls(h, 'FulfillmentCreate')[0]!.variables).toMatchObject({ fulfillment: { trackingInfo: { company: 'SF Express', number: 'SF1001' } } });
    expect(fo(sim).status).toBe('IN_PROGRESS');
    expect(await h.adapter.confirmShipment(sf('SF1002', [cap!]), h.ctx)).toBe('done');
    expect(fo(sim).status).toBe('CLOSED');
    expect(await h.adapter.confirmShipment(sf('SF1001'), h.ctx)).toBe('already');
    const e = await rejection(h.adapter.confirmShipment(sf('SF1003', shipmentOf(order).lines), h.ctx));
    expect(e.kind).toBe('already_done');
    expect(e.message).toContain('SF1001');
    expect(calls(h, 'FulfillmentCreate')).toHaveLength(2);
  });

  it('a response lost after Shopify applied the fulfillment is retried without fulfilling twice', async () => {
    const { h, sim, order } = await listed([{ sku: 'MUG' }]);
    h.sim.failAfterApply(1, 502);
    expect(await h.adapter.confirmShipment(shipmentOf(order), h.ctx)).toBe('already');
    expect([sim.fulfillments.length, calls(h, 'FulfillmentCreate').length, h.waits.length]).toEqual([1, 1, 1]);
  });

  it('fulfilled elsewhere between our read and our write → already_done carrying Shopify’s userErrors', async () => {
    const { h, sim, order } = await listed([{ sku: 'MUG' }]);
    h.sim.onOperation((name) => {
      if (name === 'FulfillmentCreate' && sim.fulfillments.length === 0) h.sim.fulfillEverything(sim.id, { company: 'DHL Express', number: 'JD0001', url: null });
    });
    const e = await rejection(h.adapter.confirmShipment(shipmentOf(order), h.ctx));
    expect([e.kind, e.details.platformCode]).toEqual(['already_done', 'userErrors']);
    expect(e.message).toMatch(/unfulfillable status= closed/);
    expect(sim.fulfillments).toHaveLength(1);
  });

  it('reads fulfillment order lines past their first page; an unknown order is not_found', async () => {
    const { h, sim, order } = await listed(Array.from({ length: 55 }, (_, i) => ({ sku: `L${i}` })));
    expect(await h.adapter.confirmShipment(shipmentOf(order, { lines: [] }), h.ctx)).toBe('done');
    expect(calls(h, 'FulfillmentOrderMoreLines')).toHaveLength(1);
    const sent = calls(h, 'FulfillmentCreate')[0]!.variables as { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderLineItems: unknown[] }[] } };
    expect(sent.fulfillment.lineItemsByFulfillmentOrder[0]!.fulfillmentOrderLineItems).toHaveLength(55);
    expect(fo(sim).status).toBe('CLOSED');
    expect((await rejection(h.adapter.confirmShipment(shipmentOf(order, { platformOrderId: '999' }), h.ctx))).kind).toBe('not_found');
  });

  it('the simulator answers order LineItem ids and a CLOSED fulfillment order with userErrors, at HTTP 200', async () => {
    const h = await harness();
    const o = h.sim.addOrder({ lines: [{ sku: 'MUG' }] });
    const mutation = `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }`;
    const send = (lineId: string) =>
      gql(h.sim, mutation, { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fo(o).id}`, fulfillmentOrderLineItems: [{ id: lineId, quantity: 1 }] }] } });

    const classic = await send(`gid://shopify/LineItem/${o.lineItems[0]!.id}`);
    expect(classic.status).toBe(200);
    expect(classic.body.data.fulfillmentCreate.userErrors[0].message).toMatch(/does not exist/);
    expect([o.fulfillments.length, fo(o).status]).toEqual([0, 'OPEN']);

    h.sim.fulfillEverything(o.id, { company: 'UPS', number: 'X1', url: null });
    const closed = await send(`gid://shopify/FulfillmentOrderLineItem/${fo(o).lines[0]!.id}`);
    expect(closed.body.data.fulfillmentCreate).toMatchObject({ fulfillment: null, userErrors: [{ message: expect.stringMatching(/unfulfillable status= closed/) }] });
  });
});
