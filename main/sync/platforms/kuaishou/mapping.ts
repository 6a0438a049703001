import { z } from 'zod';
import type { NormalizedOrder } from '../../../orders/model.js';
import type { MappingError } from '../../adapter.js';
import { DEFAULT_CARRIER_CODES } from '../../carrier-codes.js';
import { fen, fromUnixMillis } from '../../edge.js';
import { ksPayment, ksState } from './status.js';

/*
 * The parts of an open.order.cursor.list orderList entry ShopDesk reads (§7.2 names orderBaseInfo, orderItemInfo and
 * orderRefundList; the field names inside are the SDKs' [S]). Money is integer fen, times are epoch milliseconds.
 * Loose objects: Kuaishou adds fields, and the raw payload is kept whole beside the order.
 */

/** Kuaishou ids are JSON numbers of up to 16 digits: still exact in a double, but a larger one would not be. */
const id = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be digits')])
  .refine((v) => typeof v === 'string' || Number.isSafeInteger(v), 'is not a whole number that survives JSON (over 2^53)')
  .transform(String);
const int = z.number().int();
// Money is checked by fen() in mapKsOrder, whose message says what is wrong with the value (a float, a word).
const money = z.union([z.number(), z.string()]);
const optText = z.string().nullish();

const BaseInfo = z.looseObject({
  oid: id,
  status: int,
  createTime: int,
  payTime: int.nullish(),
  updateTime: int,
  totalFee: money,
  discountFee: money.nullish(),
  expressFee: money.nullish(),
  buyerNick: optText,
  remark: optText,
  validPromiseShipmentTimeStamp: int.nullish(),
});

const ItemInfo = z.looseObject({
  orderItemId: id,
  skuId: id,
  itemTitle: z.string().min(1, 'is empty'),
  skuDesc: optText,
  skuNick: optText,
  num: int.positive('must be at least 1'),
  price: money,
  discountFee: money.nullish(),
});

const Address = z.looseObject({
  desensitiseConsignee: optText,
  desensitiseMobile: optText,
  desensitiseAddress: optText,
  encryptedConsignee: optText,
  encryptedMobile: optText,
  encryptedAddress: optText,
  province: optText,
  city: optText,
  district: optText,
  town: optText,
});

export const KsOrder = z.looseObject({
  orderBaseInfo: BaseInfo,
  orderItemInfo: ItemInfo,
  orderRefundList: z.array(z.looseObject({ refundId: id, refundStatus: int })).nullish(),
  orderLogisticsInfo: z.array(z.looseObject({ expressNo: optText, expressCode: z.union([int, z.string()]).nullish() })).nullish(),
  orderAddress: Address.nullish(),
});

class FieldError extends Error {}

function field<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new FieldError(`field ${path}: ${(e as Error).message}`);
  }
}

const nonEmpty = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : null);
const msOrNull = (v: number | null | undefined) => (v ? fromUnixMillis(v) : null);

function carrierOf(expressCode: string | number | null | undefined): string | null {
  if (expressCode === null || expressCode === undefined) return null;
  const hit = Object.entries(DEFAULT_CARRIER_CODES.kuaishou ?? {}).find(([, code]) => code === String(expressCode));
  return hit ? hit[0] : null;
}

