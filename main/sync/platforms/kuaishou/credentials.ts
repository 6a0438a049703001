import { z } from 'zod';
import { credentialsError } from '../../credential-issues.js';

export type KsSignMethod = 'MD5' | 'HMAC_SHA256';

// A type alias (not an interface) so it is assignable to the adapter contract's Record<string, string>.
export type KsCredentials = {
  /** The app's appKey (快手开放平台 → 应用详情), e.g. ks683702719562282620. */
  appKey: string;
  /** Used only to refresh tokens (app_secret of /oauth2/refresh_token). */
  appSecret: string;
  /** Signs every API call; a separate secret from appSecret (§7.2). */
  signSecret: string;
  accessToken: string;
  refreshToken: string;
  signMethod: KsSignMethod;
};

const text = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
    .min(1, { error: `${name} is required`, abort: true });

// Keys, secrets and tokens are single ASCII tokens (tokens may carry base64 "-", "_", "=" and "."); spaces or other
// characters mean a label or a line break came along with the paste.
const TOKEN = /^[A-Za-z0-9_\-.=+/]+$/;
const token = (name: string, where: string) => text(name).regex(TOKEN, `${name}: one token of letters and digits (copy it from ${where})`);

const Schema = z.object({
  appKey: token('appKey', 'the Kuaishou open platform app page'),
  appSecret: token('appSecret', 'the Kuaishou open platform app page'),
  signSecret: token('signSecret', 'the Kuaishou open platform app page; it is not the appSecret'),
  accessToken: token('accessToken', 'the authorization result'),
  refreshToken: token('refreshToken', 'the authorization result'),
  signMethod: z.enum(['MD5', 'HMAC_SHA256'], { error: 'signMethod must be MD5 or HMAC_SHA256' }).optional(),
});

/**
 * Checks Kuaishou credentials; the message names each wrong field ("signSecret is required; signMethod must be …").
 * signMethod defaults to HMAC_SHA256. Values are trimmed; unknown keys are dropped.
 */
export function parseKsCredentials(input: unknown): KsCredentials {
  const r = Schema.safeParse(input ?? {});
  if (r.success) return { ...r.data, signMethod: r.data.signMethod ?? 'HMAC_SHA256' };
  throw credentialsError(r.error);
}
