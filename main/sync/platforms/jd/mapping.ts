import { z } from 'zod';
import type { NormalizedLine, NormalizedOrder } from '../../../orders/model.js';
import type { MappingError } from '../../adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../carrier-codes.js';
import { parseCnTime, parseCnTimeOrNull, yuanToFen, yuanToFenOrZero } from '../../edge.js';
import { jdPayment, jdState } from './status.js';

/*
 * The fields of a jingdong.pop.order.search orderInfoList entry ShopDesk reads (§7.1: orderId, orderState,
 * consigneeInfo, itemInfoList with outerSkuId; the money and time field names are the JOS SDKs' [S]). Loose objects:
 * JD adds fields, and the raw payload is kept whole beside the order. Money is yuan (decimal strings, sometimes JSON
 * numbers), times are "yyyy-MM-dd HH:mm:ss" China time; both are converted exactly in mapJdOrder.
 */
const id = z.union([z.string().regex(/^\d+$/, 'must be digits'), z.number().int().nonnegative()]).transform(String);
const money = z.union([z.string(), z.number()]);
const optText = z.string().nullish();

const Consignee = z.looseObject({
  fullname: optText,
  mobile: optText,
  telephone: optText,
  fullAddress: optText,
  province: optText,
  city: optText,
  county: optText,
  town: optText,
});

const Item = z.looseObject({
  skuId: id,
  outerSkuId: optText,
  skuName: z.string().min(1, 'is empty'),
  jdPrice: money,
  itemTotal: z.union([z.string().regex(/^\d+$/, 'must be a whole number'), z.number().int()]).transform(Number).pipe(z.number().int().positive('must be at least 1')),
  wareId: id.nullish(),
});

export const JdOrderInfo = z.looseObject({
  orderId: id,
  orderState: z.string().min(1),
  orderStartTime: z.string(),
  modified: optText,
  paymentConfirmTime: optText,
  orderTotalPrice: money,
  orderPayment: money,
  freightPrice: money.nullish(),
  sellerDiscount: money.nullish(),
  orderRemark: optText,
  venderRemark: optText,
  pin: optText,
  waybill: optText,
  logisticsId: z.union([z.string(), z.number()]).nullish(),
  consigneeInfo: Consignee.nullish(),
  itemInfoList: z.array(Item).min(1, 'has no items'),
});
type JdOrderInfo = z.infer<typeof JdOrderInfo>;

/** A field that could not be read: mapOrTell turns it into "JD order <id>: field <path>: <problem>". */
class FieldError extends Error {}

function field<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new FieldError(`field ${path}: ${(e as Error).message}`);
  }
}

/** JD's numeric logistics company id → ShopDesk's carrier code, when the built-in table knows it. */
function carrierOf(logisticsId: string | number | null | undefined): string | null {
  if (logisticsId === null || logisticsId === undefined || logisticsId === '') return null;
  const hit = Object.entries(DEFAULT_CARRIER_CODES.jd ?? {}).find(([, code]) => code === String(logisticsId));
  return hit ? hit[0] : null;
}

function mapLine(item: JdOrderInfo['itemInfoList'][number], i: number): NormalizedLine {
  return {
    platformLineId: item.skuId,
    platformSku: item.skuId,
    // outerSkuId is the seller's own SKU code (商家外部编码): what ShopDesk's SKU mapping matches on.
    skuCode: item.outerSkuId?.trim() || null,
    title: item.skuName,
    qty: item.itemTotal,
    unitPriceMinor: field(`itemInfoList.${i}.jdPrice`, () => yuanToFen(item.jdPrice)),
  };
}

const nonEmpty = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : null);

export function mapJdOrder(raw: unknown, shopId: number): NormalizedOrder {
  const parsed = JdOrderInfo.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(`field ${issue?.path.map(String).join('.') || '(order)'}: ${issue?.message ?? 'invalid'}`);
  }
  const o = parsed.data;
  const state = jdState(o.orderState);
  if (!state) throw new FieldError(`field orderState: unknown JD order state "${o.orderState}"`);
  const paidAt = field('paymentConfirmTime', () => parseCnTimeOrNull(o.paymentConfirmTime));
  const totalMinor = field('orderPayment', () => yuanToFen(o.orderPayment));
  const payment = jdPayment(state, paidAt);
  const c = o.consigneeInfo ?? {};
  return {
    shopId,
    platform: 'jd',
    platformOrderId: o.orderId,
    platformStatus: o.orderState,
    platformState: state,
    payment,
    buyerNick: nonEmpty(o.pin),
    // JD hands these out masked (张*, 138****0000); the plaintext would come from JD's decrypt service (not used).
    buyerName: nonEmpty(c.fullname),
    buyerPhone: nonEmpty(c.mobile) ?? nonEmpty(c.telephone),
    country: 'CN',
    province: nonEmpty(c.province),
    city: nonEmpty(c.city),
    district: nonEmpty(c.county),
    address1: nonEmpty(c.fullAddress),
    piiMasked: true,
    // [U] No JD decrypt call (its TDE scheme is not documented for us), so no decrypt reference is stored: the PII
    // service says JD addresses cannot be decrypted by ShopDesk, from the adapter having no decryptAddresses.
    buyerMessage: nonEmpty(o.orderRemark),
    sellerMemo: nonEmpty(o.venderRemark),
    currency: 'CNY',
    goodsMinor: field('orderTotalPrice', () => yuanToFen(o.orderTotalPrice)),
    shippingMinor: field('freightPrice', () => yuanToFenOrZero(o.freightPrice)),
    discountMinor: field('sellerDiscount', () => yuanToFenOrZero(o.sellerDiscount)),
    totalMinor,
    paidMinor: paidAt !== null ? totalMinor : 0,
    refundedMinor: payment === 'refunded' ? totalMinor : 0,
    trackingNo: nonEmpty(o.waybill),
    carrier: carrierOf(o.logisticsId),
    placedAt: field('orderStartTime', () => parseCnTime(o.orderStartTime)),
    paidAt,
    platformUpdatedAt: field('modified', () => parseCnTimeOrNull(o.modified)),
    lines: o.itemInfoList.map(mapLine),
    raw: { format: 'jd.pop.orderInfo', payload: JSON.stringify(raw) },
  };
}

/** mapJdOrder, or the MappingError naming the order and the field; the rest of the page maps on. */
export function mapOrTell(raw: unknown, shopId: number): NormalizedOrder | MappingError {
  try {
    return mapJdOrder(raw, shopId);
  } catch (e) {
    const rawId = raw && typeof raw === 'object' ? (raw as { orderId?: unknown }).orderId : undefined;
    const orderId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
    return { platformOrderId: orderId, message: `JD order ${orderId ?? '(no orderId)'}: ${(e as Error).message}`, raw: JSON.stringify(raw) };
  }
}

export function isMappingError(x: NormalizedOrder | MappingError): x is MappingError {
  return !('platform' in x);
}
