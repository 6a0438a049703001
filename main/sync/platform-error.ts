/**
 * What went wrong talking to a platform, classified so the engine knows what to do:
 * - throttled: wait (retryAfterMs when the platform says) and try the same request again;
 * - server / network: transient, retry with backoff;
 * - auth: credentials refused or expired beyond refresh — stop this shop, tell the seller;
 * - bad_request: our request is wrong (a bug or a platform rule) — do not retry blindly;
 * - not_found: the order or resource does not exist on the platform;
 * - already_done: a write-back the platform says is already applied (e.g. already shipped with this tracking).
 */
export type PlatformErrorKind = 'throttled' | 'server' | 'network' | 'auth' | 'bad_request' | 'not_found' | 'already_done';

export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly details: {
      /** The platform's own code (e.g. QuotaExceeded, THROTTLED, woocommerce_rest_cannot_view). */
      platformCode?: string;
      httpStatus?: number;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network';
  }
}
