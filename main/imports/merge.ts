import type { Platform } from '../../shared/domain/ids.js';
import type { NormalizedLine, NormalizedOrder } from '../orders/model.js';
import { lineFromTotal } from './formats/common.js';
import type { FormatDef, OrderFacts } from './formats/types.js';
import type { StagedRow } from './stage.js';

export interface MergeProblem {
  src: number;
  row: number;
  message: string;
}

export type Merged = { ok: true; order: NormalizedOrder } | { ok: false; problems: MergeProblem[] };

export interface MergeContext {
  shopId: number;
  platform: Platform;
  /** Per source file: its format and name. */
  sources: readonly { format: FormatDef; name: string }[];
  /** An item file was imported with the order file: lines come from it, not from the order row's summary. */
  hasItemFile: boolean;
}

const MAX_RAW_CHARS = 16_000;

/**
 * Puts one order's staged rows together into the NormalizedOrder the writer stores. The order-level facts come from
 * the first row that has them (Shopify's first line row, the Taobao order report's row, a Douyin sub-order row);
 * lines from every row in file order. Anything that would make the stored order wrong refuses the whole order:
 * a row that failed its checks, a one-row-per-order report naming the order twice with different values, item
 * rows without their order row, lines in two currencies.
 */
export function mergeOrder(key: string, rows: readonly StagedRow[], ctx: MergeContext): Merged {
  if (rows.some((r) => r.bad)) return { ok: false, problems: [] }; // already reported row by row
  const problems: MergeProblem[] = [];
  let order: OrderFacts | null = null;
  let orderRow: StagedRow | null = null;
  const lines: NormalizedLine[] = [];
  let refundedLines = 0;
  let extraShipping = 0;
  let extraTax = 0;
  let extraDiscount = 0;
  for (const r of rows) {
    const f = r.facts;
    if (!f) continue;
    const src = ctx.sources[r.src]!;
    if (f.order) {
      if (!order) {
        order = f.order;
        orderRow = r;
      } else if (src.format.grain === 'order' && orderRow && orderRow.src === r.src) {
        problems.push({ src: r.src, row: r.row, message: `order ${key} appears again with different values (first on row ${orderRow.row}); remove one of the rows` });
      }
    }
    if (f.line) {
      const { refunded, add, ...line } = f.line;
      lines.push(line);
      if (refunded) refundedLines++;
      extraShipping += add?.shippingMinor ?? 0;
      extraTax += add?.taxMinor ?? 0;
      extraDiscount += add?.discountMinor ?? 0;
    }
  }
  if (!order || !orderRow) {
    const first = rows[0]!;
    const src = ctx.sources[first.src]!;
    const why = src.format.needsJoin ? `is in ${src.name} but not in the order report it joins (${src.format.joinsWith})` : 'has no row with its order details (date, status)';
    return { ok: false, problems: [{ src: first.src, row: first.row, message: `order ${key} ${why}` }] };
  }
  if (problems.length) return { ok: false, problems };
  if (lines.length === 0 && order.summaryLine) {
    const s = order.summaryLine;
    const goods = order.goodsMinor ?? order.totalMinor ?? 0;
    lines.push({ title: s.title, variant: s.variant ?? null, qty: s.qty, ...lineFromTotal(goods, s.qty) });
  }
  for (const l of lines) {
    if (!Number.isSafeInteger(l.qty) || l.qty < 1) return { ok: false, problems: [{ src: orderRow.src, row: orderRow.row, message: `order ${key}: a line has quantity ${l.qty}` }] };
  }
  const goods = order.goodsMinor ?? lines.reduce((n, l) => n + l.unitPriceMinor * l.qty - (l.discountMinor ?? 0), 0);
  const shipping = (order.shippingMinor ?? 0) + extraShipping;
  const discount = (order.discountMinor ?? 0) + extraDiscount;
  const total = order.totalMinor ?? goods - discount + shipping + extraTax;
  let payment = order.payment;
  if (payment === 'paid' && refundedLines > 0) payment = refundedLines === lines.length ? 'refunded' : 'partly_refunded';
  const platformOrderId = order.platformOrderId ?? key;
  if (platformOrderId.length > 100) return { ok: false, problems: [{ src: orderRow.src, row: orderRow.row, message: `order id ${platformOrderId.slice(0, 40)}… is longer than 100 characters` }] };
  const refunded = Math.max(0, order.refundedMinor ?? 0);
  // Built by concatenation: the staged cells are already JSON. An order of hundreds of lines keeps its first rows
  // verbatim and says how many more there were.
  const rawRow = (r: StagedRow) => `{"file":${JSON.stringify(ctx.sources[r.src]!.name)},"row":${r.row},"cells":${r.raw}}`;
  let raw = `{"rows":[${rows.map(rawRow).join(',')}]}`;
  if (raw.length > MAX_RAW_CHARS) raw = `{"rows":[${rows.slice(0, 10).map(rawRow).join(',')}],"moreRows":${rows.length - 10}}`;
  const { summaryLine: _s, platformOrderId: _p, goodsMinor: _g, shippingMinor: _sh, discountMinor: _d, totalMinor: _t, refundedMinor: _r, paidMinor, ...rest } = order;
  return {
    ok: true,
    order: {
      ...rest,
      shopId: ctx.shopId,
      platform: ctx.platform,
      platformOrderId,
      payment,
      goodsMinor: goods,
      shippingMinor: shipping,
      discountMinor: discount,
      totalMinor: total,
      ...(paidMinor != null ? { paidMinor } : {}),
      refundedMinor: refunded,
      lines,
      raw: { format: `import:${ctx.sources[orderRow.src]!.format.name}`, payload: raw },
    },
  };
}
