import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { topErr, type TopSimError } from './envelope.js';
import { buildTrade, fenOf, type SimTrade, type TradeSpec } from './fixtures.js';
import { checkSession, checkSystem, readParams, type GatewayConfig, type SimCall } from './gateway.js';
import { offlineSend } from './logistics.js';
import { oaidDecrypt } from './oaid.js';
import { refundsReceiveGet } from './refunds.js';
import type { Params, RecordedShipment, SimRefund, TaobaoSimState } from './state.js';
import { fullinfoGet, incrementGet } from './trades.js';

export const SIM_APP = { appKey: '12345678', appSecret: 'sim-app-secret-0123456789abcdef', sessionKey: '6100a1b2c3d4e5f6sim' } as const;

const HANDLERS: Readonly<Record<string, (st: TaobaoSimState, p: Params) => SimResponse>> = {
  'taobao.trades.sold.increment.get': incrementGet,
  'taobao.trade.fullinfo.get': fullinfoGet,
  'taobao.logistics.offline.send': offlineSend,
  'taobao.refunds.receive.get': refundsReceiveGet,
  'taobao.top.oaid.decrypt': oaidDecrypt,
};

export interface TaobaoSimOptions {
  clock?: SimClock;
  /** App Call Limited after this many calls within one second of the sim clock, banned for banSec. */
  rateLimit?: { callsPerSecond: number; banSec: number };
}

export interface RefundSpec {
  line?: number;
  status?: string;
  disputeType?: string;
  refundFee?: string;
  hasGoodReturn?: boolean;
  reason?: string;
  sid?: string;
  companyName?: string;
}

/**
 * Taobao's TOP router on 127.0.0.1: POST /router/rest (GET accepted), every system check of §4.1/§4.9 with TOP's own
 * error envelope, the five APIs ShopDesk uses, judged by a SimClock (timestamp skew, session expiry, App Call Limited
 * bans, the 3-month history, windows). Controls let a test add and change trades, mutate them between list pages,
 * break payloads, fail or lose the next requests, and read what was called.
 */
export class TaobaoSim {
  readonly state: TaobaoSimState;
  readonly calls: SimCall[] = [];
  private readonly cfg: GatewayConfig;
  private running!: RunningSim;
  private failures: ({ kind: 'http'; status: number } | { kind: 'top'; error: TopSimError })[] = [];
  private lose: { left: number; api: string | null } = { left: 0, api: null };
  private banUntil = 0;
  private window = { second: -1, calls: 0 };
  private refundSerial = 0;

  private constructor(private readonly opts: TaobaoSimOptions, clock: SimClock) {
    this.state = { clock, trades: new Map(), refunds: new Map(), listHooks: new Map(), shipments: [], fullinfoCalls: 0, decryptCalls: 0, decrypted: [] };
    this.cfg = { clock, appKey: SIM_APP.appKey, appSecret: SIM_APP.appSecret, sessions: new Map([[SIM_APP.sessionKey, clock.now() + 30 * 24 * 3600_000]]), apis: new Set(Object.keys(HANDLERS)) };
  }

