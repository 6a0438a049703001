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
  taobao: [
    { key: 'appKey', placeholder: '12345678', label: 'cred.taobao.appKey', hint: 'credHint.taobao.appKey' },
    { key: 'appSecret', secret: true, label: 'cred.taobao.appSecret', hint: 'credHint.taobao.appSecret' },
    { key: 'sessionKey', secret: true, label: 'cred.taobao.sessionKey', hint: 'credHint.taobao.sessionKey' },
    { key: 'signMethod', optional: true, options: ['', 'hmac-sha256', 'hmac', 'md5'], label: 'cred.taobao.signMethod', hint: 'credHint.taobao.signMethod' },
  ],
  douyin: [
    { key: 'appKey', placeholder: '7000000000000000000', label: 'cred.douyin.appKey', hint: 'credHint.douyin.appKey' },
    { key: 'appSecret', secret: true, label: 'cred.douyin.appSecret', hint: 'credHint.douyin.appSecret' },
    { key: 'accessToken', secret: true, label: 'cred.douyin.accessToken', hint: 'credHint.douyin.accessToken' },
    { key: 'refreshToken', secret: true, label: 'cred.douyin.refreshToken', hint: 'credHint.douyin.refreshToken' },
    { key: 'shopId', optional: true, label: 'cred.douyin.shopId', hint: 'credHint.douyin.shopId' },
    { key: 'signMethod', optional: true, options: ['', 'hmac-sha256', 'md5'], label: 'cred.douyin.signMethod', hint: 'credHint.douyin.signMethod' },
  ],
  pinduoduo: [
    { key: 'clientId', label: 'cred.pinduoduo.clientId', hint: 'credHint.pinduoduo.clientId' },
    { key: 'clientSecret', secret: true, label: 'cred.pinduoduo.clientSecret', hint: 'credHint.pinduoduo.clientSecret' },
    { key: 'accessToken', secret: true, label: 'cred.pinduoduo.accessToken', hint: 'credHint.pinduoduo.accessToken' },
  ],
  jd: [
    { key: 'appKey', label: 'cred.jd.appKey', hint: 'credHint.jd.appKey' },
    { key: 'appSecret', secret: true, label: 'cred.jd.appSecret', hint: 'credHint.jd.appSecret' },
    { key: 'accessToken', secret: true, label: 'cred.jd.accessToken', hint: 'credHint.jd.accessToken' },
  ],
  kuaishou: [
    { key: 'appKey', placeholder: 'ks…', label: 'cred.kuaishou.appKey', hint: 'credHint.kuaishou.appKey' },
    { key: 'appSecret', secret: true, label: 'cred.kuaishou.appSecret', hint: 'credHint.kuaishou.appSecret' },
    { key: 'signSecret', secret: true, label: 'cred.kuaishou.signSecret', hint: 'credHint.kuaishou.signSecret' },
    { key: 'accessToken', secret: true, label: 'cred.kuaishou.accessToken', hint: 'credHint.kuaishou.accessToken' },
    { key: 'refreshToken', secret: true, label: 'cred.kuaishou.refreshToken', hint: 'credHint.kuaishou.refreshToken' },
    { key: 'signMethod', optional: true, options: ['', 'HMAC_SHA256', 'MD5'], label: 'cred.kuaishou.signMethod', hint: 'credHint.kuaishou.signMethod' },
  ],
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
