import { createHash } from 'node:crypto';

/**
 * Pinduoduo's request signature (platform-apis.md §6.1, pdd-net PddCommonApi.BuildSign):
 *   sign = UPPER(md5(client_secret + k1v1k2v2… + client_secret))
 * over every parameter except `sign`, keys sorted ordinal-ascending, null values dropped, objects and lists
 * JSON-serialized, booleans as lower-case true/false. The same text is what travels in the form body, so the
 * gateway recomputes the sign over exactly the fields it decodes.
 */

/** What a request parameter may be before it is turned into text. */
export type PddParam = string | number | boolean | null | undefined | readonly unknown[] | { readonly [k: string]: unknown };

/** A parameter as PDD signs and sends it; null/undefined → null (left out of both). */
export function paramText(key: string, value: PddParam): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // A NaN or a fraction in an id or a timestamp is our bug; PDD would answer "参数错误" without saying why.
    if (!Number.isFinite(value)) throw new Error(`${key}: ${value} is not a number PDD can take`);
    return String(value);
  }
  return JSON.stringify(value);
}

/** Drops nulls, turns values into text and sorts by key, ordinal (UTF-16 code units, like .NET CompareOrdinal). */
export function signedPairs(params: Readonly<Record<string, PddParam>>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (k === 'sign') continue;
    const text = paramText(k, v);
    if (text !== null) pairs.push([k, text]);
  }
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The exact string that is hashed (tests compare it; never log it: it holds the secret). */
export function stringToSign(secret: string, pairs: readonly (readonly [string, string])[]): string {
  return secret + pairs.map(([k, v]) => k + v).join('') + secret;
}

export function pddSign(secret: string, params: Readonly<Record<string, PddParam>>): string {
  return createHash('md5').update(stringToSign(secret, signedPairs(params)), 'utf8').digest('hex').toUpperCase();
}

/** The form body: the signed pairs plus `sign`, form-encoded (URLSearchParams escapes "+", "/", "=" in ciphertexts). */
export function signedForm(secret: string, params: Readonly<Record<string, PddParam>>): string {
  const pairs = signedPairs(params);
  const sign = createHash('md5').update(stringToSign(secret, pairs), 'utf8').digest('hex').toUpperCase();
  return new URLSearchParams([...pairs, ['sign', sign]]).toString();
}