  static async start(opts: TaobaoSimOptions = {}): Promise<TaobaoSim> {
    const sim = new TaobaoSim(opts, opts.clock ?? new SimClock());
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
  /** The calls of one API that reached it (passed the router's checks or not). */
  callsOf(api: string): SimCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  // ——— controls ———

  addTrade(spec: TradeSpec = {}, at = this.clock.now()): SimTrade {
    const t = buildTrade(spec, at);
    this.state.trades.set(t.tid, t);
    return t;
  }

  /** Changes a trade the way Taobao does: `modified` becomes now (sim clock). */
  updateTrade(tid: string, change: (t: SimTrade) => void = () => {}): SimTrade {
    const t = this.trade(tid);
    change(t);
    t.modifiedMs = this.clock.now();
    return t;
  }

  /** Overwrites rendered fields verbatim (trade, or sub-order `line`). */
  breakTrade(tid: string, patch: Record<string, unknown>, line?: number): void {
    const t = this.trade(tid);
    if (line === undefined) Object.assign(t.patch, patch);
    else t.linePatch[line] = { ...t.linePatch[line], ...patch };
  }

  trade(tid: string): SimTrade {
    const t = this.state.trades.get(tid);
    if (!t) throw new Error(`sim: no trade ${tid}`);
    return t;
  }

  /** A buyer's refund on a sub-order: the case is listed, the sub-order's refund_status and the trade's modified move. */
  addRefund(tid: string, spec: RefundSpec = {}): SimRefund {
    const t = this.trade(tid);
    const line = t.lines[spec.line ?? 0]!;
    const now = this.clock.now();
    const r: SimRefund = {
      refundId: String(198765432100000 + this.refundSerial++),
      tid,
      oid: line.oid,
      status: spec.status ?? 'WAIT_SELLER_AGREE',
      disputeType: spec.disputeType ?? 'REFUND',
      hasGoodReturn: spec.hasGoodReturn ?? false,
      refundFeeFen: spec.refundFee ? fenOf(spec.refundFee) : line.divideFen,
      createdMs: now,
      modifiedMs: now,
      reason: spec.reason ?? '不想要了',
      num: line.num,
      outerId: line.outerSkuId,
      ...(spec.sid ? { sid: spec.sid, companyName: spec.companyName ?? '圆通速递' } : {}),
      patch: {},
    };
    this.state.refunds.set(r.refundId, r);
    line.refundStatus = r.status;
    t.modifiedMs = now;
    return r;
  }

  updateRefund(refundId: string, status: string): SimRefund {
    const r = this.state.refunds.get(refundId);
    if (!r) throw new Error(`sim: no refund ${refundId}`);
    r.status = status;
    r.modifiedMs = this.clock.now();
    const t = this.trade(r.tid);
    const line = t.lines.find((l) => l.oid === r.oid);
    if (line) line.refundStatus = status;
    t.modifiedMs = r.modifiedMs;
    return r;
  }

  /** Runs `fn` once, just before the next increment.get for `pageNo` is answered. */
  beforeListPage(pageNo: number, fn: () => void): void {
    this.state.listHooks.set(pageNo, [...(this.state.listHooks.get(pageNo) ?? []), fn]);
  }

  /** The next n requests fail with this HTTP status before the router looks at them. */
  failNext(n: number, status = 502): void {
    for (let i = 0; i < n; i++) this.failures.push({ kind: 'http', status });
  }

  /** The next n (valid) requests get this TOP error (e.g. code 15 isp.remote-service-error). */
  failNextWith(n: number, error: TopSimError): void {
    for (let i = 0; i < n; i++) this.failures.push({ kind: 'top', error });
  }

  /** The next n calls (of `api`, or any) are carried out, but the answer is lost (HTTP 502). */
  loseNextResponses(n: number, api: string | null = null): void {
    this.lose = { left: n, api };
  }

  /** App Call Limited from now for banSec seconds of sim time. */
  ban(banSec: number): void {
    this.banUntil = this.clock.now() + banSec * 1000;
  }

  expireSession(): void {
    this.cfg.sessions.set(SIM_APP.sessionKey, this.clock.now() - 1);
  }

  // ——— the wire ———

  private answer(req: SimRequest): SimResponse {
    if (req.url.pathname !== '/router/rest') return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' };
    const failure = this.failures[0]?.kind === 'http' ? this.failures.shift() : undefined;
    if (failure?.kind === 'http') return { status: failure.status, headers: { 'Content-Type': 'text/html' }, body: `<html><body><h1>${failure.status} Bad Gateway</h1></body></html>` };
    if (req.method !== 'POST' && req.method !== 'GET') return topErr({ code: 9, msg: 'Http action not allowed' });
    const p = readParams(req);
    const call: SimCall = { at: this.clock.now(), httpMethod: req.method, api: p.get('method') ?? '', params: Object.fromEntries(p), stringToSign: '', computedSign: '', receivedSign: p.get('sign') ?? '', code: 0 };
    this.calls.push(call);
    const res = this.route(p, call);
    const body = typeof res.body === 'string' && res.body.startsWith('{"error_response"') ? (JSON.parse(res.body) as { error_response: { code: number; sub_code?: string } }).error_response : null;
    if (body) {
      call.code = body.code;
      if (body.sub_code) call.subCode = body.sub_code;
    }
    return res;
  }

  private route(p: Map<string, string>, call: SimCall): SimResponse {
    const refused = checkSystem(this.cfg, p, call) ?? this.throttle() ?? checkSession(this.cfg, p);
    if (refused) return refused;
    const injected = this.failures[0]?.kind === 'top' ? this.failures.shift() : undefined;
    if (injected?.kind === 'top') return topErr(injected.error);
    const res = HANDLERS[call.api]!(this.state, p);
    if (this.lose.left > 0 && (this.lose.api === null || this.lose.api === call.api)) {
      this.lose.left--;
      return { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
    }
    return res;
  }

  /** App Call Limited: code 7 with the ban's remaining seconds, the wording SDKs quote [S]. */
  private throttle(): SimResponse | null {
    const now = this.clock.now();
    const limit = this.opts.rateLimit;
    if (now >= this.banUntil && limit) {
      const second = Math.floor(now / 1000);
      if (second !== this.window.second) this.window = { second, calls: 0 };
      if (++this.window.calls > limit.callsPerSecond) this.banUntil = now + limit.banSec * 1000;
    }
    if (now >= this.banUntil) return null;
    const left = Math.ceil((this.banUntil - now) / 1000);
    return topErr({ code: 7, msg: 'App Call Limited', sub_code: 'accesscontrol.limited-by-app-access-count', sub_msg: `This ban will last for ${left} more seconds` });
  }
}
