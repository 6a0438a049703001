import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { deliver, type RecordedDelivery } from './deliver.js';
import { expectedSign, fail, KS_FAIL, ok, readParams, refuse, whole } from './gateway.js';
import { checkWindow, keysetPage } from './list.js';
import { refreshToken, type TokenBook } from './oauth.js';
import { buildOrder, renderOrder, type KsOrderSpec, type KsSimOrder } from './orders.js';
import { listRefunds, type KsRefundSpec, type KsSimRefund } from './refunds.js';

export const KS_SIM_APP = {
  appKey: 'ks683702719562282620',
  appSecret: 'zSCiWmGOk_diMCU9k3zHcg',
  signSecret: '7482bac6555ee7a3184bcc48f4ef05cd',
  accessToken: 'ChFvYXV0aC5hY2Nlc3NUb2tlbhJQsimAccess1',
  refreshToken: 'ChJvYXV0aC5yZWZyZXNoVG9rZW4SsimRefresh1',
} as const;

export interface SignCheck {
  method: string;
  signMethod: string;
  computed: string | null;
  received: string;
  ok: boolean;
}

/** Order views of orderViewStatus [S]: 1 all, 2 待付款, 3 待发货, 4 已发货, 5 已收货, 6 交易成功, 7 已关闭. */
const VIEW: Record<number, number | null> = { 1: null, 2: 10, 3: 30, 4: 40, 5: 50, 6: 70, 7: 80 };
const API: Record<string, 'GET' | 'POST'> = {
  'open.order.cursor.list': 'GET',
  'open.order.detail': 'GET',
  'open.seller.order.goods.deliver': 'POST',
  'open.seller.order.refund.pcursor.list': 'GET',
};
const DAY = 24 * 3600_000;

/**
 * Kuaishou's merchant open API and token endpoint on one 127.0.0.1 port, judged by a SimClock: signature recomputed
 * over the parameters received, timestamp skew, token expiry and refresh, window and page limits, keyset cursors,
 * masked addresses with ciphertexts, whole-order delivery with Kuaishou's refusals, refunds with their own statuses.
 */
export class KsSim {
  readonly orders = new Map<number, KsSimOrder>();
  readonly refunds = new Map<number, KsSimRefund>();
  readonly deliveries: RecordedDelivery[] = [];
  readonly signChecks: SignCheck[] = [];
  readonly tokens: TokenBook;
  readonly revoked = new Set<string>();
  legacyRedeliver = false;
  private failures: number[] = [];
  private throttles = 0;
  private listHooks = new Map<number, () => void>();
  private lists = 0;
  private refundSeq = 10_987_654;
  private running!: RunningSim;

  private constructor(readonly clock: SimClock, readonly skewMs: number) {
    this.tokens = { appKey: KS_SIM_APP.appKey, appSecret: KS_SIM_APP.appSecret, access: new Map([[KS_SIM_APP.accessToken, clock.now() + 48 * 3600_000]]), refresh: new Set([KS_SIM_APP.refreshToken]), refreshes: 0 };
  }

  static async start(opts: { clock?: SimClock; skewMs?: number } = {}): Promise<KsSim> {
    const sim = new KsSim(opts.clock ?? new SimClock(), opts.skewMs ?? 10 * 60_000);
    sim.running = await startSim((req) => sim.answer(req), sim.clock);
    return sim;
  }

  get url(): string {
    return this.running.url;
  }
  get log() {
    return this.running.log;
  }
  close(): Promise<void> {
    return this.running.close();
  }

  // ——— controls ———

  addOrder(spec: KsOrderSpec = {}, updateTime = this.clock.now()): KsSimOrder {
    const o = buildOrder(spec, updateTime);
    this.orders.set(o.oid, o);
    return o;
  }

  updateOrder(oid: number, patch: Partial<Pick<KsSimOrder, 'status' | 'remark' | 'riskCode'>>): KsSimOrder {
    const o = this.orders.get(oid);
    if (!o) throw new Error(`sim: no order ${oid}`);
    Object.assign(o, patch, { updateTime: this.clock.now() });
    return o;
  }

  /** Serves these fields verbatim in the order's blocks: a payload the adapter must refuse. */
  breakOrder(oid: number, overrides: KsSimOrder['overrides']): void {
    const o = this.orders.get(oid);
    if (!o) throw new Error(`sim: no order ${oid}`);
    o.overrides = overrides;
  }

  /** A buyer's refund / return request on an order; the order's refund list and update time move with it [U]. */
  addRefund(oid: number, spec: KsRefundSpec = {}): KsSimRefund {
    const o = this.orders.get(oid);
    if (!o) throw new Error(`sim: no order ${oid}`);
    const now = this.clock.now();
    const r: KsSimRefund = { refundId: ++this.refundSeq, oid, skuId: o.skuId, skuNick: o.skuNick, status: spec.status ?? 10, handlingWay: spec.handlingWay ?? 10, negotiateStatus: spec.negotiateStatus ?? 1, refundFeeFen: spec.refundFeeFen ?? o.priceFen * o.num, reason: spec.reason ?? '不想要了', createTime: now, updateTime: now, overrides: {} };
    this.refunds.set(r.refundId, r);
    o.refundIds.unshift(r.refundId);
    o.updateTime = now;
    return r;
  }

  updateRefund(refundId: number, patch: Partial<Pick<KsSimRefund, 'status' | 'negotiateStatus' | 'overrides'>>): KsSimRefund {
    const r = this.refunds.get(refundId);
    if (!r) throw new Error(`sim: no refund ${refundId}`);
    Object.assign(r, patch, { updateTime: this.clock.now() });
    const o = this.orders.get(r.oid);
    if (o) o.updateTime = this.clock.now();
    return r;
  }

