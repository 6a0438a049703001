import { z } from 'zod';
import { credentialsError } from '../../credential-issues.js';

// A type alias (not an interface) so it is assignable to the adapter contract's Record<string, string>.
export type PddCredentials = {
  /** client_id of the app (open.pinduoduo.com → 应用管理). */
  clientId: string;
  /** client_secret beside it; signs every request, never sent. */
  clientSecret: string;
  /** The shop's access_token, issued when the shop authorized the app. */
  accessToken: string;
};

const text = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name}: is required` : `${name}: must be text`) })
    .trim()
    .min(1, `${name}: is required`);

// PDD issues these as letters and digits (hex in every example seen); a space or quote inside is a paste accident.
const Schema = z.object({
  clientId: text('clientId').regex(/^[A-Za-z0-9]+$/, 'clientId: must be letters and digits only (client_id from open.pinduoduo.com → 应用管理)'),
  clientSecret: text('clientSecret').regex(/^[A-Za-z0-9]+$/, 'clientSecret: must be letters and digits only (client_secret beside the client_id)'),
  accessToken: text('accessToken').regex(/^[A-Za-z0-9_-]+$/, 'accessToken: must be letters, digits, "-" or "_" only (the access_token the shop’s authorization returned)'),
});

/**
 * Checks Pinduoduo credentials; the error names each wrong field ("clientId: is required; accessToken: must be …")
 * so the shop form can point at it. Values are trimmed (pasted tokens often carry a newline); unknown keys dropped.
 */
export function parsePddCredentials(input: unknown): PddCredentials {
  const r = Schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw credentialsError(r.error);
}
