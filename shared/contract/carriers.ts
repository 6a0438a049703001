import { z } from 'zod';
import type { Platform } from '../domain/ids.js';

/** The platforms whose ship call takes a company code from ShopDesk's table (the others map carriers by name). */
export const CODED_PLATFORMS = ['taobao', 'douyin', 'pinduoduo', 'jd', 'kuaishou'] as const satisfies readonly Platform[];
export const CodedPlatform = z.enum(CODED_PLATFORMS);

export const CarrierCodeRow = z.object({
  platform: CodedPlatform,
  carrier: z.string(),
  /** ShopDesk's built-in code, null when it has none for this carrier on this platform. */
  builtIn: z.string().nullable(),
  /** The seller's own code, which wins; null when none is set. */
  override: z.string().nullable(),
});
export type CarrierCodeRow = z.infer<typeof CarrierCodeRow>;

const CarrierCodes = z.object({ rows: z.array(CarrierCodeRow) });

/** Settings → Carriers: the company code each platform gets for each carrier, and the seller's corrections. */
export const carrierChannels = {
  'carriers.codes': { input: z.object({}).strict(), output: CarrierCodes, permission: 'shops.manage' },
  'carriers.setCode': {
    input: z
      .object({
        platform: CodedPlatform,
        carrier: z.string().trim().toUpperCase().min(1).max(20),
        /** null or empty: remove the override and use the built-in code again. */
        code: z.string().trim().max(64, 'a company code is at most 64 characters').nullable(),
      })
      .strict(),
    output: CarrierCodes,
    permission: 'shops.manage',
  },
} as const;
