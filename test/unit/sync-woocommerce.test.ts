import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterContext, AdapterPage, PlatformAdapter, ShipmentWriteBack, TimeWindow } from '../../main/sync/adapter.js';
import { fetchHttp } from '../../main/sync/http.js';
import { PlatformError } from '../../main/sync/platform-error.js';
import { sleep as realSleep } from '../../main/sync/retry.js';
import { createWoocommerceAdapter, woocommerceAdapter } from '../../main/sync/platforms/woocommerce/adapter.js';
import { WooClient } from '../../main/sync/platforms/woocommerce/client.js';
import { parseWooCredentials } from '../../main/sync/platforms/woocommerce/credentials.js';
import { oauth1Params, signatureBaseString } from '../../main/sync/platforms/woocommerce/oauth1.js';
import { startWooSim, WOO_SIM_KEY, type WooSim, type WooSimOptions } from '../sim/woocommerce/server.js';

const SEC = 1000;
const MIN = 60 * SEC;
const FAST = { attempts: 4, baseDelayMs: 5, maxDelayMs: 5_000 };

let sims: WooSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function sim(opts: WooSimOptions = {}): Promise<WooSim> {
  const s = await startWooSim(opts);
  sims.push(s);
  return s;
}

function ctxFor(s: WooSim, creds: Record<string, string> = {}, now = () => s.clock.now()): AdapterContext & { notes: string[] } {
  const notes: string[] = [];
  return {
    shop: { shopId: 7, platform: 'woocommerce', name: 'Woo', credentials: { siteUrl: s.homeUrl, consumerKey: WOO_SIM_KEY.consumerKey, consumerSecret: WOO_SIM_KEY.consumerSecret, ...creds }, baseUrl: s.url },
    http: fetchHttp,
    now,
    signal: new AbortController().signal,
    saveCredentials: () => {},
    note: (m) => notes.push(m),
    notes,
  };
}

async function collect(adapter: PlatformAdapter, window: TimeWindow, ctx: AdapterContext): Promise<AdapterPage[]> {
  const pages: AdapterPage[] = [];
  for await (const p of adapter.listUpdated(window, ctx)) pages.push(p);
  return pages;
}

const ids = (pages: AdapterPage[]) => pages.flatMap((p) => p.orders.map((o) => o.platformOrderId));
const listCalls = (s: WooSim) => s.log.filter((r) => r.path.endsWith('/wp-json/wc/v3/orders'));
const fast = () => createWoocommerceAdapter({ retry: FAST });

/** n orders, one every 30 s from the sim clock's start; the clock ends 10 minutes after the last. */
function seed(s: WooSim, n: number): number {
  const start = s.clock.now();
  for (let i = 0; i < n; i++) {
    s.addOrder();
    s.clock.advance(30 * SEC);
  }
  s.clock.advance(10 * MIN);
  return start;
}

const upToNow = (s: WooSim, from: number, adapter: PlatformAdapter = woocommerceAdapter): TimeWindow => ({ from, to: s.clock.now() - adapter.settleMs });

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

describe('WooCommerce credentials and signing', () => {
  it('names the wrong field and picks the auth mode from the scheme', () => {
    expect(() => parseWooCredentials({ siteUrl: 'shop.example.com', consumerKey: 'ck_1', consumerSecret: 'x' })).toThrow(/siteUrl.*https:\/\/.*consumerSecret must look like cs_/s);
    expect(() => parseWooCredentials({ siteUrl: 'http://s.example', consumerKey: 'ck_1', consumerSecret: 'cs_1', authMode: 'basic' })).toThrow(/authMode: basic needs an https:\/\/ store/);
    expect(parseWooCredentials({ siteUrl: 'https://S.example.com/store/wp-json/wc/v3/', consumerKey: ' ck_1\n', consumerSecret: 'cs_1' })).toMatchObject({ siteUrl: 'https://s.example.com/store', consumerKey: 'ck_1', authMode: 'basic', shipmentTracking: 'auto' });
    expect(parseWooCredentials({ siteUrl: 'http://s.example', consumerKey: 'ck_1', consumerSecret: 'cs_1' }).authMode).toBe('oauth1');
  });

  it('signs OAuth 1.0a exactly as a hand-built base string and node:crypto say', () => {
    const params: [string, string][] = [['per_page', '100'], ['search', 'tote bag!'], ['modified_after', '2026-11-25T04:00:00']];
    const input = { method: 'GET', baseUrl: 'http://shop.example.com/wp-json/wc/v3/orders', params, consumerKey: 'ck_test', consumerSecret: 'cs_test', timestampSec: 1764043200, nonce: 'n0nceN0nceN0nceN0nceN0nceN0nce12' };
    // Written out by hand from RFC 5849 §3.4.1: params encoded, sorted, joined, then the whole encoded once more.
    const base =
      'GET&http%3A%2F%2Fshop.example.com%2Fwp-json%2Fwc%2Fv3%2Forders&modified_after%3D2026-11-25T04%253A00%253A00' +
      '%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dn0nceN0nceN0nceN0nceN0nceN0nce12%26oauth_signature_method%3DHMAC-SHA256' +
      '%26oauth_timestamp%3D1764043200%26per_page%3D100%26search%3Dtote%2520bag%2521';
    const oauth = oauth1Params(input);
    expect(signatureBaseString('GET', input.baseUrl, [...params, ...oauth.filter(([k]) => k !== 'oauth_signature')])).toBe(base);
    expect(Object.fromEntries(oauth).oauth_signature).toBe(createHmac('sha256', 'cs_test&').update(base).digest('base64'));
  });
});

