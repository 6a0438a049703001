/**
 * Which of our SKUs an order line is, the same way the audit's unmapped-SKU check decides it: the shop's platform
 * SKU mapping first (with its qty_per for bundles), else a SKU whose code is the line's SKU code (the seller's
 * 商家编码 / outer id). A line neither resolves is unmapped.
 */
export interface LineSku {
  lineId: number;
  orderId: number;
  lineNo: number;
  qty: number;
  qtyAllocated: number;
  platformSku: string | null;
  skuCode: string | null;
  title: string;
  /** null: unmapped. */
  skuId: number | null;
  /** Units of our SKU per unit of the line. */
  qtyPer: number;
  /** Grams per unit of our SKU, when the SKU has a weight. */
  weightG: number | null;
  /** Our SKU's code (for messages and events). */
  ourCode: string | null;
}

export interface LineSkuRow {
  line_id: number;
  order_id: number;
  line_no: number;
  qty: number;
  qty_allocated: number;
  platform_sku: string | null;
  sku_code: string | null;
  title: string;
  sku_id: number | null;
  qty_per: number;
  weight_g: number | null;
  our_code: string | null;
}

/**
 * The line query; `where` is a constant condition over `o` (orders) and `ol` (order_lines) with ? parameters.
 * Lines come ordered by order, then line number.
 */
export function lineSkuSql(where: string): string {
  return `SELECT ol.id AS line_id, ol.order_id, ol.line_no, ol.qty, ol.qty_allocated, ol.platform_sku, ol.sku_code, ol.title,
      k.id AS sku_id, CASE WHEN ps.id IS NOT NULL THEN ps.qty_per ELSE 1 END AS qty_per, k.weight_g, k.code AS our_code
    FROM orders o
    JOIN order_lines ol ON ol.order_id = o.id
    LEFT JOIN platform_skus ps ON ps.shop_id = o.shop_id AND ps.platform_sku = ol.platform_sku
    LEFT JOIN skus s ON ps.id IS NULL AND s.code = ol.sku_code
    LEFT JOIN skus k ON k.id = COALESCE(ps.sku_id, s.id)
    WHERE ${where}
    ORDER BY ol.order_id, ol.line_no`;
}

export function toLineSku(r: LineSkuRow): LineSku {
  return {
    lineId: r.line_id,
    orderId: r.order_id,
    lineNo: r.line_no,
    qty: r.qty,
    qtyAllocated: r.qty_allocated,
    platformSku: r.platform_sku,
    skuCode: r.sku_code,
    title: r.title,
    skuId: r.sku_id,
    qtyPer: r.qty_per,
    weightG: r.weight_g,
    ourCode: r.our_code,
  };
}

/** How a line names itself in a message: "line 2 (SKU-A)". */
export function lineLabel(l: Pick<LineSku, 'lineNo' | 'skuCode' | 'platformSku' | 'title'>): string {
  return `line ${l.lineNo} (${l.skuCode ?? l.platformSku ?? l.title})`;
}

/** Grams for the lines, or null when any line's SKU has no weight (or is unmapped). */
export function weightOf(lines: readonly LineSku[]): number | null {
  let g = 0;
  for (const l of lines) {
    if (l.weightG === null) return null;
    g += l.weightG * l.qty * l.qtyPer;
  }
  return g;
}
