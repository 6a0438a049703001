import { createHash, createHmac } from 'node:crypto';

/** The three digests TOP accepts in `sign_method` (platform-apis.md §4.2). */
export const TOP_SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;
export type TopSignMethod = (typeof TOP_SIGN_METHODS)[number];

/**
 * The text TOP signs: every parameter except `sign`, empty values dropped, sorted by name in ASCII order, each
 * name followed by its value with no separator. Values are the raw (not URL-encoded) strings: the gateway decodes
 * the form before it recomputes the signature, so signing the encoded text would fail for any value with a space,
 * a comma or a non-ASCII character.
 */
export function topStringToSign(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    // Array.prototype.sort compares UTF-16 code units: ASCII order for TOP's ASCII parameter names.
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
}

/** Upper-case hex signature of the parameters with the app secret, as `sign_method` says. */
export function topSign(params: Readonly<Record<string, string>>, secret: string, method: TopSignMethod): string {
  const text = topStringToSign(params);
  switch (method) {
    case 'md5':
      // The only variant that wraps the text in the secret; the two HMACs key with it instead.
      return createHash('md5').update(secret + text + secret, 'utf8').digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', secret).update(text, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', secret).update(text, 'utf8').digest('hex').toUpperCase();
  }
}
