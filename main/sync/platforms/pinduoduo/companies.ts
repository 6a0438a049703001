import { z } from 'zod';
import { PlatformError } from '../../platform-error.js';
import type { PddClient } from './client.js';
import { describeIssue } from './payload.js';

export interface PddLogisticsCompany {
  /** The numeric logistics_id pdd.logistics.online.send takes. */
  id: string;
  name: string;
  code: string | null;
}

const Companies = z.object({
  logistics_companies: z.array(
    z.object({
      id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
      logistics_company: z.string(),
      code: z.string().nullish(), // [U] field name (§6.5)
    }),
  ),
});

/**
 * pdd.logistics.companies.get: PDD's own carrier list, for checking the built-in and overridden company codes
 * (Settings → Carriers) against what PDD accepts today.
 */
export async function listPddLogisticsCompanies(client: PddClient): Promise<PddLogisticsCompany[]> {
  const body = await client.call('pdd.logistics.companies.get', {}, 'logistics_companies_get_response');
  const parsed = Companies.safeParse(body);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error);
    throw new PlatformError('server', `Pinduoduo answered pdd.logistics.companies.get with an unreadable ${field}: ${problem}`);
  }
  return parsed.data.logistics_companies.map((c) => ({ id: c.id, name: c.logistics_company, code: c.code ?? null }));
}
