import type { HistoryEvent, OrderDetail, OrderFlag, OrderLine, OrderRow } from '../../shared/domain/order.js';
import type { Platform } from '../../shared/domain/ids.js';
import type { AfterSales, FlagKind, FlagReason, Payment, PlatformState, Queue, Workflow } from '../../shared/domain/status.js';

/** Columns of a queue row, over `orders o JOIN shops s`. */
export const ROW_COLUMNS = `o.id, o.shop_id, s.name AS shop_name, o.platform, o.platform_order_id, o.platform_status, o.queue,
  o.workflow, o.payment, o.after_sales, o.open_flags, o.buyer_nick, o.buyer_name, o.province, o.city, o.currency,
  o.total_minor, o.item_count, o.sku_summary, o.tracking_no, o.carrier, o.placed_at, o.paid_at`;

export interface RowRecord {
  id: number;
  shop_id: number;
  shop_name: string;
  platform: Platform;
  platform_order_id: string;
  platform_status: string;
  queue: Queue;
  workflow: Workflow;
  payment: Payment;
  after_sales: AfterSales;
  open_flags: number;
  buyer_nick: string | null;
  buyer_name: string | null;
  province: string | null;
  city: string | null;
  currency: string;
  total_minor: number;
  item_count: number;
  sku_summary: string;
  tracking_no: string | null;
  carrier: string | null;
  placed_at: number;
  paid_at: number | null;
}

export interface DetailRecord extends RowRecord {
  platform_state: PlatformState;
  buyer_phone: string | null;
  country: string | null;
  district: string | null;
  address1: string | null;
  postcode: string | null;
  pii_masked: number;
  buyer_message: string | null;
  seller_memo: string | null;
  goods_minor: number;
  shipping_minor: number;
  discount_minor: number;
  paid_minor: number;
  refunded_minor: number;
  ship_by: number | null;
  updated_at: number;
}

export function mapRow(r: RowRecord): OrderRow {
  return {
    id: r.id,
    shopId: r.shop_id,
    shopName: r.shop_name,
    platform: r.platform,
    platformOrderId: r.platform_order_id,
    platformStatus: r.platform_status,
    queue: r.queue,
    workflow: r.workflow,
    payment: r.payment,
    afterSales: r.after_sales,
    openFlags: r.open_flags,
    buyerNick: r.buyer_nick,
    buyerName: r.buyer_name,
    province: r.province,
    city: r.city,
    currency: r.currency,
    totalMinor: r.total_minor,
    itemCount: r.item_count,
    skuSummary: r.sku_summary,
    trackingNo: r.tracking_no,
    carrier: r.carrier,
    placedAt: r.placed_at,
    paidAt: r.paid_at,
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- rows come untyped from SQLite; each is mapped field by field */
function mapLine(l: any): OrderLine {
  return {
    id: l.id,
    lineNo: l.line_no,
    platformLineId: l.platform_line_id,
    platformSku: l.platform_sku,
    skuId: l.sku_id,
    skuCode: l.sku_code,
    title: l.title,
    variant: l.variant,
    qty: l.qty,
    unitPriceMinor: l.unit_price_minor,
    discountMinor: l.discount_minor,
    counters: {
      allocated: l.qty_allocated,
      printed: l.qty_printed,
      verified: l.qty_verified,
      shipped: l.qty_shipped,
      returned: l.qty_returned,
      restocked: l.qty_restocked,
    },
  };
}

function mapFlag(f: any): OrderFlag {
  return {
    id: f.id,
    kind: f.kind as FlagKind,
    reason: f.reason as FlagReason,
    note: f.note,
    releaseAt: f.release_at,
    createdAt: f.created_at,
    createdBy: f.created_by,
    releasedAt: f.released_at,
    releasedBy: f.released_by,
  };
}

function mapEvent(e: any): HistoryEvent {
  return { id: e.id, at: e.at, actor: e.actor, action: e.action, reason: e.reason, data: e.data ? JSON.parse(e.data) : null };
}

export function mapDetail(r: DetailRecord, lines: unknown[], flags: unknown[], history: unknown[]): OrderDetail {
  return {
    ...mapRow(r),
    platformState: r.platform_state,
    address: {
      name: r.buyer_name,
      phone: r.buyer_phone,
      country: r.country,
      province: r.province,
      city: r.city,
      district: r.district,
      line1: r.address1,
      postcode: r.postcode,
      masked: r.pii_masked === 1,
    },
    buyerMessage: r.buyer_message,
    sellerMemo: r.seller_memo,
    amounts: {
      goodsMinor: r.goods_minor,
      shippingMinor: r.shipping_minor,
      discountMinor: r.discount_minor,
      totalMinor: r.total_minor,
      paidMinor: r.paid_minor,
      refundedMinor: r.refunded_minor,
    },
    shipBy: r.ship_by,
    updatedAt: r.updated_at,
    lines: lines.map(mapLine),
    flags: flags.map(mapFlag),
    history: history.map(mapEvent),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
