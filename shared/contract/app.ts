import { z } from 'zod';
import { ShopInfo } from '../domain/shop.js';

export const appChannels = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      orderCount: z.number().int().nonnegative(),
    }),
  },
  'shops.list': { input: z.object({}).strict(), output: z.array(ShopInfo) },
} as const;
