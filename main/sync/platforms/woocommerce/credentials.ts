import { z } from 'zod';
import { credentialsError } from '../../credential-issues.js';

export type WooAuthMode = 'basic' | 'query' | 'oauth1';
/** Shipment Tracking extension: 'auto' probes once per shop, 'on' requires it, 'off' never calls it. */
export type WooTrackingMode = 'auto' | 'on' | 'off';

// A type alias (not an interface) so it is assignable to the adapter contract's Record<string, string>.
export type WooCredentials = {
  /** Store address without trailing slash, path kept for WordPress in a subdirectory: https://shop.example.com/store */
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  authMode: WooAuthMode;
  shipmentTracking: WooTrackingMode;
};

const text = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
    .min(1, `${name} is required`);

const Schema = z
  .object({
    siteUrl: text('siteUrl').refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'siteUrl must be the store address starting with https:// or http://'),
    consumerKey: text('consumerKey').regex(/^ck_[A-Za-z0-9]+$/, 'consumerKey must look like ck_… (WooCommerce → Settings → Advanced → REST API)'),
    consumerSecret: text('consumerSecret').regex(/^cs_[A-Za-z0-9]+$/, 'consumerSecret must look like cs_…'),
    authMode: z.enum(['basic', 'query', 'oauth1'], { error: 'authMode must be one of basic, query, oauth1' }).optional(),
    shipmentTracking: z.enum(['auto', 'on', 'off'], { error: 'shipmentTracking must be one of auto, on, off' }).optional(),
  })
  .superRefine((c, ctx) => {
    // WooCommerce accepts Basic / query-string keys only over HTTPS (is_ssl()); over plain HTTP they would also travel
    // in clear text. Say so now rather than fail every sync with a 401.
    if (c.siteUrl.startsWith('http:') && (c.authMode === 'basic' || c.authMode === 'query')) {
      ctx.addIssue({ code: 'custom', path: ['authMode'], message: `authMode: ${c.authMode} needs an https:// store; a plain http:// store needs oauth1` });
    }
  });

/**
 * Checks WooCommerce credentials; the error names each wrong field so the shop form can point at it. Values are
 * trimmed (pasted keys often carry a newline); authMode defaults to basic on https and oauth1 on http.
 */
export function parseWooCredentials(input: unknown): WooCredentials {
  const r = Schema.safeParse(input ?? {});
  if (!r.success) {
    throw credentialsError(r.error);
  }
  const u = new URL(r.data.siteUrl);
  // Sellers often paste the API address itself; the site root is what everything else is built on.
  const path = u.pathname.replace(/\/wp-json(\/.*)?$/, '').replace(/\/+$/, '');
  const siteUrl = `${u.protocol}//${u.host}${path}`;
  const https = u.protocol === 'https:';
  return {
    siteUrl,
    consumerKey: r.data.consumerKey,
    consumerSecret: r.data.consumerSecret,
    authMode: r.data.authMode ?? (https ? 'basic' : 'oauth1'),
    shipmentTracking: r.data.shipmentTracking ?? 'auto',
  };
}
