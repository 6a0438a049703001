import { isErrorPayload, type ErrorPayload } from '../../../shared/errors.js';

/** This computer's per-run `shopdesk serve` token: gone with the tab, like the run it belongs to. */
const RUN_KEY = 'shopdesk.token';
/** A paired station's own token: kept until the owner revokes it, so the bench stays paired across restarts. */
const STATION_KEY = 'shopdesk.stationToken';
const PAIR_PATH = '/pair';

export interface Credentials {
  token: string | null;
  source: 'run' | 'station' | null;
  /** A one-time pairing code from a `#pair=…` link, still to be traded for a station token. */
  pairCode: string | null;
}

function storage(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'session' ? window.sessionStorage : window.localStorage;
  } catch {
    return null; // storage disabled: credentials last for this page load only
  }
}

/**
 * Reads the credentials the page was opened with. The serve link carries `#token=…` (never sent in a request line);
 * a pairing link carries `#pair=CODE`. Either is taken out of the address bar at once, so it is not shared by
 * copy-paste or left in history. A reload falls back to what was stored.
 */
export function takeCredentials(): Credentials {
  const c = readCredentials();
  if (c.token) held = c.token;
  return c;
}

/** The token this page talks to main with (the WebSocket's), also when browser storage is disabled. */
export function currentToken(): string | null {
  return held ?? takeCredentials().token;
}

/** Kept in memory once read: the fragment is cleared at once, and storage may be disabled. */
let held: string | null = null;

function readCredentials(): Credentials {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  const pairCode = hash.get('pair');
  if (fromHash || pairCode) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (fromHash) {
    storage('session')?.setItem(RUN_KEY, fromHash);
    return { token: fromHash, source: 'run', pairCode: null };
  }
  if (pairCode) return { token: null, source: null, pairCode };
  const run = storage('session')?.getItem(RUN_KEY);
  if (run) return { token: run, source: 'run', pairCode: null };
  const station = storage('local')?.getItem(STATION_KEY);
  return station ? { token: station, source: 'station', pairCode: null } : { token: null, source: null, pairCode: null };
}

/** True when the fragment now carries new credentials (a link pasted into an open tab changes only the hash). */
export function fragmentHasCredentials(): boolean {
  return /(^#|&)(token|pair)=/.test(window.location.hash);
}

/** Trades a one-time pairing code for this station's own token (POST /pair on the serve origin). */
export async function pairStation(code: string): Promise<{ ok: true; token: string; stationName: string } | { ok: false; error: ErrorPayload }> {
  try {
    const res = await fetch(PAIR_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
      credentials: 'omit',
    });
    const body = (await res.json().catch(() => null)) as { token?: unknown; stationName?: unknown; error?: unknown } | null;
    if (res.ok && typeof body?.token === 'string') {
      storage('local')?.setItem(STATION_KEY, body.token);
      held = body.token;
      storage('session')?.removeItem(RUN_KEY);
      return { ok: true, token: body.token, stationName: typeof body.stationName === 'string' ? body.stationName : '' };
    }
    const error = isErrorPayload(body?.error) ? body.error : { code: 'internal' as const, message: `pairing failed (HTTP ${res.status})` };
    return { ok: false, error };
  } catch (e) {
    return { ok: false, error: { code: 'io_error', message: e instanceof Error ? e.message : String(e) } };
  }
}
