import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { topErr, type TopSimError } from '../taobao/envelope.js';
import { checkSession, checkSystem, readParams, type GatewayConfig, type SimCall } from '../taobao/gateway.js';
import type { CainiaoSimState, Params, SimAddress, SimSubscription, SimWaybill } from './state.js';
import { printWaybill, waybillCancel, waybillGet, waybillSearch } from './waybill.js';

/** The seller's app and session on the simulated router (a Taobao shop's credentials). */
export const CAINIAO_APP = { appKey: '23456789', appSecret: 'cainiao-sim-secret-fedcba9876543210', sessionKey: '6200cainiao0sim0session' } as const;

/** The warehouse address the default subscription serves (a sender must be one of these). */
export const SIM_SENDER_ADDRESS: SimAddress = { province: '浙江省', city: '杭州市', district: '余杭区', town: '仓前街道', detail: '文一西路 969 号 3 号仓' };
export const SIM_TEMPLATE = 'http://cloudprint.cainiao.com/template/standard/101';
export const SIM_USER_ID = '2200123456789';

const HANDLERS: Readonly<Record<string, (st: CainiaoSimState, p: Params) => SimResponse>> = {
  'cainiao.waybill.ii.get': waybillGet,
  'cainiao.waybill.ii.cancel': waybillCancel,
  'cainiao.waybill.ii.search': waybillSearch,
};

export interface CainiaoSimOptions {
  clock?: SimClock;
  /** Numbers on the account per carrier (cp_code); default YTO 100, ZTO 100. */
  quota?: Record<string, number>;
}

/**
 * Cainiao's e-waybill behind Taobao's TOP router on 127.0.0.1: every router check of the Taobao simulator (signature
 * recomputed for all three sign methods, timestamp skew, session required and expiring), the three cainiao.waybill.ii
 * APIs with a balance that goes down with each number and back up with each cancel, and TOP's error envelopes.
 * Controls stand in for the world around it: the print component (print), the carrier's pickup (collect), lost
 * answers and failing networks.
 */
export class CainiaoSim {
  readonly state: CainiaoSimState;
  readonly calls: SimCall[] = [];
  private readonly cfg: GatewayConfig;
  private running!: RunningSim;
  private failures: ({ kind: 'http'; status: number } | { kind: 'top'; error: TopSimError })[] = [];
  private lose: { left: number; api: string | null } = { left: 0, api: null };

  private constructor(opts: CainiaoSimOptions, clock: SimClock) {
    const quota = opts.quota ?? { YTO: 100, ZTO: 100 };
    const subscriptions: SimSubscription[] = Object.entries(quota).map(([cpCode, n], i) => ({
      cpCode,
      cpType: 2,
      branches: [{ code: `57100${i}`, name: `杭州余杭${cpCode}网点`, quantity: n, allocated: 0, cancelled: 0, printed: 0, addresses: [{ ...SIM_SENDER_ADDRESS }] }],
    }));
    this.state = { clock, subscriptions, waybills: new Map(), byKey: new Map(), serial: 1000 };
    this.cfg = {
      clock,
      appKey: CAINIAO_APP.appKey,
      appSecret: CAINIAO_APP.appSecret,
      sessions: new Map([[CAINIAO_APP.sessionKey, clock.now() + 30 * 24 * 3600_000]]),
      apis: new Set(Object.keys(HANDLERS)),
    };
  }

  static async start(opts: CainiaoSimOptions = {}): Promise<CainiaoSim> {
    const sim = new CainiaoSim(opts, opts.clock ?? new SimClock());
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
  callsOf(api: string): SimCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  // ——— controls ———

  waybill(code: string): SimWaybill {
    const w = this.state.waybills.get(code);
    if (!w) throw new Error(`sim: no waybill ${code}`);
    return w;
  }
  /** Numbers left on the carrier's first branch. */
  quota(cpCode: string): number {
    return this.branch(cpCode).quantity;
  }
  setQuota(cpCode: string, n: number): void {
    this.branch(cpCode).quantity = n;
  }
  /** The print component renders the number's print_data (refused for a cancelled number). */
  print(code: string): ReturnType<typeof printWaybill> {
    return printWaybill(this.state, code);
  }
  /** The carrier picked the parcel up (揽收): it can no longer be cancelled. */
  collect(code: string): void {
    this.waybill(code).state = 'collected';
  }
  /** The next n requests fail with this HTTP status before the router looks at them (a proxy / network failure). */
  failNext(n: number, status = 502): void {
    for (let i = 0; i < n; i++) this.failures.push({ kind: 'http', status });
  }
  failNextWith(n: number, error: TopSimError): void {
    for (let i = 0; i < n; i++) this.failures.push({ kind: 'top', error });
  }
  /** The next n calls (of `api`, or any) are carried out, but the answer is lost (HTTP 502). */
  loseNextResponses(n: number, api: string | null = null): void {
    this.lose = { left: n, api };
  }
  expireSession(): void {
    this.cfg.sessions.set(CAINIAO_APP.sessionKey, this.clock.now() - 1);
  }

  private branch(cpCode: string) {
    const s = this.state.subscriptions.find((x) => x.cpCode === cpCode);
    if (!s) throw new Error(`sim: no subscription for ${cpCode}`);
    return s.branches[0]!;
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

  private route(p: Params, call: SimCall): SimResponse {
    const refused = checkSystem(this.cfg, p, call) ?? checkSession(this.cfg, p);
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
}
