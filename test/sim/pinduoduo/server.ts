import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { decryptBatch } from './decrypt.js';
import { pddError, SIM_CODE } from './envelope.js';
import { buildOrder, fenOfYuan, orderJson, type OrderSpec, type SimOrder } from './fixtures.js';
import { orderIncrement, orderInformation, Refusal, refundIncrement } from './increment.js';
import { logisticsCompanies, onlineSend } from './logistics.js';
import { simSign } from './sign.js';
import { PddSimState, type LoggedCall, type SimRefund } from './state.js';

export interface PddSimOptions {
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  /** How long the access token lives from start (sim clock). */
  tokenTtlMs?: number;
  /** Accepted |timestamp - server time|; PDD documents none, ±10 min assumed (§6.5). */
  toleranceMs?: number;
  /** Calls allowed per 10-second window, per API type (PDD's limiters count per 10 s [S]). */
  limits?: Record<string, number>;
  clock?: SimClock;
}

export const PDD_SIM_APP = { clientId: '6b1f0c3e9a7d4e21b5c8f0a2d4e6b8c1', clientSecret: '0f3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a', accessToken: '5c2e8a1f4b7d0e3a6c9f2b5e8d1a4c7f0b3e6a9d' };

type Handler = (state: PddSimState, f: Readonly<Record<string, string>>) => SimResponse;
const HANDLERS: Readonly<Record<string, Handler>> = {
  'pdd.order.number.list.increment.get': orderIncrement,
  'pdd.order.information.get': orderInformation,
  'pdd.refund.list.increment.get': refundIncrement,
  'pdd.logistics.companies.get': () => logisticsCompanies(),
  'pdd.logistics.online.send': onlineSend,
  'pdd.open.decrypt.batch': decryptBatch,
};
/** APIs PDD serves without a shop's authorization (is_auth false). */
const AUTH_FREE = new Set(['pdd.logistics.companies.get']);
const OPEN_CASE = new Set([2, 3, 4, 5, 7, 8, 14, 15, 18, 21, 22, 27, 31, 32, 33]);

export interface RefundSpec {
  type?: 2 | 3 | 4 | 5 | 6;
  status: number;
  amount?: string;
  reason?: string;
  trackingNumber?: string;
  shippingName?: string;
}

/**
 * Pinduoduo's router on 127.0.0.1: POST /api/router, form-encoded, dispatched on `type`, signature recomputed over
 * the decoded fields as received, timestamp checked against the sim clock, access token checked and expiring,
 * per-API rate limits, and the platform's error envelopes (HTTP 200). Controls let a test add and change orders
 * and after-sales cases, delay the index, mutate orders between list pages and break the next requests.
 */
export class PddSim {
  readonly state: PddSimState;
  /** Every router call: decoded fields, computed vs received sign, the error code answered (null = success). */
  readonly calls: LoggedCall[] = [];
  readonly app: { clientId: string; clientSecret: string };
  /** access_token → expiry (sim clock). */
  readonly tokens = new Map<string, number>();
  private readonly tolerance: number;
  private readonly limits: Record<string, number>;
  private readonly windows = new Map<string, { window: number; n: number }>();
  private failures = { left: 0, status: 502 };
  private busy = 0;
  private throttled: { left: number; type: string | null } = { left: 0, type: null };
  private lost: { left: number; type: string | null } = { left: 0, type: null };
  private nextRefundId = 9_170_000_001;
  private running!: RunningSim;

  private constructor(opts: PddSimOptions, clock: SimClock) {
    this.state = new PddSimState(clock);
    this.app = { clientId: opts.clientId ?? PDD_SIM_APP.clientId, clientSecret: opts.clientSecret ?? PDD_SIM_APP.clientSecret };
    this.tokens.set(opts.accessToken ?? PDD_SIM_APP.accessToken, clock.now() + (opts.tokenTtlMs ?? 365 * 86_400_000));
    this.tolerance = opts.toleranceMs ?? 10 * 60_000;
    this.limits = { ...opts.limits };
  }

