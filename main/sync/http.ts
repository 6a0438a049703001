import { PlatformError } from './platform-error.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; an object as JSON. */
  body?: string | Record<string, unknown> | unknown[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export type HttpClient = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * Replaces scheme and host of a production URL with the override (tests point adapters at simulators on
 * 127.0.0.1), keeping the production path and query: `https://x.myshopify.com/admin/api/…` →
 * `http://127.0.0.1:5123/admin/api/…`. Token endpoints go through here too.
 */
export function withBaseUrl(productionUrl: string, baseUrl: string | null | undefined): string {
  if (!baseUrl) return productionUrl;
  const prod = new URL(productionUrl);
  const base = new URL(baseUrl);
  prod.protocol = base.protocol;
  prod.host = base.host;
  return prod.toString();
}

/** Seconds or an HTTP date, as Retry-After may be. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * fetch with a timeout, JSON handling, and network failures turned into PlatformError('network'). HTTP statuses are
 * returned, not thrown: each adapter knows its platform's envelopes (Shopify throttles with HTTP 200).
 */
export const fetchHttp: HttpClient = async (req) => {
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 30_000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const headers: Record<string, string> = { 'User-Agent': 'ShopDesk/0.1 (order hub)', ...req.headers };
  let body: string | undefined;
  if (typeof req.body === 'string') body = req.body;
  else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['Content-Type'] ??= 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers, body, signal });
  } catch (e) {
    if (req.signal?.aborted) throw e; // cancelled by the user: not a platform problem
    const why = timeout.aborted ? `timed out after ${req.timeoutMs ?? 30_000} ms` : (e as Error).message;
    throw new PlatformError('network', `cannot reach ${new URL(req.url).host}: ${why}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
};
