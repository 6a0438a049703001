import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { afterSaleList, buildAfterSale, type AfterSaleSpec } from './aftersales.js';
import { batchDecrypt, type Refusals } from './decrypt.js';
import { E, errEnvelope, legacyEnvelope, nextLogId, okEnvelope, type DyError } from './envelope.js';
import { buildOrder, COMPANIES, type OrderSpec } from './fixtures.js';
import { gateway, type SignCheck } from './gateway.js';
import { logisticsAdd, logisticsCompanyList } from './logistics.js';
import { orderDetail, searchList, type Answer } from './orders.js';
import { nowSec, type DouyinSimState, type SimAfterSale, type SimLimits, type SimShopOrder } from './state.js';
import { issuePair, tokenRefresh } from './tokens.js';

export interface DouyinSimOptions {
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Access-token lifetime ([U] 7 days). */
  accessTtlMs?: number;
  limits?: Partial<SimLimits>;
  /** Requests per sim-clock second per method; unlimited unless set. */
  qps?: Record<string, number>;
  clock?: SimClock;
}

/** One answered call: what came in, what the gateway computed, what went back. */
export interface DyCall {
  at: number;
  method: string;
  query: Record<string, string>;
  headers: SimRequest['headers'];
  body: string;
  params: Record<string, unknown> | null;
  /** The signature check, when the request got that far (computed vs received). */
  sign: SignCheck | null;
  code: number;
  subCode: string;
}

export const SIM_APP = { appKey: '7000000000000000000', appSecret: 'dd_sim_secret_0123456789' } as const;
export const SIM_TOKENS = { accessToken: 'sim-access-token-0001', refreshToken: 'sim-refresh-token-0001' } as const;

type Handler = (p: Record<string, unknown>) => Answer;

/**
 * The 抖店 open platform on one 127.0.0.1 port, judged by a SimClock: the gateway (gateway.ts) checks system
 * parameters, timestamp and signature; handlers answer with 抖店's envelopes and codes. Controls let a test add and
 * change orders and cases, break or throttle the next requests, expire tokens and mutate data between pages.
 */
export class DouyinSim {
  readonly state: DouyinSimState;
  readonly calls: DyCall[] = [];
  readonly refusals: Refusals = new Map();
  private failures: { left: number; mode: 'isp' | number } = { left: 0, mode: 'isp' };
  private throttled = 0;
  private readonly qps: Record<string, number>;
  private readonly perSecond = new Map<string, number>();
  private readonly handlers: Record<string, Handler>;
  private running!: RunningSim;

  private constructor(opts: DouyinSimOptions, clock: SimClock) {
    this.state = {
      clock,
      appKey: opts.appKey ?? SIM_APP.appKey,
      appSecret: opts.appSecret ?? SIM_APP.appSecret,
      shopId: 4_463_798,
      orders: new Map(),
      afterSales: new Map(),
      ciphers: new Map(),
      companies: [...COMPANIES],
      shipments: [],
      tokens: { access: new Map(), refresh: new Map(), accessTtlMs: opts.accessTtlMs ?? 7 * 86_400_000, issued: 0 },
      limits: { windowCapSec: 7 * 86_400, maxResults: 50_000, toleranceSec: 600, ...opts.limits },
      decrypt: { calls: 0, ciphertexts: 0, authIds: [] },
      beforeSearch: null,
      searchCalls: 0,
    };
    this.qps = { ...opts.qps };
    issuePair(this.state, opts.accessToken ?? SIM_TOKENS.accessToken, opts.refreshToken ?? SIM_TOKENS.refreshToken);
    const s = this.state;
    this.handlers = {
      'order.searchList': (p) => searchList(s, p),
      'order.orderDetail': (p) => orderDetail(s, p),
      'order.logisticsAdd': (p) => logisticsAdd(s, p),
      'order.logisticsCompanyList': () => logisticsCompanyList(s),
      'order.batchDecrypt': (p) => batchDecrypt(s, p, this.refusals),
      'afterSale.List': (p) => afterSaleList(s, p),
      'token.refresh': (p) => tokenRefresh(s, p),
    };
  }

  static async start(opts: DouyinSimOptions = {}): Promise<DouyinSim> {
    const sim = new DouyinSim(opts, opts.clock ?? new SimClock());
    sim.running = await startSim((req) => sim.answer(req), sim.state.clock);
    return sim;
  }

  get url(): string {
    return this.running.url;
  }
  get clock(): SimClock {
    return this.state.clock;
  }
  close(): Promise<void> {
    return this.running.close();
  }

  /** Calls of one method, in order. */
  callsOf(method: string): DyCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ——— controls ———

  addOrder(spec: OrderSpec, updatedAtMs = this.clock.now()): SimShopOrder {
    const o = buildOrder(this.state, spec, Math.floor(updatedAtMs / 1000));
    this.state.orders.set(o.id, o);
    return o;
  }