describe('WooCommerce listing', () => {
  it('first sync pages through several pages with the real parameters', async () => {
    const s = await sim();
    const from = seed(s, 250);
    const ctx = ctxFor(s);
    const pages = await collect(woocommerceAdapter, upToNow(s, from), ctx);
    expect(pages).toHaveLength(3);
    expect(new Set(ids(pages)).size).toBe(250);
    const calls = listCalls(s);
    expect(calls.map((c) => c.query.page)).toEqual(['1', '2', '3']);
    expect(calls[0]!.query).toMatchObject({ modified_after: '2026-11-25T03:59:59', dates_are_gmt: 'true', per_page: '100', orderby: 'date', order: 'asc', status: 'any' });
    expect(calls[0]!.headers.authorization).toMatch(/^Basic /);
    expect(calls[0]!.query.consumer_secret).toBeUndefined();
    const first = pages[0]!.orders[0]!;
    expect(first).toMatchObject({ platform: 'woocommerce', shopId: 7, platformStatus: 'processing', platformState: 'to_ship', payment: 'paid', placedAt: from, platformUpdatedAt: from });
    expect(first.raw?.format).toBe('woocommerce.v3.order');
  });

  it('incremental: the next window returns only what changed', async () => {
    const s = await sim();
    const from = seed(s, 12);
    const w1 = upToNow(s, from);
    await collect(woocommerceAdapter, w1, ctxFor(s));
    const [a, b] = [...s.orders.keys()];
    s.clock.advance(MIN);
    s.updateOrder(a!, { status: 'cancelled' });
    s.updateOrder(b!, { status: 'completed' });
    const fresh = s.addOrder({ status: 'on-hold' });
    s.clock.advance(MIN);
    const pages = await collect(woocommerceAdapter, upToNow(s, w1.to - woocommerceAdapter.overlapMs), ctxFor(s));
    const got = Object.fromEntries(pages.flatMap((p) => p.orders).map((o) => [o.platformOrderId, o.platformState]));
    expect(got).toEqual({ [a!]: 'cancelled', [b!]: 'completed', [fresh.id]: 'unpaid' });
  });

  it('an order changing mid-scan is neither lost nor duplicated', async () => {
    const s = await sim();
    const from = seed(s, 250);
    const w1 = upToNow(s, from);
    const all = [...s.orders.keys()];
    const moved = all[10]!; // on page 1; leaving the window slides order #101 from page 2 onto page 1
    s.afterListPage(1, () => {
      s.clock.advance(SEC);
      s.updateOrder(moved, { status: 'completed' });
    });
    const ctx = ctxFor(s);
    const got = ids(await collect(woocommerceAdapter, w1, ctx));
    expect(got).toHaveLength(250);
    expect(new Set(got)).toEqual(new Set(all.map(String)));
    expect(listCalls(s).map((c) => c.query.page)).toEqual(['1', '2', '1', '2', '3']); // stepped back once
    expect(ctx.notes.join()).toMatch(/changed while paging/);
    // The changed order itself comes back, changed, in the next window.
    s.clock.advance(MIN);
    const next = (await collect(woocommerceAdapter, upToNow(s, w1.to - woocommerceAdapter.overlapMs), ctxFor(s))).flatMap((p) => p.orders);
    expect(next.map((o) => [o.platformOrderId, o.platformStatus])).toEqual([[String(moved), 'completed']]);
  });

  it('honours Retry-After on 429', async () => {
    const s = await sim();
    const from = seed(s, 3);
    s.failNext(1, { status: 429, retryAfterSec: 1 });
    const waits: number[] = [];
    const adapter = createWoocommerceAdapter({ retry: FAST, sleep: (ms, signal) => (waits.push(ms), realSleep(ms, signal)) });
    const ctx = ctxFor(s);
    const started = Date.now();
    expect(ids(await collect(adapter, upToNow(s, from), ctx))).toHaveLength(3);
    expect(waits).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(ctx.notes.join()).toMatch(/slow down.*waiting 1 s/);
  });

  it('rides out a 5xx storm within the retry budget and gives up beyond it', async () => {
    const s = await sim();
    const from = seed(s, 3);
    s.failNext(3, { status: 503 });
    expect(ids(await collect(fast(), upToNow(s, from), ctxFor(s)))).toHaveLength(3);
    expect(listCalls(s)).toHaveLength(4);

    s.log.length = 0;
    s.failNext(10, { status: 502 });
    const e = await rejection(collect(fast(), upToNow(s, from), ctxFor(s)));
    expect(e.kind).toBe('server');
    expect(e.details.httpStatus).toBe(502);
    expect(listCalls(s)).toHaveLength(FAST.attempts);
  });

  it('wrong keys → auth error in plain words, secrets never echoed', async () => {
    const s = await sim();
    const from = seed(s, 1);
    const badKey = await rejection(collect(woocommerceAdapter, upToNow(s, from), ctxFor(s, { consumerKey: 'ck_nobodyknowsme' })));
    expect(badKey).toMatchObject({ kind: 'auth', details: { platformCode: 'woocommerce_rest_cannot_view', httpStatus: 401 } });
    expect(badKey.message).toMatch(/did not accept the API keys .*Sorry, you cannot list resources.*consumer key and secret in WooCommerce → Settings → Advanced → REST API/);
    expect(badKey.message).not.toMatch(/[{}]|cs_/);

    const badSecret = await rejection(collect(woocommerceAdapter, upToNow(s, from), ctxFor(s, { consumerSecret: 'cs_wrong' })));
    expect(badSecret).toMatchObject({ kind: 'auth', details: { platformCode: 'woocommerce_rest_authentication_error' } });
    expect(badSecret.message).toMatch(/refused the consumer secret/);
  });

  it('a server that strips Authorization: the error says so, query-string keys work', async () => {
    const s = await sim({ stripsAuthorization: true });
    const from = seed(s, 2);
    const e = await rejection(collect(woocommerceAdapter, upToNow(s, from), ctxFor(s)));
    expect(e.message).toMatch(/dropping the Authorization header.*"query"/);
    expect(ids(await collect(woocommerceAdapter, upToNow(s, from), ctxFor(s, { authMode: 'query' })))).toHaveLength(2);
  });

  it('a malformed order becomes a MappingError naming it and the field; the rest maps', async () => {
    const s = await sim();
    const from = s.clock.now();
    s.addOrder();
    const bad = s.addOrder();
    s.addOrder();
    s.breakOrder(bad.id, { number: 'W-2001', total: 12.5 });
    s.clock.advance(MIN);
    const pages = await collect(woocommerceAdapter, upToNow(s, from), ctxFor(s));
    expect(ids(pages)).toHaveLength(2);
    const errors = pages.flatMap((p) => p.errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ platformOrderId: String(bad.id) });
    expect(errors[0]!.message).toMatch(new RegExp(`order #W-2001 \\(id ${bad.id}\\): field total: expected a decimal string`));
    expect(JSON.parse(errors[0]!.raw)).toMatchObject({ id: bad.id, total: 12.5 });
  });

  it('detects a store too old to filter by modification date', async () => {
    const s = await sim({ legacy: true });
    s.addOrder(); // weeks old, untouched since
    s.clock.advance(20 * 24 * 60 * MIN);
    const from = s.clock.now();
    s.addOrder();
    s.clock.advance(MIN);
    const e = await rejection(collect(woocommerceAdapter, upToNow(s, from), ctxFor(s)));
    expect(e.kind).toBe('bad_request');
    expect(e.message).toMatch(/too old to sync incrementally.*Update WooCommerce/);
  });

  it('keeps money exact: strings to minor units, refunds from refunds[]', async () => {
    const s = await sim();
    const from = s.clock.now();
    const usd = s.addOrder({ lines: [{ name: 'Mug', sku: 'MUG', qty: 3, price: '19.99', discount: '0.10' }, { name: 'Pin', qty: 1, price: '4.35' }], shipping: '5.00' });
    s.addRefund(usd.id, '4.35', 'broken pin');
    const jpy = s.addOrder({ currency: 'JPY', lines: [{ name: 'Tenugui', qty: 2, price: '1500' }], shipping: '0' });
    s.clock.advance(MIN);
    const orders = (await collect(woocommerceAdapter, upToNow(s, from), ctxFor(s))).flatMap((p) => p.orders);
    const u = orders.find((o) => o.platformOrderId === String(usd.id))!;
    expect(u).toMatchObject({ currency: 'USD', goodsMinor: 6432, discountMinor: 10, shippingMinor: 500, totalMinor: 6922, refundedMinor: 435, payment: 'partly_refunded' });
    expect(u.lines.map((l) => [l.unitPriceMinor, l.qty, l.discountMinor])).toEqual([[1999, 3, 10], [435, 1, 0]]);
    expect(orders.find((o) => o.platformOrderId === String(jpy.id))).toMatchObject({ currency: 'JPY', goodsMinor: 3000, totalMinor: 3000 });
    // The refunds endpoint agrees with the order's refunds[].
    const res = await new WooClient(parseWooCredentials(ctxFor(s).shop.credentials), ctxFor(s)).request('GET', `wp-json/wc/v3/orders/${usd.id}/refunds`);
    expect(res.json).toMatchObject([{ amount: '4.35', reason: 'broken pin' }]);
  });

  it('a 400 rest_invalid_param comes back as bad_request with the reason', async () => {
    const s = await sim();
    const client = new WooClient(parseWooCredentials(ctxFor(s).shop.credentials), ctxFor(s));
    const e = await rejection(client.request('GET', 'wp-json/wc/v3/orders', [['per_page', '200']]));
    expect(e).toMatchObject({ kind: 'bad_request', details: { platformCode: 'rest_invalid_param', httpStatus: 400 } });
    expect(e.message).toMatch(/per_page must be between 1 \(inclusive\) and 100 \(inclusive\)/);
  });

  it('base-URL override keeps production paths; OAuth1 signs the production URL and re-signs retries', async () => {
    const s = await sim({ homeUrl: 'http://shop.example.com/store' });
    const from = seed(s, 3);
    // The store does the work and spends the nonce, then the answer is lost: a retry must not reuse the signature.
    s.failNext(1, { status: 500, afterHandling: true });
    const got = ids(await collect(fast(), upToNow(s, from), ctxFor(s)));
    expect(got).toHaveLength(3);
    const calls = listCalls(s);
    expect(calls.map((c) => [c.path, c.status])).toEqual([['/store/wp-json/wc/v3/orders', 500], ['/store/wp-json/wc/v3/orders', 200]]);
    expect(calls[0]!.headers.host).toBe(`127.0.0.1:${s.port}`);
    expect(calls[1]!.query).toMatchObject({ oauth_signature_method: 'HMAC-SHA256', oauth_consumer_key: WOO_SIM_KEY.consumerKey });
    expect(calls[1]!.query.oauth_nonce).not.toBe(calls[0]!.query.oauth_nonce);
    expect(JSON.stringify(s.log)).not.toContain(WOO_SIM_KEY.consumerSecret);

    // A clock 16 minutes off is refused by the store's 15-minute window.
    const skewed = ctxFor(s, {}, () => s.clock.now() + 16 * MIN);
    const e = await rejection(collect(woocommerceAdapter, upToNow(s, from), skewed));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/clock differs .* 15 minutes/);
  });
});

