import { z } from 'zod';
import { BlacklistStore } from '../blacklist.js';
import type { BuiltInCheck } from '../check-types.js';
import { parseWith } from './params.js';

const Params = z.object({}).strict();

/** The buyer (nick or name), phone or address is on the seller's blacklist. Held by default. */
export const blacklisted: BuiltInCheck = {
  name: 'blacklisted',
  defaults: { enabled: true, outcome: 'hold', params: {} },
  parseParams: (p) => parseWith('blacklisted', Params, p),
  prepare(_batch, ctx) {
    const matcher = new BlacklistStore(ctx.db).matcher();
    if (matcher.size === 0) return () => null;
    return (order) => {
      const hit = matcher.match(order);
      if (!hit) return null;
      const note = hit.entry.note ? ` (${hit.entry.note})` : '';
      return `${hit.field} '${hit.value}' is on the blacklist as ${hit.entry.kind} '${hit.entry.value}'${note}`;
    };
  },
};
