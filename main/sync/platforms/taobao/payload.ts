import { z } from 'zod';

/*
 * The parts of TOP payloads ShopDesk reads (field names from the fullinfo / refunds metadata, platform-apis.md
 * §4.3–4.8). Loose objects: TOP adds fields often, and the raw payload is kept whole beside the normalized order.
 * Shapes are checked here; meanings (GMT+8 times, yuan amounts) are read in mapping.ts, which names the field.
 */

/** A numeric id: TOP sends tid/oid as JSON numbers (parseTopJson turns the 19-digit ones into strings first). */
export const TopId = z.union([z.string().regex(/^\d+$/, 'must be a numeric id'), z.number().int().nonnegative()]).transform(String);
/** Yuan amounts: "200.07" on the wire; a number is accepted and read exactly by yuanToFen. */
const Yuan = z.union([z.string(), z.number()]);
const optText = z.string().optional();

/**
 * Non-simplified JSON wraps every list in an object named for its items ("orders":{"order":[…]}); simplify=true
 * drops the wrapper [U]. Both are accepted; absent means empty (TOP omits empty lists).
 */
export function topList<T extends z.ZodType>(item: string, schema: T) {
  return z.preprocess((v) => {
    if (v === undefined || v === null) return [];
    if (typeof v === 'object' && !Array.isArray(v)) return (v as Record<string, unknown>)[item] ?? [];
    return v;
  }, z.array(schema));
}

export const TopOrder = z.looseObject({
  oid: TopId,
  title: z.string(),
  num_iid: TopId.optional(),
  sku_id: optText,
  outer_iid: optText,
  outer_sku_id: optText,
  sku_properties_name: optText,
  price: Yuan,
  num: z.number().int().min(1, 'must be at least 1'),
  total_fee: Yuan.optional(),
  payment: Yuan.optional(),
  discount_fee: Yuan.optional(),
  adjust_fee: Yuan.optional(),
  divide_order_fee: Yuan.optional(),
  status: optText,
  refund_status: optText,
  logistics_company: optText,
  invoice_no: optText,
});
export type TopOrder = z.infer<typeof TopOrder>;

export const TopTrade = z.looseObject({
  tid: TopId,
  status: z.string().min(1),
  type: optText,
  created: z.string(),
  modified: z.string(),
  pay_time: optText,
  consign_time: optText,
  payment: Yuan,
  total_fee: Yuan,
  post_fee: Yuan.optional(),
  buyer_nick: optText,
  buyer_open_uid: optText,
  buyer_message: optText,
  seller_memo: optText,
  receiver_name: optText,
  receiver_country: optText,
  receiver_state: optText,
  receiver_city: optText,
  receiver_district: optText,
  receiver_town: optText,
  receiver_address: optText,
  receiver_zip: optText,
  receiver_mobile: optText,
  receiver_phone: optText,
  oaid: optText,
  orders: topList('order', TopOrder),
});
export type TopTrade = z.infer<typeof TopTrade>;

/** What taobao.trades.sold.increment.get returns per trade when asked for fields=tid,status,modified. */
export const TradeHead = z.looseObject({ tid: TopId, modified: z.string(), status: optText });

export const TopRefund = z.looseObject({
  refund_id: TopId,
  tid: TopId,
  oid: TopId.optional(),
  status: z.string().min(1),
  dispute_type: optText,
  has_good_return: z.boolean().optional(),
  refund_fee: Yuan,
  created: z.string(),
  modified: z.string(),
  reason: optText,
  num: z.number().int().optional(),
  company_name: optText,
  sid: optText,
  outer_id: optText,
});
export type TopRefund = z.infer<typeof TopRefund>;

export const TopReceiver = z.looseObject({
  tid: TopId.optional(),
  order_id: TopId.optional(),
  oaid: optText,
  name: optText,
  mobile: optText,
  phone: optText,
  country: optText,
  state: optText,
  city: optText,
  district: optText,
  town: optText,
  address_detail: optText,
  matched: z.boolean().optional(),
  privacy_protection: z.boolean().optional(),
  secret_no_expire_time: optText,
});
export type TopReceiver = z.infer<typeof TopReceiver>;
