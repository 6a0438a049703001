import type { SimRequest, SimResponse } from '../base.js';
import { invalidInput, MSG, amzError } from './envelope.js';
import { iso, type SimOrder } from './fixtures.js';
import { newNextToken, type AmazonSimState, type OrderFilter, type OrderPaging } from './state.js';

const TWO_MIN = 2 * 60_000;
const STATUSES = ['PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed', 'Canceled', 'Unfulfillable'];
/** UTC only: a Z or no offset. Amazon refuses +09:00 and the like (§2.8). */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z?$/;

type Parsed<T> = { ok: true; value: T } | { ok: false; res: SimResponse };

function dateParam(params: URLSearchParams, name: string): Parsed<number | null> {
  const v = params.get(name);
  if (v === null) return { ok: true, value: null };
  const ms = UTC_ISO.test(v) ? Date.parse(v.endsWith('Z') ? v : v + 'Z') : NaN;
  if (!Number.isFinite(ms)) {
    return { ok: false, res: invalidInput('Invalid input', `Invalid date/time field [${name[0]!.toLowerCase()}${name.slice(1)}]`) };
  }
  return { ok: true, value: ms };
}

function listParam(params: URLSearchParams, name: string, allowed: readonly string[]): Parsed<string[] | null> {
  const v = params.get(name);
  if (v === null) return { ok: true, value: null };
  const list = v.split(',').map((s) => s.trim());
  const bad = list.find((s) => !allowed.includes(s));
  return bad === undefined ? { ok: true, value: list } : { ok: false, res: invalidInput(`${bad} is not a valid value for ${name}`) };
}

/** The first-page query, checked like Amazon checks it. */
function parseQuery(params: URLSearchParams, marketplaceIds: string[], now: number): Parsed<OrderPaging> {
  const dates: Record<string, number | null> = {};
  for (const name of ['CreatedAfter', 'CreatedBefore', 'LastUpdatedAfter', 'LastUpdatedBefore']) {
    const d = dateParam(params, name);
    if (!d.ok) return d;
    dates[name] = d.value;
  }
  const created = dates.CreatedAfter !== null || dates.CreatedBefore !== null;
  const updated = dates.LastUpdatedAfter !== null || dates.LastUpdatedBefore !== null;
  if (created && updated) return { ok: false, res: invalidInput('CreatedAfter/CreatedBefore and LastUpdatedAfter/LastUpdatedBefore cannot be combined') }; // [U]
  const family = updated ? 'LastUpdated' : 'Created';
  const after = dates[`${family}After`] ?? null;
  const beforeGiven = dates[`${family}Before`] ?? null;
  if (after === null) return { ok: false, res: invalidInput('Either CreatedAfter or LastUpdatedAfter must be specified') }; // [U]
  if (beforeGiven !== null && beforeGiven > now - TWO_MIN) return { ok: false, res: invalidInput(MSG.beforeTooRecent) };
  const before = beforeGiven ?? now - TWO_MIN;
  if (before < after) return { ok: false, res: invalidInput(`${family}Before must be later than ${family}After`) }; // [U]
  let pageSize = 100;
  const max = params.get('MaxResultsPerPage');
  if (max !== null) {
    pageSize = /^\d+$/.test(max) ? Number(max) : NaN;
    if (!(pageSize >= 1 && pageSize <= 100)) return { ok: false, res: invalidInput('MaxResultsPerPage must be between 1 and 100') }; // [U]
  }
  const statuses = listParam(params, 'OrderStatuses', STATUSES);
  if (!statuses.ok) return statuses;
  const channels = listParam(params, 'FulfillmentChannels', ['AFN', 'MFN']);
  if (!channels.ok) return channels;
  const filter: OrderFilter = { dateField: updated ? 'updatedAt' : 'createdAt', after, before, statuses: statuses.value, channels: channels.value };
  return { ok: true, value: { marketplaceIds, filter, pageSize, cursor: null, echo: { [`${family}Before`]: iso(before) } } };
}

