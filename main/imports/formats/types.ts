import type { ImportFormat } from '../../../shared/contract/imports.js';
import type { Platform } from '../../../shared/domain/ids.js';
import type { Payment, PlatformState } from '../../../shared/domain/status.js';
import type { TableRecord } from '../source/table.js';

/** One column a format reads: the field it fills and the header texts it is known by (aliases). */
export interface ColumnSpec {
  field: string;
  headers: readonly string[];
  required?: boolean;
}

/** Order-level facts a row carries (absent on a Shopify continuation row or a Taobao item row). */
export interface OrderFacts {
  /** The id to store when it differs from the grouping id (Shopify: rows share Name, the order is stored by Id). */
  platformOrderId?: string;
  placedAt: number;
  paidAt?: number | null;
  platformStatus: string;
  platformState: PlatformState;
  payment: Payment;
  buyerNick?: string | null;
  buyerName?: string | null;
  buyerPhone?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address1?: string | null;
  postcode?: string | null;
  piiMasked?: boolean;
  buyerMessage?: string | null;
  sellerMemo?: string | null;
  currency: string;
  /** null: the sum of the lines. */
  goodsMinor?: number | null;
  shippingMinor?: number | null;
  discountMinor?: number | null;
  /** null: goods − discount + shipping (+ tax). */
  totalMinor?: number | null;
  paidMinor?: number | null;
  refundedMinor?: number | null;
  trackingNo?: string | null;
  carrier?: string | null;
  shipBy?: number | null;
  platformUpdatedAt?: number | null;
  /** A one-row-per-order report without an item file: the line is made from its title and total quantity. */
  summaryLine?: { title: string; qty: number; variant?: string | null };
}

export interface LineFacts {
  platformLineId?: string | null;
  platformSku?: string | null;
  skuCode?: string | null;
  title: string;
  variant?: string | null;
  qty: number;
  unitPriceMinor: number;
  discountMinor?: number;
  /** This line was refunded in full (Douyin 售后状态, Taobao 退款状态). */
  refunded?: boolean;
  /** Amounts a line-per-row report gives per line that add up to order totals (Amazon shipping, tax, promotions). */
  add?: { shippingMinor?: number; taxMinor?: number; discountMinor?: number };
}

/** What one row says: the order it belongs to, and its order-level facts and/or a line. */
export interface RowFacts {
  orderId: string;
  order?: OrderFacts;
  line?: LineFacts;
}

/** A problem with one cell or row; `column` is the header as the file spells it. */
export interface CellProblem {
  column: string | null;
  message: string;
}

export interface MapContext {
  file: string;
  /** Column index of each field found (by the format's header aliases or a generic mapping). */
  col: ReadonlyMap<string, number>;
  headers: readonly string[];
  /** The shop's currency (used where a file does not say). */
  currency: string;
  /** Offset of zone-less times, minutes east of UTC. */
  utcOffsetMinutes: number;
}

/** Maps one record; returns null for a row with no order id (problems say why), or the facts (maybe with problems). */
export type RowMapper = (rec: TableRecord, problems: CellProblem[]) => RowFacts | null;

export interface FormatDef {
  name: ImportFormat;
  platform: Platform | null;
  label: string;
  joinsWith: ImportFormat | null;
  columns: readonly ColumnSpec[];
  /** Fields whose headers must all be present for the header to be this format. */
  signature: readonly string[];
  /** 'order': one row per order (a repeated order id is a duplicate); 'line': rows of an order share its id. */
  grain: 'order' | 'line';
  /** Rows of this file carry lines only and need the joined file's order rows (Taobao item report). */
  needsJoin?: boolean;
  /** Order ids of this platform (after unwrapping); null: anything non-empty. */
  idPattern: RegExp | null;
  mapper(ctx: MapContext): RowMapper;
}
