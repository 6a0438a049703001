import { z } from 'zod';
import type { AuditLine, BuiltInCheck } from '../check-types.js';
import { parseWith } from './params.js';

const Params = z.object({}).strict();

function describe(l: AuditLine): string {
  const title = l.title ? ` (${l.title})` : '';
  if (l.platformSku) return `line ${l.lineNo}: platform SKU '${l.platformSku}'${title} is not mapped to a ShopDesk SKU`;
  if (l.skuCode) return `line ${l.lineNo}: SKU code '${l.skuCode}'${title} is not a ShopDesk SKU`;
  return `line ${l.lineNo}: '${l.title}' has no SKU code and is not mapped to a ShopDesk SKU`;
}

/** A line whose SKU is neither mapped for the shop nor a known SKU code: nothing to pick, nothing to count stock of. */
export const unmappedSku: BuiltInCheck = {
  name: 'unmapped_sku',
  defaults: { enabled: true, outcome: 'review', params: {} },
  parseParams: (p) => parseWith('unmapped_sku', Params, p),
  prepare() {
    return (order) => {
      let out: string[] | null = null;
      for (const l of order.lines) if (l.skuId === null) (out ??= []).push(describe(l));
      return out && out.join('; ');
    };
  },
};