describe('WooCommerce shipment write-back', () => {
  const ship = (id: number, trackingNo = 'SF1234567890'): ShipmentWriteBack => ({ platformOrderId: String(id), carrier: 'SF', trackingNo, shippedAt: Date.UTC(2026, 10, 25), lines: [] });
  const writes = (s: WooSim) => s.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/^.*\/v3\//, '')} ${r.status}`);

  it('completes the order with meta and exactly one customer note; the second call is "already"', async () => {
    const s = await sim();
    const o = s.addOrder();
    const ctx = ctxFor(s);
    expect(await woocommerceAdapter.confirmShipment(ship(o.id), ctx)).toBe('done');
    const after = s.orders.get(o.id)!;
    expect(after.status).toBe('completed');
    expect(after.meta_data).toEqual(expect.arrayContaining([expect.objectContaining({ key: '_shopdesk_tracking', value: 'SF1234567890' }), expect.objectContaining({ key: '_shopdesk_carrier', value: 'SF' })]));
    expect(s.notes.get(o.id)).toMatchObject([{ note: 'Shipped via SF Express, tracking SF1234567890', customer_note: true }]);
    expect(writes(s)).toEqual([`PUT orders/${o.id} 200`, `POST orders/${o.id}/notes 201`]);

    s.log.length = 0;
    expect(await woocommerceAdapter.confirmShipment(ship(o.id), ctx)).toBe('already');
    expect(writes(s)).toEqual([]);
    // A synced order now carries the tracking we wrote.
    s.clock.advance(MIN);
    const synced = (await collect(woocommerceAdapter, { from: s.clock.now() - 10 * MIN, to: s.clock.now() }, ctx)).flatMap((p) => p.orders);
    expect(synced[0]).toMatchObject({ trackingNo: 'SF1234567890', carrier: 'SF', platformState: 'completed' });
    // Another number, even a prefix of the first, is a new shipment rather than 'already'.
    expect(await woocommerceAdapter.confirmShipment(ship(o.id, 'SF123456789'), ctx)).toBe('done');
    expect(s.notes.get(o.id)).toHaveLength(2);
  });

  it('a retry after a half-done write (PUT landed, note failed) ends with one note', async () => {
    const s = await sim();
    const o = s.addOrder();
    const isNotePost = (m: string, p: string) => m === 'POST' && p.endsWith('/notes');
    s.failNext(FAST.attempts, { status: 503, match: isNotePost }); // the whole retry budget
    const e = await rejection(fast().confirmShipment(ship(o.id), ctxFor(s)));
    expect(e.kind).toBe('server');
    expect(s.orders.get(o.id)!.status).toBe('completed');
    expect(s.notes.get(o.id) ?? []).toHaveLength(0);
    s.log.length = 0;
    expect(await fast().confirmShipment(ship(o.id), ctxFor(s))).toBe('done');
    expect(s.notes.get(o.id)).toHaveLength(1);
    expect(writes(s)).toEqual([`POST orders/${o.id}/notes 201`]);
    expect(await fast().confirmShipment(ship(o.id), ctxFor(s))).toBe('already');
    expect(s.notes.get(o.id)).toHaveLength(1);
  });

  it('a note that landed but whose answer was lost is not posted twice', async () => {
    const s = await sim();
    const o = s.addOrder();
    s.failNext(1, { status: 500, afterHandling: true, match: (m, p) => m === 'POST' && p.endsWith('/notes') });
    expect(await fast().confirmShipment(ship(o.id), ctxFor(s))).toBe('done');
    expect(s.notes.get(o.id)).toHaveLength(1);
  });

  it('uses the Shipment Tracking extension when the store has it, once', async () => {
    const s = await sim({ shipmentTracking: true });
    const o = s.addOrder();
    const adapter = createWoocommerceAdapter(); // its own memory of which stores lack the extension
    expect(await adapter.confirmShipment(ship(o.id), ctxFor(s))).toBe('done');
    expect(s.trackings.get(o.id)).toMatchObject([{ tracking_number: 'SF1234567890', custom_tracking_provider: 'SF Express', date_shipped: '2026-11-25' }]);
    expect(await adapter.confirmShipment(ship(o.id), ctxFor(s))).toBe('already');
    expect(s.trackings.get(o.id)).toHaveLength(1);

    // A store without it answers rest_no_route once; the next shipment within the hour does not ask again.
    const plain = await sim();
    const [p1, p2] = [plain.addOrder(), plain.addOrder()];
    expect(await adapter.confirmShipment(ship(p1.id), ctxFor(plain))).toBe('done');
    expect(await adapter.confirmShipment(ship(p2.id), ctxFor(plain))).toBe('done');
    expect(plain.log.filter((r) => r.path.includes('shipment-trackings')).map((r) => r.status)).toEqual([404]);
  });

  it('refuses to complete a cancelled order and reports a missing one as not_found', async () => {
    const s = await sim();
    const o = s.addOrder({ status: 'cancelled' });
    expect(await rejection(woocommerceAdapter.confirmShipment(ship(o.id), ctxFor(s)))).toMatchObject({ kind: 'bad_request' });
    expect(s.orders.get(o.id)!.status).toBe('cancelled');
    expect(await rejection(woocommerceAdapter.confirmShipment(ship(424242), ctxFor(s)))).toMatchObject({ kind: 'not_found', details: { platformCode: 'woocommerce_rest_shop_order_invalid_id' } });
  });
});
