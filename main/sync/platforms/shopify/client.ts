import type { AdapterContext } from '../../adapter.js';
import { withBaseUrl, parseRetryAfter, type HttpResponse } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { withRetry, type RetryPolicy, type sleep as realSleep } from '../../retry.js';
import { credentialsOf, graphqlEndpoint } from './credentials.js';

/**
 * GraphQL transport for the Admin API: one POST per operation, responses classified into PlatformError kinds.
 * Shopify reports most failures inside an HTTP 200 (errors[] with extensions.code), so the status alone says little.
 */
export interface GraphqlOp {
  /** The operation name in the document; sent as operationName and used in messages. */
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface ShopifyClientOptions {
  retry?: RetryPolicy;
  /** Tests pass a fake that advances a simulated clock instead of waiting. */
  sleep?: typeof realSleep;
}

interface CostExtension {
  requestedQueryCost?: unknown;
  throttleStatus?: { currentlyAvailable?: unknown; restoreRate?: unknown };
}

interface GraphqlErrorEntry {
  message?: unknown;
  extensions?: { code?: unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const excerpt = (text: string) => (text.length > 300 ? text.slice(0, 300) + '…' : text);

/**
 * How long until the bucket holds the points this query asked for: (requested − available) / restoreRate seconds,
 * rounded up so the retry is not refused again by a fraction of a point. Undefined when Shopify did not say.
 */
export function throttleWaitMs(cost: unknown): number | undefined {
  if (!isObject(cost)) return undefined;
  const { requestedQueryCost: requested, throttleStatus: status } = cost as CostExtension;
  const available = status?.currentlyAvailable;
  const rate = status?.restoreRate;
  if (typeof requested !== 'number' || typeof available !== 'number' || typeof rate !== 'number' || rate <= 0) return undefined;
  // Never zero: an immediate retry of a throttled request would only be throttled again.
  return Math.max(100, Math.ceil(((requested - available) / rate) * 1000));
}

function errorsMessage(errors: unknown): string {
  if (typeof errors === 'string') return errors;
  if (Array.isArray(errors)) return errors.map((e: GraphqlErrorEntry) => (typeof e?.message === 'string' ? e.message : JSON.stringify(e))).join('; ');
  return JSON.stringify(errors);
}

/** Turns one HTTP response into the operation's `data`, or throws the PlatformError that fits. */
export function interpret(res: HttpResponse, opName: string): Record<string, unknown> {
  const body = res.json;
  const said = isObject(body) && body.errors !== undefined ? errorsMessage(body.errors) : excerpt(res.text);
  const httpStatus = res.status;
  if (res.status === 401) throw new PlatformError('auth', `Shopify refused the access token (401): ${said}`, { httpStatus });
  if (res.status === 402) throw new PlatformError('auth', `Shopify shop is frozen for non-payment (402): ${said}`, { httpStatus });
  if (res.status === 403) throw new PlatformError('auth', `Shopify denied access (403; missing scope or app uninstalled?): ${said}`, { httpStatus });
  if (res.status === 423) throw new PlatformError('auth', `Shopify shop is locked (423): ${said}`, { httpStatus });
  if (res.status === 404) throw new PlatformError('not_found', `Shopify shop or API version not found (404): ${said}`, { httpStatus });
  if (res.status === 429) {
    // The REST throttle; GraphQL throttles at 200, but a proxy or a future change may not.
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    throw new PlatformError('throttled', `Shopify rate limit (429) on ${opName}`, { httpStatus, platformCode: '429', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (res.status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    throw new PlatformError('server', `Shopify ${res.status} on ${opName}: ${said}`, { httpStatus, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (res.status !== 200) throw new PlatformError('bad_request', `Shopify ${res.status} on ${opName}: ${said}`, { httpStatus });
  // A 200 that is not JSON is a proxy or maintenance page, not Shopify's answer: worth another try.
  if (!isObject(body)) throw new PlatformError('server', `Shopify answered ${opName} with a non-JSON body: ${excerpt(res.text)}`, { httpStatus });

  const extensions = isObject(body.extensions) ? body.extensions : {};
  if (body.errors !== undefined) {
    const list: GraphqlErrorEntry[] = Array.isArray(body.errors) ? body.errors : [];
    const codes = list.map((e) => (isObject(e?.extensions) && typeof e.extensions.code === 'string' ? e.extensions.code : null));
    const message = `Shopify ${opName}: ${errorsMessage(body.errors)}`;
    if (codes.includes('THROTTLED')) {
      const retryAfterMs = throttleWaitMs(extensions.cost);
      throw new PlatformError('throttled', message, { httpStatus, platformCode: 'THROTTLED', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    }
    if (codes.includes('ACCESS_DENIED')) throw new PlatformError('auth', message, { httpStatus, platformCode: 'ACCESS_DENIED' });
    if (codes.includes('INTERNAL_SERVER_ERROR')) throw new PlatformError('server', message, { httpStatus, platformCode: 'INTERNAL_SERVER_ERROR' });
    // Validation errors, MAX_COST_EXCEEDED, bad arguments: our request is wrong and repeating it will not help.
    // Partial data beside errors is not trusted either: a page with holes would move the sync cursor past them.
    const platformCode = codes.find((c): c is string => c !== null);
    throw new PlatformError('bad_request', message, { httpStatus, ...(platformCode ? { platformCode } : {}) });
  }
  // Shopify reports search terms it ignored beside the result [U]; a filter it dropped would sync the wrong set.
  if (Array.isArray(extensions.search)) {
    const warnings = extensions.search.flatMap((s: unknown) => (isObject(s) && Array.isArray(s.warnings) ? s.warnings : []));
    if (warnings.length) throw new PlatformError('bad_request', `Shopify ignored part of the search in ${opName}: ${JSON.stringify(warnings)}`, { httpStatus });
  }
  if (!isObject(body.data)) throw new PlatformError('server', `Shopify answered ${opName} without data`, { httpStatus });
  return body.data;
}

export class ShopifyClient {
  constructor(private readonly opts: ShopifyClientOptions = {}) {}

  /** One HTTP attempt, no retry. */
  async once(ctx: AdapterContext, op: GraphqlOp): Promise<Record<string, unknown>> {
    const creds = credentialsOf(ctx.shop.credentials);
    const res = await ctx.http({
      method: 'POST',
      url: withBaseUrl(graphqlEndpoint(creds), ctx.shop.baseUrl),
      headers: { 'X-Shopify-Access-Token': creds.accessToken, Accept: 'application/json' },
      body: { query: op.query, variables: op.variables, operationName: op.name },
      signal: ctx.signal,
      timeoutMs: 60_000,
    });
    return interpret(res, op.name);
  }

  /** Runs fn with the adapter's retry policy, telling the sync panel why it waits. */
  retrying<T>(ctx: AdapterContext, fn: (attempt: number) => Promise<T>): Promise<T> {
    return withRetry(fn, {
      ...(this.opts.retry ? { policy: this.opts.retry } : {}),
      ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
      signal: ctx.signal,
      onRetry: (e, waitMs, attempt) => {
        const secs = (waitMs / 1000).toFixed(1);
        ctx.note(e.kind === 'throttled' ? `Shopify throttled, waiting ${secs} s` : `Shopify ${e.kind} error (${e.message}); retry ${attempt + 1} in ${secs} s`);
      },
    });
  }

  /** One operation, retried when throttled or on 5xx / network failures. */
  request(ctx: AdapterContext, op: GraphqlOp): Promise<Record<string, unknown>> {
    return this.retrying(ctx, () => this.once(ctx, op));
  }
}