function matches(o: SimOrder, p: OrderPaging): boolean {
  const t = o[p.filter.dateField];
  return (
    p.marketplaceIds.includes(o.marketplaceId) &&
    t >= p.filter.after &&
    t <= p.filter.before &&
    (p.filter.statuses === null || p.filter.statuses.includes(o.status)) &&
    (p.filter.channels === null || p.filter.channels.includes(o.channel))
  );
}

/** Newest purchase first — deliberately not by LastUpdateDate: Amazon promises no order, and adapters must not assume one. */
const byKeyDesc = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function page(state: AmazonSimState, p: OrderPaging): SimResponse {
  // Re-run the query on the live data and continue after the last key served: an order updated meanwhile leaves
  // the window (its new LastUpdateDate is later than Before) without shifting the others into pages already read.
  const all = [...state.orders.values()].filter((o) => matches(o, p)).sort(byKeyDesc);
  const rest = p.cursor ? all.filter((o) => byKeyDesc(o, p.cursor!) > 0) : all;
  const slice = rest.slice(0, p.pageSize);
  const payload: Record<string, unknown> = { Orders: slice.map((o) => structuredClone(o.json)), ...p.echo };
  if (rest.length > slice.length) {
    const last = slice[slice.length - 1]!;
    const token = newNextToken();
    state.orderTokens.set(token, { ...p, cursor: { createdAt: last.createdAt, id: last.id } });
    payload.NextToken = token;
  }
  return { status: 200, body: { payload } };
}

/** GET /orders/v0/orders */
export function getOrders(state: AmazonSimState, req: SimRequest): SimResponse {
  const params = req.url.searchParams;
  const mp = params.get('MarketplaceIds');
  if (!mp) return invalidInput('MarketplaceIds is required'); // [U] wording
  const marketplaceIds = mp.split(',').map((s) => s.trim()).filter(Boolean);
  if (marketplaceIds.length === 0 || marketplaceIds.length > 50) return invalidInput('MarketplaceIds must hold 1 to 50 ids'); // [U]
  const token = params.get('NextToken');
  if (token !== null) {
    const p = state.orderTokens.get(token);
    if (!p) return invalidInput(MSG.badNextToken);
    if (p.marketplaceIds.join(',') !== marketplaceIds.join(',')) return invalidInput(); // the token is tied to its query
    for (const hook of state.betweenPages.splice(0)) hook();
    return page(state, p);
  }
  const q = parseQuery(params, marketplaceIds, state.clock.now());
  return q.ok ? page(state, q.value) : q.res;
}

/** GET /orders/v0/orders/{id}/orderItems */
export function getOrderItems(state: AmazonSimState, req: SimRequest, orderId: string): SimResponse {
  const order = state.orders.get(orderId);
  if (!order) return amzError(404, 'NotFound', `Order ${orderId} not found`); // [U] wording
  const token = req.url.searchParams.get('NextToken');
  let offset = 0;
  if (token !== null) {
    const t = state.itemTokens.get(token);
    if (!t || t.orderId !== orderId) return invalidInput(MSG.badNextToken);
    offset = t.offset;
  }
  const slice = order.items.slice(offset, offset + state.itemsPageSize);
  const payload: Record<string, unknown> = { AmazonOrderId: orderId, OrderItems: structuredClone(slice) };
  if (offset + slice.length < order.items.length) {
    const next = newNextToken();
    state.itemTokens.set(next, { orderId, offset: offset + slice.length });
    payload.NextToken = next;
  }
  return { status: 200, body: { payload } };
}

/** GET /orders/v0/orders/{id} */
export function getOrder(state: AmazonSimState, orderId: string): SimResponse {
  const order = state.orders.get(orderId);
  if (!order) return amzError(404, 'NotFound', `Order ${orderId} not found`);
  return { status: 200, body: { payload: structuredClone(order.json) } };
}
