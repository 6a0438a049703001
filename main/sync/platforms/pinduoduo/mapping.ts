import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';
import type { MappingError } from '../../adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../carrier-codes.js';
import { describeIssue, FieldError, fenOf, fenOrZero, PddOrder, pddTime, pddTimeOrNull } from './payload.js';
import { paymentOf, platformStateOf, platformStatusText } from './status.js';

export const RAW_ORDER_FORMAT = 'pinduoduo.order';

/**
 * The keys of NormalizedOrder.piiRef: the three ciphertexts pdd.open.decrypt.batch takes, and the (plain) region the
 * label needs beside them, so a decrypted address is whole without reading the order again.
 */
export const PII_CIPHER_KEYS = ['receiver_name', 'receiver_phone', 'receiver_address'] as const;

/** Just enough of a payload to name it in errors and dedupe it, read without trusting the rest. */
export function orderIdentity(raw: unknown): { sn: string | null; updatedAt: string | null } {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const sn = typeof o.order_sn === 'string' && o.order_sn ? o.order_sn : null;
  const u = o.updated_at;
  return { sn, updatedAt: typeof u === 'string' || typeof u === 'number' ? String(u) : null };
}

/** PDD logistics_id → ShopDesk carrier code, from the built-in table (an unknown id stays on the raw payload only). */
function carrierOf(logisticsId: number | null | undefined): string | null {
  if (!logisticsId) return null;
  const hit = Object.entries(DEFAULT_CARRIER_CODES.pinduoduo ?? {}).find(([, code]) => code === String(logisticsId));
  return hit ? hit[0] : null;
}

const blank = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

function mapLines(o: PddOrder): NormalizedLine[] {
  return o.item_list.map((it, i) => ({
    // PDD has no line id; one order holds each SKU once, so the SKU id names the line.
    platformLineId: it.sku_id,
    platformSku: it.sku_id,
    skuCode: blank(it.outer_id),
    title: it.goods_name,
    variant: blank(it.goods_spec),
    qty: it.goods_count,
    unitPriceMinor: fenOf(it.goods_price, `item_list[${i}].goods_price`),
  }));
}

/** The decrypt references: only while PDD hands out ciphertexts (待发货 and not risk-flagged), else null (keep the old ones). */
function piiRefOf(o: PddOrder): Record<string, string> | null {
  const ref: Record<string, string> = {};
  for (const k of PII_CIPHER_KEYS) {
    const v = blank(o[k]);
    if (!v) return null;
    ref[k] = v;
  }
  for (const [k, v] of [['province', o.province], ['city', o.city], ['district', o.town]] as const) if (blank(v)) ref[k] = v!.trim();
  return ref;
}

/** Throws FieldError when a field cannot be read. */
export function toNormalizedOrder(o: PddOrder, raw: unknown, shopId: number): NormalizedOrder {
  const lines = mapLines(o);
  const payment = paymentOf(o);
  const totalMinor = fenOf(o.pay_amount, 'pay_amount');
  return {
    shopId,
    platform: 'pinduoduo',
    platformOrderId: o.order_sn,
    platformStatus: platformStatusText(o),
    platformState: platformStateOf(o),
    payment,
    // PDD never hands out plaintext: the masked values are what the queue shows; the label decrypts.
    buyerName: blank(o.receiver_name_mask),
    buyerPhone: blank(o.receiver_phone_mask),
    country: blank(o.country),
    province: blank(o.province),
    city: blank(o.city),
    district: blank(o.town),
    address1: blank(o.receiver_address_mask) ?? blank(o.address_mask),
    piiMasked: true,
    piiRef: piiRefOf(o),
    buyerMessage: blank(o.buyer_memo),
    sellerMemo: blank(o.remark),
    currency: 'CNY',
    goodsMinor: fenOf(o.goods_amount, 'goods_amount'),
    shippingMinor: fenOrZero(o.postage, 'postage'),
    // discount_amount = platform + seller + 团长免单 discounts; pay_amount = goods - discount + postage.
    discountMinor: fenOrZero(o.discount_amount, 'discount_amount'),
    totalMinor,
    paidMinor: payment === 'unpaid' ? 0 : totalMinor,
    trackingNo: blank(o.tracking_number),
    carrier: carrierOf(o.logistics_id),
    placedAt: pddTime(o.created_time, 'created_time'),
    paidAt: pddTimeOrNull(o.pay_time, 'pay_time'),
    shipBy: pddTimeOrNull(o.last_ship_time, 'last_ship_time'),
    platformUpdatedAt: pddTime(o.updated_at, 'updated_at'),
    lines,
    raw: { format: RAW_ORDER_FORMAT, payload: JSON.stringify(raw) },
  };
}

/** Maps one order; a field we cannot read becomes a MappingError naming the order_sn and the field. */
export function mapPddOrder(raw: unknown, shopId: number): { ok: true; order: NormalizedOrder } | { ok: false; error: MappingError } {
  const { sn } = orderIdentity(raw);
  const who = sn ? `order ${sn}` : 'an order without order_sn';
  const fail = (field: string, problem: string) => ({ ok: false as const, error: { platformOrderId: sn, message: `${who}: field ${field}: ${problem}`, raw: JSON.stringify(raw) } });
  const parsed = PddOrder.safeParse(raw);
  if (!parsed.success) {
    const { field, problem } = describeIssue(parsed.error);
    return fail(field, problem);
  }
  try {
    return { ok: true, order: toNormalizedOrder(parsed.data, raw, shopId) };
  } catch (e) {
    if (e instanceof FieldError) return fail(e.field, e.problem);
    throw e;
  }
}
