import { randomUUID } from 'node:crypto';
import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { REAL_PLANS, TokenBucket, type SimOperation, type UsagePlan } from './buckets.js';
import { amzError, MSG } from './envelope.js';
import { buildOrder, iso, type OrderSpec, type SimOrder } from './fixtures.js';
import { lwaToken, type AccessTokens, type LwaApp } from './lwa.js';
import { getOrder, getOrderItems, getOrders } from './orders-api.js';
import { confirmShipment } from './shipments-api.js';
import type { AmazonSimState, RecordedShipment } from './state.js';

export interface AmazonSimOptions {
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Usage plans per operation; the real ones by default. Tests raise them so nothing throttles unless it should. */
  plans?: Partial<Record<SimOperation, UsagePlan>>;
  /** getOrderItems page size (Amazon's is not documented). */
  itemsPageSize?: number;
  clock?: SimClock;
}

export interface SentError {
  path: string;
  status: number;
  code: string;
  message: string;
}

const ROUTES: { method: string; re: RegExp; op: SimOperation }[] = [
  { method: 'GET', re: /^\/orders\/v0\/orders$/, op: 'getOrders' },
  { method: 'GET', re: /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/, op: 'getOrderItems' },
  { method: 'POST', re: /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/, op: 'confirmShipment' },
  { method: 'GET', re: /^\/orders\/v0\/orders\/([^/]+)$/, op: 'getOrder' },
];

/**
 * Amazon SP-API (Orders v0) and Login with Amazon on one 127.0.0.1 port, judged by a SimClock: access tokens
 * expire, usage-plan buckets refill and the 2-minute LastUpdatedBefore rule hold on that clock. Controls let a test
 * add and change orders, break the next requests, mutate data between pages and inject malformed payloads.
 */
export class AmazonSim {
  readonly app: LwaApp;
  readonly tokens: AccessTokens = { live: new Map(), issued: 0 };
  readonly state: AmazonSimState;
  readonly buckets: Record<SimOperation, TokenBucket>;
  /** Every SP-API/LWA error answer, with Amazon's code and message (the base log keeps only statuses). */
  readonly errorsSent: SentError[] = [];
  private failures: { left: number; status: number } = { left: 0, status: 503 };
  private lost: { left: number; op: SimOperation | null } = { left: 0, op: null };
  /** Refuse every token, valid or not (an app without the Orders role). */
  denyAll = false;
  private running!: RunningSim;

  private constructor(opts: AmazonSimOptions, clock: SimClock) {
    this.app = {
      clientId: opts.clientId ?? 'amzn1.application-oa2-client.shopdesk',
      clientSecret: opts.clientSecret ?? 'sim-client-secret',
      refreshTokens: new Set([opts.refreshToken ?? 'Atzr|sim-refresh-token']),
    };
    this.state = { clock, orders: new Map(), orderTokens: new Map(), itemTokens: new Map(), itemsPageSize: opts.itemsPageSize ?? 100, betweenPages: [], shipments: [] };
    const plan = (op: SimOperation) => opts.plans?.[op] ?? REAL_PLANS[op];
    this.buckets = {
      getOrders: new TokenBucket(plan('getOrders'), clock),
      getOrderItems: new TokenBucket(plan('getOrderItems'), clock),
      getOrder: new TokenBucket(plan('getOrder'), clock),
      confirmShipment: new TokenBucket(plan('confirmShipment'), clock),
    };
  }

  static async start(opts: AmazonSimOptions = {}): Promise<AmazonSim> {
    const sim = new AmazonSim(opts, opts.clock ?? new SimClock());
    sim.running = await startSim((req) => sim.answer(req), sim.state.clock);
    return sim;
  }

  get url(): string {
    return this.running.url;
  }
  get clock(): SimClock {
    return this.state.clock;
  }
  get log() {
    return this.running.log;
  }
  get shipments(): RecordedShipment[] {
    return this.state.shipments;
  }
  close(): Promise<void> {
    return this.running.close();
  }

  // ——— controls ———

  /** Adds an order last updated now (sim clock), or at `updatedAt`. */
  addOrder(spec: OrderSpec, updatedAt = this.clock.now()): SimOrder {
    const o = buildOrder(spec, updatedAt);
    this.state.orders.set(o.id, o);
    return o;
  }