  static async start(opts: PddSimOptions = {}): Promise<PddSim> {
    const sim = new PddSim(opts, opts.clock ?? new SimClock());
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
  close(): Promise<void> {
    return this.running.close();
  }
  /** Router calls of one API type. */
  callsOf(type: string): LoggedCall[] {
    return this.calls.filter((c) => c.type === type);
  }

  // ——— controls ———

  addOrder(spec: OrderSpec = {}, updatedAt = this.clock.now()): SimOrder {
    const o = buildOrder(spec, updatedAt);
    this.state.orders.set(o.sn, o);
    this.state.snapshot(o);
    return o;
  }

  /** Changes an order as PDD would: new values, updated_at = now, a new list version. */
  updateOrder(sn: string, change: Partial<Pick<SimOrder, 'orderStatus' | 'refundStatus' | 'confirmStatus' | 'afterSalesStatus' | 'risk' | 'remark' | 'buyerMemo'>>): SimOrder {
    const o = this.state.order(sn);
    Object.assign(o, change);
    o.updatedAt = this.clock.now();
    this.state.snapshot(o);
    return o;
  }

  /** Sends these fields verbatim over the computed ones from now on (a malformed payload). */
  breakOrder(sn: string, fields: Record<string, unknown>): void {
    const o = this.state.order(sn);
    o.broken = fields;
    this.state.snapshot(o);
  }

  /** Opens (or records) an after-sales case on an order; the order's refund axes move with it. */
  addRefund(sn: string, spec: RefundSpec): SimRefund {
    const o = this.state.order(sn);
    const now = this.clock.now();
    const it = o.items[0]!;
    const r: SimRefund = {
      id: this.nextRefundId++,
      sn,
      type: spec.type ?? 2,
      status: spec.status,
      amountFen: fenOfYuan(spec.amount ?? String(orderJson(o).pay_amount)),
      reason: spec.reason ?? '不想要了',
      createdAt: now,
      updatedAt: now,
      skuId: it.skuId,
      outerId: it.outerId,
      goodsName: it.name,
      goodsNumber: it.count,
      goodsPrice: it.price,
      trackingNumber: spec.trackingNumber ?? '',
      shippingName: spec.shippingName ?? '',
      broken: {},
    };
    this.state.refunds.set(r.id, r);
    this.syncOrderWithCase(o, r.status);
    return r;
  }

  updateRefund(id: number, status: number, fields: Partial<Pick<SimRefund, 'trackingNumber' | 'shippingName' | 'broken'>> = {}): SimRefund {
    const r = this.state.refunds.get(id);
    if (!r) throw new Error(`sim: no after-sales case ${id}`);
    Object.assign(r, fields, { status, updatedAt: this.clock.now() });
    this.syncOrderWithCase(this.state.order(r.sn), status);
    return r;
  }

  private syncOrderWithCase(o: SimOrder, status: number): void {
    this.updateOrder(o.sn, { afterSalesStatus: status, refundStatus: status === 10 ? 4 : OPEN_CASE.has(status) ? 2 : 1 });
  }

  /** Runs fn just before the nth order-list request from now (1 = the next). */
  beforeListRequest(n: number, fn: () => void): void {
    this.state.listHooks.push({ left: n, fn });
  }
  /** The next n router requests fail with this HTTP status (an HTML error page) before anything is checked. */
  failNext(n: number, status = 502): void {
    this.failures = { left: n, status };
  }
  /** The next n authorized calls answer 系统繁忙 in the envelope. */
  busyNext(n: number): void {
    this.busy = n;
  }
  /** The next n calls (of `type`, or any) are refused with PDD's limit code. */
  throttleNext(n: number, type: string | null = null): void {
    this.throttled = { left: n, type };
  }
  /** The next n calls (of `type`, or any) are carried out, but the answer is lost (HTTP 504). */
  loseNextResponses(n: number, type: string | null = null): void {
    this.lost = { left: n, type };
  }
  set realistic(on: boolean) {
    this.state.realistic = on;
  }
  expireToken(token = PDD_SIM_APP.accessToken): void {
    this.tokens.set(token, this.clock.now() - 1);
  }

  // ——— the wire ———

  private answer(req: SimRequest): SimResponse {
    if (req.url.pathname !== '/api/router') return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' };
    if (req.method !== 'POST') return { status: 405, headers: { 'Content-Type': 'text/html' }, body: '<html><body>405 Method Not Allowed</body></html>' };
    if (this.failures.left > 0) {
      this.failures.left--;
      return { status: this.failures.status, headers: { 'Content-Type': 'text/html' }, body: `<html><body>${this.failures.status} Bad Gateway</body></html>` };
    }
    const now = this.clock.now();
    const fields: Record<string, string> = {};
    const formEncoded = /application\/x-www-form-urlencoded/i.test(String(req.headers['content-type'] ?? ''));
    if (formEncoded) for (const [k, v] of new URLSearchParams(req.body)) fields[k] = v;
    const call: LoggedCall = { at: now, type: fields.type ?? '', fields, computedSign: null, receivedSign: fields.sign ?? null, errorCode: null };
    this.calls.push(call);
    const res = this.route(call, formEncoded, now);
    const code = (res.body as { error_response?: { error_code?: number } } | undefined)?.error_response?.error_code;
    call.errorCode = typeof code === 'number' ? code : null;
    if (this.lost.left > 0 && (this.lost.type === null || this.lost.type === call.type) && res.status === 200 && call.errorCode === null) {
      this.lost.left--;
      return { status: 504, headers: { 'Content-Type': 'text/html' }, body: '<html><body>504 Gateway Time-out</body></html>' };
    }
    return res;
  }

  private route(call: LoggedCall, formEncoded: boolean, now: number): SimResponse {
    const f = call.fields;
    if (!formEncoded) return pddError(now, SIM_CODE.param, '参数错误:type', '请求体须为 application/x-www-form-urlencoded');
    for (const name of ['type', 'client_id', 'timestamp', 'sign']) if (!f[name]) return pddError(now, SIM_CODE.param, `参数错误:${name}`);
    if (f.client_id !== this.app.clientId) return pddError(now, SIM_CODE.unknownClient, 'client_id不存在');
    call.computedSign = simSign(this.app.clientSecret, f);
    if (call.computedSign !== f.sign) return pddError(now, SIM_CODE.sign, '签名验证失败');
    const ts = /^\d+$/.test(f.timestamp!) ? Number(f.timestamp) * 1000 : NaN;
    if (!(Math.abs(ts - now) <= this.tolerance)) return pddError(now, SIM_CODE.timestamp, 'timestamp已过期', `timestamp与服务器时间相差超过${this.tolerance / 60_000}分钟`);
    if (f.data_type && f.data_type !== 'JSON') return pddError(now, SIM_CODE.param, '参数错误:data_type');
    const handler = HANDLERS[f.type!];
    if (!handler) return pddError(now, SIM_CODE.param, '参数错误:type', `type ${f.type} 不存在`);
    if (this.isThrottled(f.type!, now)) return pddError(now, SIM_CODE.throttled, '当前接口已被限流，请稍后重试');
    if (!AUTH_FREE.has(f.type!)) {
      const expiry = f.access_token ? this.tokens.get(f.access_token) : undefined;
      if (expiry === undefined) return pddError(now, SIM_CODE.token, 'access_token不存在', 'access_token不存在，请重新授权', 'access_token_invalid');
      if (now >= expiry) return pddError(now, SIM_CODE.token, 'access_token已过期', 'access_token已过期，请重新授权', 'access_token_expired');
    }
    if (this.busy > 0) {
      this.busy--;
      return pddError(now, SIM_CODE.busy, '系统繁忙，请稍后重试');
    }
    try {
      return handler(this.state, f);
    } catch (e) {
      if (e instanceof Refusal) return e.res;
      throw e;
    }
  }

  private isThrottled(type: string, now: number): boolean {
    if (this.throttled.left > 0 && (this.throttled.type === null || this.throttled.type === type)) {
      this.throttled.left--;
      return true;
    }
    const limit = this.limits[type];
    if (limit === undefined) return false;
    const window = Math.floor(now / 10_000);
    const w = this.windows.get(type);
    const cur = w && w.window === window ? w : { window, n: 0 };
    cur.n++;
    this.windows.set(type, cur);
    return cur.n > limit;
  }
}
