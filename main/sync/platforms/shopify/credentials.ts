import { z } from 'zod';
import { PlatformError } from '../../platform-error.js';

/**
 * Versions are quarterly (YYYY-01/04/07/10) and each is supported for at least 12 months; pin one and move it
 * forward deliberately. [Assumption] 2026-10 is the newest stable version at the time of writing (Nov 2026).
 */
export const DEFAULT_API_VERSION = '2026-10';

/** A seller may paste "https://My-Shop.myshopify.com/admin": keep only the host, lower-cased. */
const shopDomain = z
  .string({ error: 'is required' })
  .trim()
  .transform((s) => s.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must look like your-shop.myshopify.com'));

export const ShopifyCredentials = z.object({
  shopDomain,
  accessToken: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .regex(/^\S+$/, 'must not contain spaces'),
  // Left empty in a form it means "the default", not an error.
  apiVersion: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{4}-(01|04|07|10)$/, 'must be a quarterly release like 2026-10')
      .default(DEFAULT_API_VERSION),
  ),
});
export type ShopifyCredentials = z.infer<typeof ShopifyCredentials>;

/** Validates and cleans; the message names every wrong field ("shopDomain: must look like …"). */
export function parseShopifyCredentials(input: unknown): ShopifyCredentials {
  const r = ShopifyCredentials.safeParse(input ?? {});
  if (r.success) return r.data;
  const why = r.error.issues.map((i) => `${i.path.join('.') || 'credentials'}: ${i.message}`).join('; ');
  throw new Error(`Shopify credentials are invalid — ${why}`);
}

/** Credentials stored for a shop that no longer validate: the seller must fix them, so it is an auth failure. */
export function credentialsOf(stored: Record<string, string>): ShopifyCredentials {
  try {
    return parseShopifyCredentials(stored);
  } catch (e) {
    throw new PlatformError('auth', (e as Error).message);
  }
}

export function graphqlEndpoint(c: ShopifyCredentials): string {
  return `https://${c.shopDomain}/admin/api/${c.apiVersion}/graphql.json`;
}
