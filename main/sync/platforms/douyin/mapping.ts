import type { z } from 'zod';
import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';
import type { MappingError } from '../../adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../carrier-codes.js';
import { FieldError, fenAt, intAt, timeAt, timeOrNullAt } from './fields.js';
import { describeIssue, ShopOrder, SkuOrder, type PostAddr } from './payload.js';
import { ORDER_STATE, paymentOf, REFUND_SUCCEEDED } from './status.js';

export const RAW_FORMAT = 'douyin.shop_order';

type Addr = z.infer<typeof PostAddr>;

/** 抖店 company code → ShopDesk carrier (the built-in table read backwards), for orders shipped elsewhere. */
const CARRIER_BY_CODE = new Map(Object.entries(DEFAULT_CARRIER_CODES.douyin ?? {}).map(([ours, theirs]) => [theirs, ours]));

const nonEmpty = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

function line(sku: SkuOrder, at: string): NormalizedLine {
  const qty = intAt(sku.item_num, `${at}.item_num`);
  const unit = fenAt(sku.origin_amount, `${at}.origin_amount`);
  if (unit < 0) throw new FieldError(`${at}.origin_amount`, `is negative: ${unit}`);
  const discount = fenAt(sku.promotion_amount, `${at}.promotion_amount`);
  if (discount < 0 || discount > unit * qty) throw new FieldError(`${at}.promotion_amount`, `${discount} is outside 0…${unit * qty} (origin_amount × item_num)`);
  const variant = (sku.spec ?? [])
    .filter((s) => nonEmpty(s.value))
    .map((s) => (nonEmpty(s.name) ? `${s.name}:${s.value}` : String(s.value)))
    .join(' ');
  return {
    platformLineId: sku.order_id,
    platformSku: sku.sku_id !== null && sku.sku_id !== undefined ? String(sku.sku_id) : null,
    // out_sku_id is the merchant's SKU code; code (商家后台商品编码) is the product-level fallback.
    skuCode: nonEmpty(sku.out_sku_id) ? sku.out_sku_id.trim() : nonEmpty(sku.code) ? sku.code.trim() : null,
    title: nonEmpty(sku.product_name) ? sku.product_name : `product ${String(sku.product_id ?? sku.order_id)}`,
    variant: variant || null,
    qty,
    unitPriceMinor: unit,
    discountMinor: discount,
  };
}

const regionName = (a: Addr, part: 'province' | 'city' | 'town' | 'street') => (nonEmpty(a?.[part]?.name) ? a[part]!.name! : null);

/**
 * What batchDecrypt needs later (the three ciphertexts; auth_id is the order id) plus the region names, which are
 * not secret and complete the label. Null when 抖店 sent no ciphertext at all.
 */
function piiRefOf(o: ShopOrder): Record<string, string> | null {
  const ref: Record<string, string> = {};
  if (nonEmpty(o.encrypt_post_receiver)) ref.receiver = o.encrypt_post_receiver;
  if (nonEmpty(o.encrypt_post_tel)) ref.tel = o.encrypt_post_tel;
  if (nonEmpty(o.post_addr?.encrypt_detail)) ref.detail = o.post_addr.encrypt_detail;
  if (Object.keys(ref).length === 0) return null;
  for (const part of ['province', 'city', 'town', 'street'] as const) {
    const name = regionName(o.post_addr, part);
    if (name) ref[part] = name;
  }
  return ref;
}

