import { createHash } from 'node:crypto';

/**
 * JOS request signature (platform-apis.md §7.1): every parameter except `sign` — 360buy_param_json included, exactly
 * as sent — sorted by name, concatenated as name+value, wrapped in the app secret on both sides, MD5 (UTF-8), upper-case
 * hex. Sorting is by UTF-16 code unit, which for JOS's ASCII parameter names is byte order.
 */
export function jdSignBase(params: Readonly<Record<string, string>>, appSecret: string): string {
  const body = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return `${appSecret}${body}${appSecret}`;
}

export function jdSign(params: Readonly<Record<string, string>>, appSecret: string): string {
  return createHash('md5').update(jdSignBase(params, appSecret), 'utf8').digest('hex').toUpperCase();
}