export function mapKsOrder(raw: unknown, shopId: number): NormalizedOrder {
  const parsed = KsOrder.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(`field ${issue?.path.map(String).join('.') || '(order)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { orderBaseInfo: b, orderItemInfo: item, orderRefundList, orderLogisticsInfo, orderAddress } = parsed.data;
  const state = ksState(b.status);
  if (!state) throw new FieldError(`field orderBaseInfo.status: unknown Kuaishou order status ${b.status}`);
  const paidAt = field('orderBaseInfo.payTime', () => msOrNull(b.payTime));
  const totalMinor = field('orderBaseInfo.totalFee', () => fen(b.totalFee));
  const payment = ksPayment(b.status, paidAt !== null, (orderRefundList ?? []).map((r) => r.refundStatus));
  const unitPriceMinor = field('orderItemInfo.price', () => fen(item.price));
  const a = orderAddress ?? {};
  // The ciphertexts Kuaishou's decrypt call takes (open.order.decrypt.batch [S], not used by ShopDesk yet).
  const cipher = Object.fromEntries(
    (['encryptedConsignee', 'encryptedMobile', 'encryptedAddress'] as const).flatMap((k) => (nonEmpty(a[k]) ? [[k, a[k]!.trim()]] : [])),
  );
  const logistics = (orderLogisticsInfo ?? []).find((l) => nonEmpty(l.expressNo));
  return {
    shopId,
    platform: 'kuaishou',
    platformOrderId: b.oid,
    platformStatus: String(b.status),
    platformState: state,
    payment,
    buyerNick: nonEmpty(b.buyerNick),
    // Masked as Kuaishou gives them (王*, 139****5678, street part hidden); province/city/district come in the clear.
    buyerName: nonEmpty(a.desensitiseConsignee),
    buyerPhone: nonEmpty(a.desensitiseMobile),
    country: 'CN',
    province: nonEmpty(a.province),
    city: nonEmpty(a.city),
    district: nonEmpty(a.district),
    address1: [nonEmpty(a.town), nonEmpty(a.desensitiseAddress)].filter(Boolean).join('') || null,
    piiMasked: true,
    piiRef: Object.keys(cipher).length > 0 ? cipher : null,
    buyerMessage: nonEmpty(b.remark),
    currency: 'CNY',
    goodsMinor: unitPriceMinor * item.num,
    shippingMinor: field('orderBaseInfo.expressFee', () => fen(b.expressFee)),
    discountMinor: field('orderBaseInfo.discountFee', () => fen(b.discountFee)),
    // [U] totalFee is what the buyer pays for the order (goods − discount + express), as the SDK examples add up.
    totalMinor,
    paidMinor: paidAt !== null ? totalMinor : 0,
    refundedMinor: payment === 'refunded' ? totalMinor : 0,
    trackingNo: logistics?.expressNo?.trim() ?? null,
    carrier: carrierOf(logistics?.expressCode),
    placedAt: field('orderBaseInfo.createTime', () => fromUnixMillis(b.createTime)),
    paidAt,
    shipBy: field('orderBaseInfo.validPromiseShipmentTimeStamp', () => msOrNull(b.validPromiseShipmentTimeStamp)),
    platformUpdatedAt: field('orderBaseInfo.updateTime', () => fromUnixMillis(b.updateTime)),
    lines: [
      {
        platformLineId: item.orderItemId,
        platformSku: item.skuId,
        // skuNick is the seller's own SKU code (商家商品编码): what ShopDesk's SKU mapping matches on.
        skuCode: nonEmpty(item.skuNick),
        title: item.itemTitle,
        variant: nonEmpty(item.skuDesc),
        qty: item.num,
        unitPriceMinor,
        discountMinor: field('orderItemInfo.discountFee', () => fen(item.discountFee)),
      },
    ],
    raw: { format: 'kuaishou.order.cursor.list', payload: JSON.stringify(raw) },
  };
}

/** The order id of a payload that may not parse, for naming it in an error. */
function oidOf(raw: unknown): string | null {
  const b = raw && typeof raw === 'object' ? (raw as { orderBaseInfo?: { oid?: unknown } }).orderBaseInfo : undefined;
  const oid = b && typeof b === 'object' ? b.oid : undefined;
  return typeof oid === 'number' || typeof oid === 'string' ? String(oid) : null;
}

export function mapOrTell(raw: unknown, shopId: number): NormalizedOrder | MappingError {
  try {
    return mapKsOrder(raw, shopId);
  } catch (e) {
    const oid = oidOf(raw);
    return { platformOrderId: oid, message: `Kuaishou order ${oid ?? '(no oid)'}: ${(e as Error).message}`, raw: JSON.stringify(raw) };
  }
}

export function isMappingError(x: NormalizedOrder | MappingError): x is MappingError {
  return !('platform' in x);
}