function toNormalized(o: ShopOrder, raw: unknown, shopId: number): NormalizedOrder {
  const statusCode = intAt(o.order_status, 'order_status');
  const state = ORDER_STATE[statusCode];
  if (!state) throw new FieldError('order_status', `unknown status ${statusCode}${o.order_status_desc ? ` (${o.order_status_desc})` : ''}`);
  const skus = o.sku_order_list.map((s, i) => {
    const r = SkuOrder.safeParse(s);
    if (!r.success) {
      const { field, problem } = describeIssue(r.error, `sku_order_list[${i}]`);
      throw new FieldError(field, problem);
    }
    return r.data;
  });
  const lines = skus.map((s, i) => line(s, `sku_order_list[${i}]`));
  const paidAt = timeOrNullAt(o.pay_time, 'pay_time');
  const orderAmount = fenAt(o.order_amount, 'order_amount');
  const payAmount = o.pay_amount === null || o.pay_amount === undefined ? orderAmount : fenAt(o.pay_amount, 'pay_amount');
  const refunded = skus.flatMap((s, i) => (Number(s.after_sale_info?.refund_status) === REFUND_SUCCEEDED ? [{ s, at: `sku_order_list[${i}]` }] : []));
  const paid = paidAt !== null && statusCode !== 1;
  const payment = paymentOf(state, paid, refunded.length, skus.length);
  // The list says which sku orders were refunded, not how much: [U] each is taken as refunded at what was paid for it
  // (the after-sales cases carry the exact amounts).
  const refundedMinor = payment === 'refunded' ? payAmount : refunded.reduce((n, { s, at }) => n + fenAt(s.pay_amount ?? s.order_amount, `${at}.pay_amount`), 0);
  const shipped = (o.logistics_info ?? []).filter((l) => nonEmpty(l.tracking_no));
  const last = shipped[shipped.length - 1];
  const masked = o.mask_post_addr;
  const street = regionName(masked, 'street') ?? regionName(o.post_addr, 'street');
  const address1 = [street, nonEmpty(masked?.detail) ? masked.detail : null].filter(nonEmpty).join('');
  const piiRef = piiRefOf(o);
  return {
    shopId,
    platform: 'douyin',
    platformOrderId: o.order_id,
    platformStatus: String(statusCode),
    platformState: state,
    payment,
    // Masked as 抖店 shows them (张**, 138****0000); the plaintext is only ever fetched for a label (batchDecrypt).
    buyerName: nonEmpty(o.mask_post_receiver) ? o.mask_post_receiver : null,
    buyerPhone: nonEmpty(o.mask_post_tel) ? o.mask_post_tel : null,
    country: 'CN',
    province: regionName(o.post_addr, 'province') ?? regionName(masked, 'province'),
    city: regionName(o.post_addr, 'city') ?? regionName(masked, 'city'),
    district: regionName(o.post_addr, 'town') ?? regionName(masked, 'town'),
    address1: address1 || null,
    piiMasked: piiRef !== null || nonEmpty(o.mask_post_receiver),
    piiRef,
    buyerMessage: nonEmpty(o.buyer_words) ? o.buyer_words : null,
    sellerMemo: nonEmpty(o.seller_words) ? o.seller_words : null,
    currency: 'CNY',
    // [U] how 抖店's amounts relate is not documented beyond their names: goods are the list prices
    // (origin_amount × item_num), promotion_amount the order's discounts, order_amount what the order costs with
    // postage, pay_amount what the buyer paid (platform subsidies can make it less). Kept as stated, not recomputed.
    goodsMinor: lines.reduce((n, l) => n + l.unitPriceMinor * l.qty, 0),
    shippingMinor: fenAt(o.post_amount, 'post_amount'),
    discountMinor: fenAt(o.promotion_amount, 'promotion_amount'),
    totalMinor: orderAmount,
    paidMinor: paid ? payAmount : 0,
    refundedMinor,
    trackingNo: last?.tracking_no ?? null,
    carrier: last ? (CARRIER_BY_CODE.get(last.company ?? '') ?? last.company_name ?? last.company ?? null) : null,
    placedAt: timeAt(o.create_time, 'create_time'),
    paidAt,
    shipBy: timeOrNullAt(o.exp_ship_time, 'exp_ship_time'),
    platformUpdatedAt: timeAt(o.update_time, 'update_time'),
    lines,
    raw: { format: RAW_FORMAT, payload: JSON.stringify(raw) },
  };
}

/** The order id as the payload gives it, for a MappingError even when the payload is broken. */
function idOf(raw: unknown): string | null {
  const id = (raw as { order_id?: unknown } | null)?.order_id;
  return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : null;
}

/** Maps one ShopOrder; a field we cannot read becomes a MappingError naming the order_id and the field. */
export function mapShopOrder(raw: unknown, shopId: number): { ok: true; order: NormalizedOrder } | { ok: false; error: MappingError } {
  const id = idOf(raw);
  const fail = (message: string) => ({ ok: false as const, error: { platformOrderId: id, message: id ? `order ${id}: ${message}` : message, raw: JSON.stringify(raw) } });
  const r = ShopOrder.safeParse(raw);
  if (!r.success) {
    const { field, problem } = describeIssue(r.error);
    return fail(`${field}: ${problem}`);
  }
  try {
    return { ok: true, order: toNormalized(r.data, raw, shopId) };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return fail(e.message);
  }
}
