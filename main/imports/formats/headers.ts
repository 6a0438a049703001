import type { ColumnSpec } from './types.js';

/**
 * Header matching: exports differ in spaces (Taobao's "收货地址 "), BOMs, full-width brackets ("商品数量（件）"),
 * case (Amazon's are lower-case, Shopify's Title Case). Compare NFKC-folded, lower-cased, without whitespace.
 */
export function normHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').normalize('NFKC').toLowerCase().replace(/[\s\u00a0\u3000\u200b]+/g, '');
}

/** field → column index, for every spec whose header (or an alias) is present; the first occurrence wins. */
export function locate(headers: readonly string[], specs: readonly ColumnSpec[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = normHeader(h);
    if (k && !index.has(k)) index.set(k, i);
  });
  const col = new Map<string, number>();
  for (const spec of specs) {
    for (const alias of spec.headers) {
      const i = index.get(normHeader(alias));
      if (i !== undefined) {
        col.set(spec.field, i);
        break;
      }
    }
  }
  return col;
}
