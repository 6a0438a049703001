import type { z } from 'zod';

/**
 * The first zod issue of a platform payload as a field path and its problem — "sku_order_list[1].item_num: Invalid
 * input: expected number, received undefined" — so a mapping error names the field of the order that was wrong.
 */
export function describeIssue(error: z.ZodError, prefix = ''): { field: string; problem: string } {
  const issue = error.issues[0];
  const path = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : '';
  const field = (prefix + path).replace(/^\./, '') || '(payload)';
  return { field, problem: issue?.message ?? 'invalid' };
}