  /** Changes an order the way Amazon would: new fields, LastUpdateDate = now. */
  updateOrder(id: string, change: { status?: string; fields?: Record<string, unknown> }): SimOrder {
    const o = this.state.orders.get(id);
    if (!o) throw new Error(`sim: no order ${id}`);
    if (change.status) o.status = change.status;
    o.updatedAt = this.clock.now();
    Object.assign(o.json, change.fields ?? {}, { OrderStatus: o.status, LastUpdateDate: iso(o.updatedAt) });
    return o;
  }

  /** Stores a payload verbatim (broken fields and all); it is listed by `updatedAt` like any other order. */
  injectRaw(json: Record<string, unknown>, items: Record<string, unknown>[], updatedAt = this.clock.now()): void {
    const id = typeof json.AmazonOrderId === 'string' ? json.AmazonOrderId : `raw-${this.state.orders.size}`;
    this.state.orders.set(id, { id, marketplaceId: 'ATVPDKIKX0DER', channel: 'MFN', status: String(json.OrderStatus), createdAt: updatedAt, updatedAt, json, items });
  }

  /** The next n SP-API requests fail with this 5xx before anything else is looked at. */
  failNext(n: number, status = 503): void {
    this.failures = { left: n, status };
  }

  /** The next n requests (of `op`, or any) are carried out, but the client gets a 503: a response lost on the way back. */
  loseNextResponses(n: number, op: SimOperation | null = null): void {
    this.lost = { left: n, op };
  }

  /** Runs `fn` just before the next getOrders NextToken page is computed. */
  betweenPages(fn: () => void): void {
    this.state.betweenPages.push(fn);
  }

  revokeRefreshToken(token: string): void {
    this.app.refreshTokens.delete(token);
  }

  // ——— the wire ———

  private answer(req: SimRequest): SimResponse {
    const res = this.route(req);
    if (res.status >= 400 && typeof res.body === 'object' && res.body !== null) {
      const b = res.body as { errors?: { code: string; message: string }[]; error?: string; error_description?: string };
      const e = b.errors?.[0];
      this.errorsSent.push({ path: req.url.pathname, status: res.status, code: e?.code ?? b.error ?? '', message: e?.message ?? b.error_description ?? '' });
    }
    return res;
  }

  private route(req: SimRequest): SimResponse {
    const path = req.url.pathname;
    if (path === '/auth/o2/token') {
      return req.method === 'POST' ? lwaToken(this.app, this.tokens, this.clock, req) : { status: 405, body: { error: 'invalid_request', error_description: 'POST only' } };
    }
    const route = ROUTES.map((r) => ({ r, m: r.re.exec(path) })).find((x) => x.m && x.r.method === req.method);
    if (!route) return amzError(404, 'NotFound', `No operation for ${req.method} ${path}`); // [U]
    const requestId = randomUUID();
    if (this.failures.left > 0) {
      this.failures.left--;
      const s = this.failures.status;
      return amzError(s, s === 503 ? 'ServiceUnavailable' : 'InternalFailure', s === 503 ? MSG.unavailable : MSG.internal, '', { 'x-amzn-RequestId': requestId });
    }
    const token = req.headers['x-amz-access-token'];
    const expiry = typeof token === 'string' ? this.tokens.live.get(token) : undefined;
    if (this.denyAll || expiry === undefined) return amzError(403, 'Unauthorized', MSG.denied, '', { 'x-amzn-RequestId': requestId });
    if (this.clock.now() >= expiry) return amzError(403, 'Unauthorized', MSG.expired, '', { 'x-amzn-RequestId': requestId });
    const { op } = route.r;
    const bucket = this.buckets[op];
    const headers = { 'x-amzn-RateLimit-Limit': String(bucket.plan.rate), 'x-amzn-RequestId': requestId };
    if (!bucket.take()) return amzError(429, 'QuotaExceeded', MSG.quota, '', headers);
    const id = route.m![1] ? decodeURIComponent(route.m![1]) : '';
    const res =
      op === 'getOrders'
        ? getOrders(this.state, req)
        : op === 'getOrderItems'
          ? getOrderItems(this.state, req, id)
          : op === 'confirmShipment'
            ? confirmShipment(this.state, req, id)
            : getOrder(this.state, id);
    if (this.lost.left > 0 && (this.lost.op === null || this.lost.op === op)) {
      this.lost.left--;
      return amzError(503, 'ServiceUnavailable', MSG.unavailable, '', headers);
    }
    return { ...res, headers: { ...headers, ...res.headers } };
  }
}
