import { z } from 'zod';
import type { AuditCheck } from '../../../shared/domain/audit.js';
import type { AuditOrder, BuiltInCheck } from '../check-types.js';
import { parseWith, splitList } from './params.js';
import { firstChars, isBlank, normPhrase } from './text.js';

const Params = z
  .object({
    /** Harmless phrases, comma-separated ('请尽快发货,谢谢'): a note made only of these does not fire. */
    ignorePatterns: z.string().max(2000).default(''),
  })
  .strict();

/**
 * Whether a note says anything beyond the harmless phrases: each phrase is cut out of it (compared without case,
 * spaces or punctuation) and whatever is left is what a person must read.
 */
function saysMore(note: string, phrases: readonly string[]): boolean {
  let rest = normPhrase(note);
  for (const p of phrases) if (p !== '') rest = rest.split(p).join('');
  return rest !== '';
}

/** A check that fires when the order carries a note (buyer message or seller memo) worth a person's reading. */
export function remarkCheck(name: AuditCheck & ('buyer_message' | 'seller_memo'), label: string, read: (o: AuditOrder) => string | null): BuiltInCheck {
  return {
    name,
    defaults: { enabled: true, outcome: 'review', params: { ignorePatterns: '' } },
    parseParams: (p) => parseWith(name, Params, p),
    prepare(_batch, ctx) {
      const phrases = splitList(String(ctx.params.ignorePatterns ?? '')).map(normPhrase);
      return (order) => {
        const note = read(order);
        if (isBlank(note) || !saysMore(note!, phrases)) return null;
        return `${label}: "${firstChars(note!.trim(), 60)}"`;
      };
    },
  };
}
