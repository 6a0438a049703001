import { z } from 'zod';
import { credentialsError } from '../../credential-issues.js';

// A type alias (not an interface) so it is assignable to the adapter contract's Record<string, string>.
export type JdCredentials = {
  /** The app's App Key (京东开放平台 → 应用管理). */
  appKey: string;
  appSecret: string;
  /** The seller's authorization of the app (OAuth access_token), pasted from the JOS authorization page. */
  accessToken: string;
};

const text = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
    .min(1, { error: `${name} is required`, abort: true });

// JOS keys and tokens are plain ASCII tokens; anything with spaces or other characters is a copy-and-paste slip
// (a label, a line break in the middle) that would only surface later as "无效签名".
const TOKEN = /^[A-Za-z0-9_\-.]+$/;

const Schema = z.object({
  appKey: text('appKey').regex(TOKEN, 'appKey: only letters, digits, "-", "_" and "." (copy the App Key from the JD open platform app page)'),
  appSecret: text('appSecret').regex(TOKEN, 'appSecret: only letters, digits, "-", "_" and "." (copy the App Secret from the JD open platform app page)'),
  accessToken: text('accessToken').regex(TOKEN, 'accessToken: only letters, digits, "-", "_" and "." (copy the access_token from the JD authorization page)'),
});

/**
 * Checks JD credentials; the message names each wrong field ("appKey is required; accessToken: only letters…") so the
 * shop form can point at it. Values are trimmed (pasted tokens often carry a newline); unknown keys are dropped.
 */
export function parseJdCredentials(input: unknown): JdCredentials {
  const r = Schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw credentialsError(r.error);
}
