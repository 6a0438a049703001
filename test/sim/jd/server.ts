import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { expectedSign, GATEWAY, gatewayError, parseJdTimestamp, readParams } from './gateway.js';
import { buildOrder, type JdOrderSpec, type JdSimOrder } from './orders.js';
import { search, type SearchLimits } from './search.js';
import { getOrder, ship, type RecordedShipment } from './ship.js';

export const JD_SIM_APP = { appKey: 'JD7A3F0C21B94E5D', appSecret: 'f3b1c0de9a8e47d2b6c5a4e3d2c1b0a9', accessToken: 'jd-token-7f2e1a9c' } as const;

export interface JdSimOptions {
  clock?: SimClock;
  limits?: Partial<SearchLimits>;
  /** How far a request timestamp may be from the simulator's clock [U]. */
  skewMs?: number;
}

export interface SignCheck {
  method: string;
  computed: string;
  received: string;
  ok: boolean;
}

const DAY = 24 * 3600_000;
const METHODS = new Set(['jingdong.pop.order.search', 'jingdong.pop.order.shipment', 'jingdong.pop.order.get']);

/**
 * The JOS router (POST /routerjson) for one seller's app, on 127.0.0.1, judged by a SimClock: gateway checks in JD's
 * order (method, app key, signature, timestamp, token, rate), then the three POP order APIs ShopDesk uses. Controls let
 * a test add and change orders, expire the token, throttle, fail with 5xx, lose an answer after the work is done, and
 * change orders between search requests.
 */
export class JdSim {
  readonly orders = new Map<string, JdSimOrder>();
  readonly shipments: RecordedShipment[] = [];
  readonly signChecks: SignCheck[] = [];
  readonly limits: SearchLimits;
  readonly skewMs: number;
  /** Tokens JD accepts; a test deletes one to play an expired or withdrawn authorization. */
  readonly tokens = new Set<string>([JD_SIM_APP.accessToken]);
  private failures: number[] = [];
  private throttles = 0;
  private lostShipAnswers = 0;
  private searchHooks = new Map<number, () => void>();
  private searches = 0;
  private running!: RunningSim;

  private constructor(readonly clock: SimClock, opts: JdSimOptions) {
    this.limits = { maxSpanMs: DAY, maxPageSize: 100, ...opts.limits };
    this.skewMs = opts.skewMs ?? 10 * 60_000;
  }

  static async start(opts: JdSimOptions = {}): Promise<JdSim> {
    const sim = new JdSim(opts.clock ?? new SimClock(), opts);
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

  /** Adds an order last modified now (sim clock), or at `modifiedAt`. */
  addOrder(spec: JdOrderSpec = {}, modifiedAt = this.clock.now()): JdSimOrder {
    const o = buildOrder(spec, modifiedAt);
    this.orders.set(o.id, o);
    return o;
  }

  /** Changes an order as JD would: new facts, modified = now. */
  updateOrder(id: string, patch: Partial<Pick<JdSimOrder, 'state' | 'venderRemark' | 'remark'>>): JdSimOrder {
    const o = this.orders.get(id);
    if (!o) throw new Error(`sim: no order ${id}`);
    Object.assign(o, patch, { modifiedAt: this.clock.now() });
    return o;
  }

  /** Serves these orderInfo fields verbatim (types and all): a payload the adapter must refuse. */
  breakOrder(id: string, fields: Record<string, unknown>): void {
    const o = this.orders.get(id);
    if (!o) throw new Error(`sim: no order ${id}`);
    Object.assign(o.overrides, fields);
  }

  /** The next n requests fail with this HTTP status before anything else is looked at. */
  failNext(n: number, status = 503): void {
    for (let i = 0; i < n; i++) this.failures.push(status);
  }

  /** The next n requests get JD's call-limit error. */
  throttleNext(n: number): void {
    this.throttles += n;
  }

  /** The next n shipments are carried out, but the answer is lost (the client sees a 502). */
  loseNextShipAnswers(n: number): void {
    this.lostShipAnswers += n;
  }

  /** Runs fn right after the n-th order search (1-based, counted from now) has been answered. */
  afterSearch(n: number, fn: () => void): void {
    this.searchHooks.set(this.searches + n, fn);
  }

  /** The order-search requests received, business parameters parsed. */
  searchRequests(): Record<string, string>[] {
    return this.log
      .filter((r) => r.path === '/routerjson' && new URLSearchParams(r.body).get('method') === 'jingdong.pop.order.search')
      .map((r) => JSON.parse(new URLSearchParams(r.body).get('360buy_param_json') ?? '{}') as Record<string, string>);
  }

  // ——— the wire ———

  private answer(req: SimRequest): SimResponse {
    const failure = this.failures.shift();
    if (failure !== undefined) return { status: failure, headers: { 'Content-Type': 'text/html' }, body: `<html><body><h1>${failure}</h1>JOS gateway</body></html>` };
    if (req.url.pathname !== '/routerjson') return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' };
    if (req.method !== 'POST' && req.method !== 'GET') return { status: 405, body: '' };
    const p = readParams(req);
    const method = p.method ?? '';
    if (!METHODS.has(method)) return gatewayError(GATEWAY.invalidMethod, method);
    for (const name of ['app_key', 'timestamp', 'v', 'sign', 'access_token', '360buy_param_json']) {
      if (!p[name]) return gatewayError(GATEWAY.badParameter, name);
    }
    if (p.v !== '2.0') return gatewayError(GATEWAY.badParameter, `v=${p.v}`);
    if (p.format !== undefined && p.format !== 'json') return gatewayError(GATEWAY.badParameter, `format=${p.format}`);
    if (p.app_key !== JD_SIM_APP.appKey) return gatewayError(GATEWAY.invalidAppKey);
    const computed = expectedSign(p, JD_SIM_APP.appSecret);
    const ok = computed === p.sign;
    this.signChecks.push({ method, computed, received: p.sign ?? '', ok });
    if (!ok) return gatewayError(GATEWAY.invalidSign);
    const sent = parseJdTimestamp(p.timestamp ?? '');
    if (sent === null || Math.abs(sent - this.clock.now()) > this.skewMs) return gatewayError(GATEWAY.invalidTimestamp, p.timestamp ?? '');
    if (!this.tokens.has(p.access_token ?? '')) return gatewayError(GATEWAY.invalidToken);
    if (this.throttles > 0) {
      this.throttles--;
      return gatewayError(GATEWAY.callLimited);
    }
    let business: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(p['360buy_param_json'] ?? '');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      business = parsed as Record<string, unknown>;
    } catch {
      return gatewayError(GATEWAY.badParameter, '360buy_param_json');
    }
    if (method === 'jingdong.pop.order.search') {
      const res = search(this.orders.values(), business, this.limits);
      this.searches++;
      const hook = this.searchHooks.get(this.searches);
      if (hook) {
        this.searchHooks.delete(this.searches);
        hook();
      }
      return res;
    }
    if (method === 'jingdong.pop.order.get') return getOrder(this.orders, business);
    const res = ship(this.orders, business, this.clock.now(), this.shipments);
    if (this.lostShipAnswers > 0) {
      this.lostShipAnswers--;
      return { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
    }
    return res;
  }
}
