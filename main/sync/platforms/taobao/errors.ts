import { PlatformError, type PlatformErrorKind } from '../../platform-error.js';

/** TOP's error envelope, `{"error_response":{code,msg,sub_code,sub_msg,request_id}}` with HTTP 200 (§4.9). */
export interface TopErrorBody {
  code: number;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
  request_id?: string;
}

/** A PlatformError that keeps TOP's own codes, so callers can tell business errors apart (ship: "already shipped"). */
export class TopError extends PlatformError {
  constructor(
    kind: PlatformErrorKind,
    message: string,
    readonly top: TopErrorBody,
    retryAfterMs?: number,
  ) {
    super(kind, message, { platformCode: top.sub_code ? `${top.code}/${top.sub_code}` : String(top.code), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
}

/** Reads an error_response, or null when the body is not one. */
export function readTopError(json: unknown): TopErrorBody | null {
  const e = (json as { error_response?: unknown } | null | undefined)?.error_response;
  if (!e || typeof e !== 'object') return null;
  const o = e as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const code = typeof o.code === 'number' ? o.code : Number(o.code);
  return { code: Number.isFinite(code) ? code : 0, msg: str(o.msg) ?? '', sub_code: str(o.sub_code), sub_msg: str(o.sub_msg), request_id: str(o.request_id) };
}

/** When App Call Limited does not say how long the ban lasts. */
const DEFAULT_BAN_MS = 1000;
/** isv.trade-service-rejection asks for 3 minutes of quiet ("3分钟后再查询") [S]. */
const REJECTION_WAIT_MS = 3 * 60_000;

/** "This ban will last for 71 more seconds" → 71 000 ms [S: the wording seen in several SDKs; §4.9 marks it U]. */
export function banMs(subMsg: string | undefined): number | undefined {
  const m = /(\d+)\s*more\s*seconds?/i.exec(subMsg ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

function said(e: TopErrorBody): string {
  const sub = [e.sub_code, e.sub_msg].filter(Boolean).join(': ');
  return `code ${e.code} ${e.msg}${sub ? `; ${sub}` : ''}`;
}

/**
 * Classifies a TOP error (§4.9 codes) so the engine knows whether to wait, retry, stop the shop or give up, with a
 * message the seller can act on. The app secret and session key never appear in it.
 */
export function toTopError(api: string, e: TopErrorBody): TopError {
  const sub = e.sub_code ?? '';
  const text = `Taobao ${api} (${said(e)})`;
  // 4/5/6/7/8: user, session, partner, app call limits and call frequency — all "wait, then the same call works".
  if ([4, 5, 6, 7, 8].includes(e.code) || sub.startsWith('accesscontrol.')) {
    return new TopError('throttled', `${text}: Taobao limits how often this app may call; waiting`, e, banMs(e.sub_msg) ?? DEFAULT_BAN_MS);
  }
  if (/^isv\.[\w-]+-service-rejection$/.test(sub)) {
    return new TopError('throttled', `${text}: Taobao is rejecting slow queries from this app for a while`, e, REJECTION_WAIT_MS);
  }
  if (e.code === 25 || e.code === 24) {
    return new TopError('auth', `${text}: Taobao refused the request signature; check the App Secret and the signature method chosen for the app`, e);
  }
  if (e.code === 26 || e.code === 27 || sub === 'session-expired' || sub === 'invalid-sessionkey') {
    return new TopError('auth', `the session key has expired: re-authorize ShopDesk in the Taobao seller center and paste the new session key (${text})`, e);
  }
  if (e.code === 28 || e.code === 29) return new TopError('auth', `${text}: Taobao does not know this App Key; copy it again from the open platform console`, e);
  if (e.code === 11 || sub === 'isv.permission-api-package-limit') {
    return new TopError('auth', `${text}: the app has no permission for ${api}; apply for the API permission package on open.taobao.com`, e);
  }
  if (e.code === 12) return new TopError('auth', `${text}: the seller has not granted this app access to ${api}; re-authorize with the needed permissions`, e);
  if (e.code === 31) {
    return new TopError('bad_request', `${text}: this computer's clock differs from Taobao's by more than 10 minutes (clock skew); correct the system clock`, e);
  }
  // 10 Service Currently Unavailable, isp.* remote failures (sometimes under old code 520), and the logistics
  // service's own "try again later" codes (B150, S01 [S]).
  if (e.code === 10 || e.code >= 500 || sub.startsWith('isp.') || /-service-error:(B150|S01)$/.test(sub)) {
    return new TopError('server', `${text}: Taobao's service failed; will try again`, e);
  }
  if (sub === 'isv.trade-not-exist' || /:B01$/.test(sub)) return new TopError('not_found', text, e);
  return new TopError('bad_request', text, e);
}
