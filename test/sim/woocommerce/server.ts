import { startSim, SimClock, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { authenticate, permissionError, type SimKey, type WooError } from './auth.js';
import { listOrders, touch } from './list.js';
import { buildOrder, gmt, negate, siteTime, STATUSES, type Json, type OrderInput, type WooOrderJson } from './orders.js';

/**
 * A WooCommerce store speaking REST v3 on 127.0.0.1: orders (list/get/update), order notes, refunds, optionally the
 * Shipment Tracking extension, with WooCommerce's auth (Basic, query-string keys, OAuth 1.0a on plain-HTTP stores),
 * its error envelope {code, message, data:{status}}, paging headers, and test controls: add/update orders (stamped
 * by the sim clock), fail the next N requests, change orders between list pages, break an order on purpose.
 */

export interface WooSimOptions {
  /** The store's address as WordPress knows it; https → Basic/query keys, http → OAuth 1.0a only. */
  homeUrl?: string;
  key?: Partial<SimKey>;
  /** Before WooCommerce PR #30585 (2021): modified_after/modified_before/dates_are_gmt are ignored. */
  legacy?: boolean;
  stripsAuthorization?: boolean;
  shipmentTracking?: boolean;
  /** Site timezone (minutes east of UTC); the non-_gmt dates use it. */
  siteOffsetMinutes?: number;
  priceDecimals?: number;
  clock?: SimClock;
}

export interface Failure {
  status: number;
  retryAfterSec?: number;
  /** Which requests fail; all by default. */
  match?: (method: string, path: string) => boolean;
  /** Fail after WordPress has done the work (a write lands, a nonce is spent, the answer is lost). */
  afterHandling?: boolean;
}

export interface Note {
  id: number;
  author: string;
  date_created: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

export interface WooSim extends RunningSim {
  homeUrl: string;
  orders: Map<number, WooOrderJson>;
  notes: Map<number, Note[]>;
  trackings: Map<number, Json[]>;
  addOrder(input?: OrderInput): WooOrderJson;
  /** Changes fields and stamps date_modified with the sim clock, as any save in WooCommerce does. */
  updateOrder(id: number, patch: Json): WooOrderJson;
  addRefund(orderId: number, amount: string, reason?: string): void;
  /** Overwrites fields verbatim (types and all) to make an order the adapter must refuse. */
  breakOrder(id: number, patch: Json): void;
  failNext(count: number, failure: Failure): void;
  /** Runs once, right after list page `page` has been answered: the next request sees the change. */
  afterListPage(page: number, fn: () => void): void;
}

export const WOO_SIM_KEY: SimKey = { consumerKey: 'ck_5f0c1e2d3b4a59687766554433221100aabbccdd', consumerSecret: 'cs_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', permissions: 'read_write' };
const err = (e: WooError): SimResponse => ({ status: e.status, headers: e.headers, body: { code: e.code, message: e.message, data: { status: e.status } } });
const denied = (code: string, message: string) => err({ status: 401, code, message });
const CANNOT_LIST = denied('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');

export async function startWooSim(opts: WooSimOptions = {}): Promise<WooSim> {
  const clock = opts.clock ?? new SimClock();
  const homeUrl = (opts.homeUrl ?? 'https://shop.example.com').replace(/\/+$/, '');
  const homePath = new URL(homeUrl).pathname.replace(/\/+$/, '');
  const key: SimKey = { ...WOO_SIM_KEY, ...opts.key };
  const offset = opts.siteOffsetMinutes ?? 480;
  const decimals = opts.priceDecimals ?? 2;
  const orders = new Map<number, WooOrderJson>();
  const notes = new Map<number, Note[]>();
  const trackings = new Map<number, Json[]>();
  const refunds = new Map<number, Json[]>();
  const nonces = new Map<string, number>();
  const failures: Failure[] = [];
  const pageHooks = new Map<number, () => void>();
  let nextId = 100;
  let nextNoteId = 9000;

  const failureFor = (req: SimRequest, afterHandling: boolean): SimResponse | null => {
    const i = failures.findIndex((f) => !!f.afterHandling === afterHandling && (f.match?.(req.method, req.url.pathname) ?? true));
    if (i < 0) return null;
    const [f] = failures.splice(i, 1);
    const headers: Record<string, string> = f!.retryAfterSec !== undefined ? { 'Retry-After': String(f!.retryAfterSec) } : {};
    if (f!.status === 500) {
      // WordPress's fatal-error handler answers REST requests in JSON.
      return { status: 500, headers, body: { code: 'internal_server_error', message: '<p>There has been a critical error on this website.</p>', data: { status: 500 }, additional_errors: [] } };
    }
    // Hosts, proxies and firewalls answer with their own HTML page.
    return { status: f!.status, headers: { 'Content-Type': 'text/html', ...headers }, body: `<html><body><h1>${f!.status}</h1></body></html>` };
  };

  const handle = (req: SimRequest): SimResponse => {
    const hostFailure = failureFor(req, false);
    if (hostFailure) return hostFailure;
    const auth = authenticate(req, { key, homeUrl, stripsAuthorization: !!opts.stripsAuthorization, nowSec: Math.floor(clock.now() / 1000), nonces });
    if (!auth.user && auth.error) return err(auth.error);
    if (auth.user) {
      const perm = permissionError(auth.user, req.method);
      if (perm) return err(perm);
    }
    const res = route(req, !!auth.user);
    return failureFor(req, true) ?? res;
  };

  const route = (req: SimRequest, authed: boolean): SimResponse => {
    const path = req.url.pathname.startsWith(`${homePath}/wp-json/`) ? req.url.pathname.slice(homePath.length) : null;
    const m = path && /^\/wp-json\/wc\/v3\/orders(?:\/(\d+)(?:\/(notes|refunds))?)?\/?$/.exec(path);
    const t = path && opts.shipmentTracking ? /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings\/?$/.exec(path) : null;
    const write = ['POST', 'PUT', 'PATCH'].includes(req.method);
    const noRoute = err({ status: 404, code: 'rest_no_route', message: 'No route was found matching the URL and request method.' });
    if (t) {
      if (req.method !== 'GET' && req.method !== 'POST') return noRoute;
      if (!authed) return req.method === 'GET' ? CANNOT_LIST : denied('woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
      return shipmentTrackings(Number(t[1]), req);
    }
    if (!m) return noRoute;
    const [, idText, sub] = m;
    if (!idText) {
      if (req.method !== 'GET') return noRoute; // (creating orders is not simulated)
      const page = Number(req.url.searchParams.get('page') ?? 1);
      const res = listOrders(orders.values(), req.url.searchParams, { legacy: !!opts.legacy, siteOffsetMinutes: offset, collectionUrl: `${homeUrl}/wp-json/wc/v3/orders` });
      if (res.status === 200 && !authed) return CANNOT_LIST; // parameters are validated before the permission check
      const hook = res.status === 200 ? pageHooks.get(page) : undefined;
      if (hook) {
        pageHooks.delete(page);
        hook();
      }
      return res;
    }
    const id = Number(idText);
    const order = orders.get(id);
    if (sub === 'notes') {
      if (req.method !== 'GET' && req.method !== 'POST') return noRoute;
      if (!authed) return req.method === 'GET' ? CANNOT_LIST : denied('woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
      if (!order) return err({ status: 404, code: 'woocommerce_rest_order_invalid_id', message: 'Invalid order ID.' });
      return req.method === 'GET' ? listNotes(id, req.url.searchParams.get('type') ?? 'any') : addNote(id, req.body);
    }
    if (sub === 'refunds') {
      if (req.method !== 'GET') return noRoute;
      if (!authed) return CANNOT_LIST;
      if (!order) return err({ status: 404, code: 'woocommerce_rest_order_invalid_id', message: 'Invalid order ID.' });
      return { status: 200, headers: { 'X-WP-Total': String(refunds.get(id)?.length ?? 0), 'X-WP-TotalPages': '1' }, body: refunds.get(id) ?? [] };
    }
    if (req.method !== 'GET' && !write) return noRoute;
    if (!authed) return req.method === 'GET' ? denied('woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.') : denied('woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.');
    if (!order) return err({ status: 404, code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' });
    return req.method === 'GET' ? { status: 200, body: order } : updateFromApi(order, req.body);
  };

  const parseBody = (body: string): Json | null => {
    try {
      const v: unknown = JSON.parse(body || '{}');
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
    } catch {
      return null;
    }
  };
  const badJson = err({ status: 400, code: 'rest_invalid_json', message: 'Invalid JSON body passed.' });

  const updateFromApi = (order: WooOrderJson, body: string): SimResponse => {
    const b = parseBody(body);
    if (!b) return badJson;
    if (b.status !== undefined && !STATUSES.includes(b.status as (typeof STATUSES)[number])) {
      const message = `status is not one of ${STATUSES.join(', ')}.`;
      return { status: 400, body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): status', data: { status: 400, params: { status: message } } } };
    }
    let changed = false;
    if (typeof b.status === 'string' && b.status !== order.status) {
      order.status = b.status;
      if (b.status === 'completed') {
        order.date_completed_gmt = gmt(clock.now());
        order.date_completed = siteTime(clock.now(), offset);
      }
      changed = true;
    }
    for (const entry of Array.isArray(b.meta_data) ? (b.meta_data as Json[]) : []) {
      // With an id WooCommerce updates that row; with a key only, update_meta_data() replaces the key's value.
      const existing = order.meta_data.find((x) => (entry.id !== undefined ? x.id === entry.id : x.key === entry.key));
      if (existing && existing.value === entry.value) continue;
      if (existing) existing.value = entry.value;
      else order.meta_data.push({ id: ++nextNoteId, key: String(entry.key), value: entry.value });
      changed = true;
    }
    // WooCommerce only saves (and stamps date_modified) when something changed.
    if (changed) touch(order, clock.now(), offset);
    return { status: 200, body: order };
  };

  const listNotes = (id: number, type: string): SimResponse => {
    const all = [...(notes.get(id) ?? [])].reverse(); // newest first
    const body = type === 'customer' ? all.filter((n) => n.customer_note) : type === 'internal' ? all.filter((n) => !n.customer_note) : all;
    return { status: 200, body };
  };

  const addNote = (id: number, body: string): SimResponse => {
    const b = parseBody(body);
    if (!b) return badJson;
    if (typeof b.note !== 'string' || b.note === '') {
      return { status: 400, body: { code: 'rest_missing_callback_param', message: 'Missing parameter(s): note', data: { status: 400, params: ['note'] } } };
    }
    const note: Note = { id: ++nextNoteId, author: b.added_by_user ? 'shopdesk' : 'WooCommerce', date_created: siteTime(clock.now(), offset), date_created_gmt: gmt(clock.now()), note: b.note, customer_note: b.customer_note === true || b.customer_note === 'true' };
    notes.set(id, [...(notes.get(id) ?? []), note]);
    return { status: 201, body: note };
  };

  const shipmentTrackings = (id: number, req: SimRequest): SimResponse => {
    if (!orders.has(id)) return err({ status: 404, code: 'woocommerce_rest_order_invalid_id', message: 'Invalid order ID.' });
    if (req.method === 'GET') return { status: 200, body: trackings.get(id) ?? [] };
    const b = parseBody(req.body);
    if (!b) return badJson;
    if (typeof b.tracking_number !== 'string' || !b.tracking_number) return { status: 400, body: { code: 'rest_missing_callback_param', message: 'Missing parameter(s): tracking_number', data: { status: 400, params: ['tracking_number'] } } };
    const item = { tracking_id: `t${++nextNoteId}`, tracking_provider: String(b.tracking_provider ?? ''), custom_tracking_provider: String(b.custom_tracking_provider ?? ''), tracking_link: '', tracking_number: b.tracking_number, date_shipped: String(b.date_shipped ?? '') };
    trackings.set(id, [...(trackings.get(id) ?? []), item]);
    return { status: 201, body: item };
  };

  const sim = await startSim(handle, clock);
  return {
    ...sim,
    homeUrl,
    orders,
    notes,
    trackings,
    addOrder(input = {}) {
      const o = buildOrder(++nextId, clock.now(), input, offset, decimals);
      orders.set(o.id, o);
      return o;
    },
    updateOrder(id, patch) {
      const o = orders.get(id);
      if (!o) throw new Error(`sim: no order ${id}`);
      Object.assign(o, patch);
      touch(o, clock.now(), offset);
      return o;
    },
    addRefund(orderId, amount, reason = '') {
      const o = orders.get(orderId);
      if (!o) throw new Error(`sim: no order ${orderId}`);
      const id = ++nextNoteId;
      const refund = { id, date_created: siteTime(clock.now(), offset), date_created_gmt: gmt(clock.now()), amount, reason, refunded_by: 1, refunded_payment: false, meta_data: [], line_items: [] };
      refunds.set(orderId, [refund, ...(refunds.get(orderId) ?? [])]);
      o.refunds = [{ id, reason, total: negate(amount) }, ...o.refunds];
      touch(o, clock.now(), offset);
    },
    breakOrder(id, patch) {
      const o = orders.get(id);
      if (!o) throw new Error(`sim: no order ${id}`);
      Object.assign(o, patch);
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    afterListPage(page, fn) {
      pageHooks.set(page, fn);
    },
  };
}
