import { z } from 'zod';
import { TOP_SIGN_METHODS, type TopSignMethod } from './sign.js';
import { credentialsError } from '../../credential-issues.js';

// A type alias (not an interface) so it is assignable to the adapter contract's Record<string, string>.
export type TaobaoCredentials = {
  /** The app's App Key (digits), from the Taobao Open Platform console. */
  appKey: string;
  appSecret: string;
  /** The seller's authorization (access token) for this app; TOP calls it `session`. */
  sessionKey: string;
  signMethod: TopSignMethod;
};

const text = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name}: is required` : `${name}: must be text`) })
    .trim()
    .min(1, `${name}: is required`);

const Schema = z.object({
  appKey: text('appKey').regex(/^\d+$/, 'appKey: must be digits'),
  appSecret: text('appSecret'),
  sessionKey: text('sessionKey'),
  // The Settings form sends '' for "not chosen": that means the default, not a wrong value.
  signMethod: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(TOP_SIGN_METHODS, { error: `signMethod: must be one of ${TOP_SIGN_METHODS.join(', ')}` }).optional(),
  ),
});

/**
 * Checks Taobao credentials; the error names each wrong field ("appKey: must be digits; sessionKey: is required")
 * so the shop form can point at it. Values are trimmed (pasted keys often carry a newline); signMethod defaults to
 * hmac-sha256, which every current TOP app accepts.
 */
export function parseTaobaoCredentials(input: unknown): TaobaoCredentials {
  const r = Schema.safeParse(input ?? {});
  if (!r.success) {
    throw credentialsError(r.error);
  }
  return { appKey: r.data.appKey, appSecret: r.data.appSecret, sessionKey: r.data.sessionKey, signMethod: r.data.signMethod ?? 'hmac-sha256' };
}
