import type { Platform } from '../../../../../shared/domain/ids.js';
import type { MessageKey } from '../../../i18n/index.js';

/** One credential the platform's adapter needs. main checks them again and names the field it refuses. */
export interface CredField {
  key: string;
  /** Secrets are password inputs: a packer looking over the owner's shoulder sees dots. */
  secret?: boolean;
  optional?: boolean;
  placeholder?: string;
  /** A closed set (a select); '' stands for "let the adapter choose" when the field is optional. */
  options?: readonly string[];
  label: MessageKey;
  hint: MessageKey;
}

/** The platforms ShopDesk can sync today, with their fields (mirrors main/sync/platforms/<name>/credentials.ts). */
export const CRED_FIELDS: Partial<Record<Platform, readonly CredField[]>> = {
  shopify: [
    { key: 'shopDomain', placeholder: 'my-store.myshopify.com', label: 'cred.shopify.shopDomain', hint: 'credHint.shopify.shopDomain' },
    { key: 'accessToken', secret: true, placeholder: 'shpat_…', label: 'cred.shopify.accessToken', hint: 'credHint.shopify.accessToken' },
    { key: 'apiVersion', optional: true, placeholder: 'YYYY-MM', label: 'cred.shopify.apiVersion', hint: 'credHint.shopify.apiVersion' },
  ],
  amazon: [
    { key: 'clientId', placeholder: 'amzn1.application-oa2-client.…', label: 'cred.amazon.clientId', hint: 'credHint.amazon.clientId' },
    { key: 'clientSecret', secret: true, label: 'cred.amazon.clientSecret', hint: 'credHint.amazon.clientSecret' },
    { key: 'refreshToken', secret: true, placeholder: 'Atzr|…', label: 'cred.amazon.refreshToken', hint: 'credHint.amazon.refreshToken' },
    { key: 'marketplaceId', placeholder: 'ATVPDKIKX0DER', label: 'cred.amazon.marketplaceId', hint: 'credHint.amazon.marketplaceId' },
    { key: 'region', options: ['na', 'eu', 'fe'], label: 'cred.amazon.region', hint: 'credHint.amazon.region' },
  ],
  woocommerce: [
    { key: 'siteUrl', placeholder: 'https://shop.example.com', label: 'cred.woocommerce.siteUrl', hint: 'credHint.woocommerce.siteUrl' },
    { key: 'consumerKey', secret: true, placeholder: 'ck_…', label: 'cred.woocommerce.consumerKey', hint: 'credHint.woocommerce.consumerKey' },
    { key: 'consumerSecret', secret: true, placeholder: 'cs_…', label: 'cred.woocommerce.consumerSecret', hint: 'credHint.woocommerce.consumerSecret' },
    { key: 'authMode', optional: true, options: ['', 'basic', 'query', 'oauth1'], label: 'cred.woocommerce.authMode', hint: 'credHint.woocommerce.authMode' },
  ],
};

/** A shop on one of these can be added: it syncs, or (manual) needs nothing to sync. */
export function canAdd(p: Platform): boolean {
  return p === 'manual' || CRED_FIELDS[p] !== undefined;
}

export type CredValues = Record<string, string>;

/** The fields filled in, trimmed (pasted keys often carry a newline); empty ones left out. */
export function filled(values: CredValues): CredValues {
  const out: CredValues = {};
  for (const [k, v] of Object.entries(values)) if (v.trim() !== '') out[k] = v.trim();
  return out;
}

/** Required fields still empty, by key. */
export function missing(p: Platform, values: CredValues): string[] {
  return (CRED_FIELDS[p] ?? []).filter((f) => !f.optional && !(values[f.key] ?? '').trim()).map((f) => f.key);
}

/**
 * Which field main's refusal names. The adapters' messages start with the field name ("consumerKey: must start with
 * ck_"); several issues are joined with "; ". Returns a message per field key.
 */
export function fieldErrors(p: Platform, message: string, details: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = (CRED_FIELDS[p] ?? []).map((f) => f.key);
  const named = typeof details?.field === 'string' ? details.field : null;
  if (named && keys.includes(named)) out[named] = message;
  for (const part of message.replace(/^[a-z]+ credentials: /, '').split('; ')) {
    const key = keys.find((k) => part.startsWith(`${k}:`) || part.startsWith(`${k} `));
    if (key && !out[key]) out[key] = part;
  }
  return out;
}

/** A required select shows its first option before anyone touches it: send that, not nothing. */
export function withDefaults(p: Platform, values: CredValues): CredValues {
  const out = { ...values };
  for (const f of CRED_FIELDS[p] ?? []) if (f.options && !f.optional && !out[f.key]) out[f.key] = f.options[0] ?? '';
  return out;
}