  /** Changes an order the way 抖店 would: new fields, update_time = now. */
  updateOrder(id: string, change: { status?: number; fields?: Record<string, unknown> } = {}): SimShopOrder {
    const o = this.state.orders.get(id);
    if (!o) throw new Error(`sim: no order ${id}`);
    o.updatedAt = nowSec(this.state);
    if (change.status !== undefined) {
      o.json.order_status = change.status;
      for (const s of o.json.sku_order_list as Record<string, unknown>[]) s.order_status = change.status;
    }
    Object.assign(o.json, change.fields ?? {}, { update_time: o.updatedAt });
    return o;
  }

  /** Stores a payload verbatim (broken fields and all), listed by `updatedAtMs` like any other order. */
  injectRaw(json: Record<string, unknown>, updatedAtMs = this.clock.now()): void {
    const id = typeof json.order_id === 'string' ? json.order_id : `raw-${this.state.orders.size}`;
    const at = Math.floor(updatedAtMs / 1000);
    this.state.orders.set(id, { id, createdAt: at, updatedAt: at, json });
  }

  addAfterSale(spec: AfterSaleSpec): SimAfterSale {
    const c = buildAfterSale(this.state, spec);
    this.state.afterSales.set(c.id, c);
    return c;
  }

  /** Moves a case on (and mirrors it on its sku order), update_time = now. */
  updateAfterSale(id: string, change: { status: number; refundStatus?: number }): SimAfterSale {
    const c = this.state.afterSales.get(id);
    if (!c) throw new Error(`sim: no after-sale ${id}`);
    const now = nowSec(this.state);
    Object.assign(c.json.aftersale_info, { aftersale_status: change.status, update_time: now, ...(change.refundStatus !== undefined ? { refund_status: change.refundStatus } : {}) });
    c.updatedAt = now;
    const order = this.state.orders.get(c.orderId)!;
    const sku = (order.json.sku_order_list as { order_id: string; after_sale_info: Record<string, unknown> }[]).find((s) => s.order_id === c.json.aftersale_info.related_id);
    if (sku) Object.assign(sku.after_sale_info, { after_sale_status: change.status, refund_status: c.json.aftersale_info.refund_status });
    this.updateOrder(order.id);
    return c;
  }

  /** The next n requests fail before the gateway looks at them: HTTP `mode` (502, 503…) or 20000 isp.service-error. */
  failNext(n: number, mode: 'isp' | number = 'isp'): void {
    this.failures = { left: n, mode };
  }

  /** The next n signed requests are refused with 60000 (rate limit). */
  throttleNext(n: number): void {
    this.throttled = n;
  }

  /** The access token stops working now (as if its days ran out). */
  expireAccessToken(token: string = SIM_TOKENS.accessToken): void {
    const t = this.state.tokens.access.get(token);
    if (t) t.expiresAt = this.clock.now();
  }

  // ——— the wire ———

  private answer(req: SimRequest): SimResponse {
    const at = this.clock.now();
    const logId = nextLogId(at);
    const g = gateway(this.state, req, new Set(Object.keys(this.handlers)));
    const failure = this.failures.left > 0 ? this.failures.mode : null;
    let result: { error: DyError } | { data: unknown };
    if (failure !== null) {
      this.failures.left--;
      if (typeof failure === 'number') {
        this.log(req, g, at, failure, 'http');
        return { status: failure, body: `<html><body><h1>${failure} Gateway Error</h1></body></html>`, headers: { 'Content-Type': 'text/html' } };
      }
      result = { error: E.serviceError() };
    } else if (!g.ok) result = { error: g.error };
    else if (this.throttled > 0 || this.overQps(g.method, at)) {
      this.throttled = Math.max(0, this.throttled - 1);
      result = { error: E.rateLimited() };
    } else {
      const a = this.handlers[g.method]!(g.params);
      result = a.ok ? { data: a.data } : { error: a.error };
    }
    const env = 'error' in result ? errEnvelope(result.error, logId) : okEnvelope(result.data, logId);
    this.log(req, g, at, env.code as number, String(env.sub_code));
    // Clients that do not ask for the new envelope get the legacy one (§5.4).
    return req.headers['x-open-no-old-err-code'] === '1' ? { status: 200, body: env } : legacyEnvelope(env);
  }

  private overQps(method: string, at: number): boolean {
    const limit = this.qps[method];
    if (limit === undefined) return false;
    const key = `${method}@${Math.floor(at / 1000)}`;
    const n = (this.perSecond.get(key) ?? 0) + 1;
    this.perSecond.set(key, n);
    return n > limit;
  }

  private log(req: SimRequest, g: ReturnType<typeof gateway>, at: number, code: number, subCode: string): void {
    this.calls.push({
      at,
      method: g.method,
      query: Object.fromEntries(req.url.searchParams),
      headers: req.headers,
      body: req.body,
      params: g.ok ? g.params : null,
      sign: g.check,
      code,
      subCode,
    });
  }
}
