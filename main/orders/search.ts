/**
 * Queue search: one box for order id, buyer, tracking number or SKU code. Every branch is a prefix range on an
 * index (no LIKE '%…%' scans), so a search over a million orders stays a handful of index seeks.
 */

/** Above every character SQLite can store: `x >= t AND x < t || MAX` is "x starts with t". */
const MAX_CHAR = '\u{10FFFF}';

export interface SearchSql {
  sql: string;
  params: Record<string, string>;
}

/** A subquery yielding order ids that match `term`; null when the term is blank. */
export function searchSubquery(term: string | undefined): SearchSql | null {
  const t = (term ?? '').trim();
  if (!t) return null;
  const params = { s_lo: t, s_hi: t + MAX_CHAR };
  const sql = `
    SELECT id FROM orders WHERE platform_order_id >= $s_lo AND platform_order_id < $s_hi
    UNION SELECT id FROM orders WHERE tracking_no >= $s_lo AND tracking_no < $s_hi
    UNION SELECT id FROM orders WHERE buyer_nick >= $s_lo COLLATE NOCASE AND buyer_nick < $s_hi COLLATE NOCASE
    UNION SELECT id FROM orders WHERE buyer_name >= $s_lo COLLATE NOCASE AND buyer_name < $s_hi COLLATE NOCASE
    UNION SELECT order_id FROM order_lines WHERE sku_code >= $s_lo AND sku_code < $s_hi`;
  return { sql, params };
}
