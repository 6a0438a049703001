import type { SimClock, SimRequest, SimResponse } from '../base.js';
import { topErr } from './envelope.js';
import { parseCn } from './fixtures.js';
import { isSimSignMethod, simSign, simStringToSign } from './sign.js';

/** What the router checked for one request: the raw material of "why was my sign refused". */
export interface SimCall {
  at: number;
  httpMethod: string;
  api: string;
  params: Record<string, string>;
  stringToSign: string;
  computedSign: string;
  receivedSign: string;
  /** TOP's code when refused (0 = answered). */
  code: number;
  subCode?: string;
}

export interface GatewayConfig {
  clock: SimClock;
  appKey: string;
  appSecret: string;
  /** session key → expiry (epoch ms on the sim clock). */
  sessions: Map<string, number>;
  apis: ReadonlySet<string>;
}

/** TOP's timestamp tolerance (§0.1, §4.1). */
const SKEW_MS = 10 * 60_000;

/** Form body and query merged, as TOP's router reads them (POST form-encoded, GET query — §4.1). */
export function readParams(req: SimRequest): Map<string, string> {
  const out = new Map<string, string>(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(req.body)) out.set(k, v);
  }
  return out;
}

/**
 * The router's system checks, in TOP's order of codes (§4.9): method, app key, timestamp (±10 min, GMT+8), version,
 * format, signature (recomputed over the decoded parameters for all three sign methods), then the session.
 * Returns the refusal, or null when the request may reach the API.
 */
export function checkSystem(cfg: GatewayConfig, p: Map<string, string>, call: SimCall): SimResponse | null {
  const api = p.get('method');
  if (!api) return topErr({ code: 21, msg: 'Missing method' });
  if (!cfg.apis.has(api)) return topErr({ code: 22, msg: 'Invalid method' });
  const appKey = p.get('app_key');
  if (!appKey) return topErr({ code: 28, msg: 'Missing app key' });
  if (appKey !== cfg.appKey) return topErr({ code: 29, msg: 'Invalid app Key' });
  const ts = p.get('timestamp');
  if (!ts) return topErr({ code: 30, msg: 'Missing timestamp' });
  const at = parseCn(ts);
  if (at === null || Math.abs(at - cfg.clock.now()) > SKEW_MS) {
    return topErr({ code: 31, msg: 'Invalid timestamp', sub_msg: 'timestamp must be yyyy-MM-dd HH:mm:ss GMT+8 within 10 minutes of the server time' });
  }
  if (!p.get('v')) return topErr({ code: 32, msg: 'Missing version' });
  if (p.get('v') !== '2.0') return topErr({ code: 34, msg: 'Unsupported version' }); // [U] which of 32/33/34
  // The simulator speaks JSON only; TOP's default is XML, so a client that forgets format=json is caught here.
  if (p.get('format') !== 'json') return topErr({ code: 23, msg: 'Invalid format', sub_msg: 'the simulator answers format=json only' });
  const method = p.get('sign_method');
  const received = p.get('sign');
  if (!received) return topErr({ code: 24, msg: 'Missing signature' });
  if (!isSimSignMethod(method)) return topErr({ code: 25, msg: 'Invalid signature', sub_msg: `unsupported sign_method ${method ?? '(none)'}` });
  call.stringToSign = simStringToSign(p);
  call.computedSign = simSign(p, cfg.appSecret, method);
  if (call.computedSign !== received) return topErr({ code: 25, msg: 'Invalid signature' });
  return null;
}

export function checkSession(cfg: GatewayConfig, p: Map<string, string>): SimResponse | null {
  const session = p.get('session');
  if (!session) return topErr({ code: 26, msg: 'Missing session' });
  const expiry = cfg.sessions.get(session);
  if (expiry === undefined) return topErr({ code: 27, msg: 'Invalid session', sub_code: 'invalid-sessionkey', sub_msg: 'SessionKey非法' });
  if (cfg.clock.now() >= expiry) return topErr({ code: 27, msg: 'Invalid session', sub_code: 'session-expired', sub_msg: 'SessionKey已过期' }); // [S] sub_code
  return null;
}
