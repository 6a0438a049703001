import { z } from 'zod';
import { MARKETPLACES, type AmazonRegion } from './marketplaces.js';
import { credentialsError } from '../../credential-issues.js';

const field = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
    .min(1, `${name} is required`);

const CredentialsSchema = z
  .object({
    clientId: field('clientId'),
    clientSecret: field('clientSecret'),
    refreshToken: field('refreshToken'),
    marketplaceId: field('marketplaceId').regex(/^[A-Z0-9]{8,20}$/, 'marketplaceId must look like ATVPDKIKX0DER'),
    region: z.enum(['na', 'eu', 'fe'], { error: 'region must be one of na, eu, fe' }),
  })
  .superRefine((c, ctx) => {
    // A marketplace on the wrong regional host lists no orders and says nothing: catch it while the seller types.
    const known = MARKETPLACES[c.marketplaceId];
    if (known && known.region !== c.region) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: `region: marketplace ${c.marketplaceId} (${known.country}) is served by region ${known.region}, not ${c.region}` });
    }
  });

export interface AmazonCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  marketplaceId: string;
  region: AmazonRegion;
}

/**
 * Checks Amazon credentials; the error names each wrong field ("refreshToken is required; region must be …") so the
 * shop form can point at it. Unknown keys are dropped; values are trimmed (pasted tokens often carry a newline).
 */
export function parseAmazonCredentials(input: unknown): AmazonCredentials {
  const r = CredentialsSchema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw credentialsError(r.error);
}
