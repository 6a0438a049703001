import { PlatformError } from './platform-error.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * A platform that names its own wait (Retry-After, a rate-limit refill) is obeyed up to this long, beyond the
 * backoff cap: Amazon's slowest order listings refill one request in about three minutes.
 */
export const MAX_PLATFORM_WAIT_MS = 5 * 60_000;

/** Waits ms, or rejects at once when the signal aborts (a cancelled sync stops waiting). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter, or the platform's own Retry-After when it gave one. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(policy.maxDelayMs, MAX_PLATFORM_WAIT_MS), Math.max(0, retryAfterMs));
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * cap);
}

/**
 * Runs fn, retrying retryable PlatformErrors (throttled, 5xx, network) with backoff; anything else is thrown at once.
 * onRetry lets the caller show "throttled, waiting 2 s" in the sync panel.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: { policy?: RetryPolicy; signal?: AbortSignal; onRetry?: (e: PlatformError, waitMs: number, attempt: number) => void; sleep?: typeof sleep } = {},
): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY;
  const wait = opts.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof PlatformError) || !e.retryable || attempt + 1 >= policy.attempts) throw e;
      const ms = backoffMs(attempt, policy, e.details.retryAfterMs);
      opts.onRetry?.(e, ms, attempt);
      await wait(ms, opts.signal);
    }
  }
}