  expireAccessTokens(): void {
    for (const t of this.tokens.access.keys()) this.tokens.access.set(t, this.clock.now() - 1);
  }

  failNext(n: number, status = 503): void {
    for (let i = 0; i < n; i++) this.failures.push(status);
  }

  throttleNext(n: number): void {
    this.throttles += n;
  }

  /** Runs fn right after the n-th order-list request (1-based, counted from now) has been answered. */
  afterList(n: number, fn: () => void): void {
    this.listHooks.set(this.lists + n, fn);
  }

  /** The business parameters of each call to `method`, parsed. */
  calls(method: string): Record<string, unknown>[] {
    return this.log
      .filter((r) => r.path === `/${method.replace(/\./g, '/')}`)
      .map((r) => {
        const p = r.method === 'POST' ? Object.fromEntries(new URLSearchParams(r.body)) : r.query;
        return JSON.parse(p.param ?? '{}') as Record<string, unknown>;
      });
  }

  // ——— the wire ———

  private answer(req: SimRequest): SimResponse {
    const failure = this.failures.shift();
    if (failure !== undefined) return { status: failure, headers: { 'Content-Type': 'text/html' }, body: `<html><body><h1>${failure} Service Unavailable</h1></body></html>` };
    if (req.url.pathname === '/oauth2/refresh_token') return refreshToken(this.tokens, req, this.clock.now());
    const method = Object.keys(API).find((m) => `/${m.replace(/\./g, '/')}` === req.url.pathname);
    if (!method) return { status: 404, body: { result: 404, error_msg: 'api not found' } };
    const p = readParams(req);
    for (const name of ['appkey', 'method', 'version', 'param', 'access_token', 'timestamp', 'signMethod', 'sign']) {
      if (p[name] === undefined) return fail(KS_FAIL.missingParam, name);
    }
    if (p.method !== method || p.version !== '1') return fail(KS_FAIL.missingParam, p.method !== method ? 'method与路径不一致' : 'version');
    if (p.appkey !== KS_SIM_APP.appKey) return fail(KS_FAIL.invalidAppKey);
    const computed = expectedSign(p, KS_SIM_APP.signSecret);
    const good = computed !== null && computed === p.sign;
    this.signChecks.push({ method, signMethod: p.signMethod ?? '', computed, received: p.sign ?? '', ok: good });
    if (!good) return fail(KS_FAIL.invalidSign);
    const ts = /^\d{13}$/.test(p.timestamp ?? '') ? Number(p.timestamp) : NaN;
    if (!(Math.abs(ts - this.clock.now()) <= this.skewMs)) return fail(KS_FAIL.invalidTimestamp, p.timestamp ?? '');
    const token = p.access_token ?? '';
    if (this.revoked.has(token)) return fail(KS_FAIL.revoked);
    const expiry = this.tokens.access.get(token);
    if (expiry === undefined) return fail(KS_FAIL.tokenInvalid);
    if (this.clock.now() >= expiry) return fail(KS_FAIL.tokenExpired);
    if (this.throttles > 0) {
      this.throttles--;
      return fail(KS_FAIL.callLimited);
    }
    if (req.method !== API[method]) return refuse('HTTP_METHOD_INVALID', `请使用${API[method]}请求`);
    let b: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(p.param ?? '');
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      b = v as Record<string, unknown>;
    } catch {
      return fail(KS_FAIL.missingParam, 'param不是JSON对象');
    }
    const now = this.clock.now();
    if (method === 'open.seller.order.goods.deliver') return deliver(this.orders, this.refunds, b, now, { legacyRedeliver: this.legacyRedeliver }, this.deliveries);
    if (method === 'open.seller.order.refund.pcursor.list') return listRefunds(this.refunds.values(), b, now);
    if (method === 'open.order.detail') {
      const o = this.orders.get(whole(b.oid) ?? -1);
      return o ? ok(structuredClone(this.render(o))) : refuse('ORDER_NOT_EXIST', '订单不存在');
    }
    const res = this.listOrders(b, now);
    this.lists++;
    const hook = this.listHooks.get(this.lists);
    if (hook) {
      this.listHooks.delete(this.lists);
      hook();
    }
    return res;
  }

  private render(o: KsSimOrder): Record<string, unknown> {
    return renderOrder(o, (id) => this.refunds.get(id)?.status);
  }

  /** open.order.cursor.list: at most 7 days per query, 90 days back, pages of at most 100 [S]. */
  private listOrders(b: Record<string, unknown>, now: number): SimResponse {
    const w = checkWindow(b, now, { maxSpanMs: 7 * DAY, maxAgeMs: 90 * DAY, maxPageSize: 100 });
    if ('status' in w) return w;
    const view = whole(b.orderViewStatus);
    if (view === null || !(view in VIEW)) return refuse('PARAM_INVALID', 'orderViewStatus无效');
    if (typeof b.cursor !== 'string') return refuse('PARAM_INVALID', 'cursor无效');
    const wanted = VIEW[view];
    const rows = [...this.orders.values()].filter((o) => wanted === null || o.status === wanted);
    const res = keysetPage(rows, { time: (o) => (w.queryType === 2 ? o.updateTime : o.createTime), id: (o) => o.oid, begin: w.begin, end: w.end, desc: w.desc, cursor: b.cursor, pageSize: w.pageSize });
    if (!res) return refuse('PARAM_INVALID', 'cursor无效');
    return ok({ cursor: res.cursor, pageSize: w.pageSize, beginTime: w.begin, endTime: w.end, orderList: structuredClone(res.page.map((o) => this.render(o))) });
  }
}
