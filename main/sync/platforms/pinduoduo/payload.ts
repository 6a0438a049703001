import { z } from 'zod';
import { fromUnixSeconds, parseCnTime, yuanToFen } from '../../edge.js';

/**
 * The parts of PDD's payloads ShopDesk reads, checked with zod; everything else is kept verbatim in raw. PDD sends
 * numbers as JSON numbers or numeric strings depending on the API and SDK era, so ids and enums accept both.
 */

/** A payload field we could not read; the mapping error names the order (or case) and this field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export { describeIssue } from '../../payload-issues.js';

const intish = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'expected a whole number')]).transform(Number);
const idish = z.union([z.number().int().nonnegative(), z.string().min(1)]).transform(String);
const textOrNull = z.string().nullish();
/** Yuan as PDD sends it: a decimal string, sometimes a JSON number. Converted exactly in mapping (yuanToFen). */
export const yuan = z.union([z.string(), z.number()], { error: 'expected a yuan amount' });
/** A time as PDD sends it: "yyyy-MM-dd HH:mm:ss" China time in order/refund payloads, unix seconds in some APIs. */
export const pddTimeValue = z.union([z.string(), z.number()], { error: 'expected a time' });

export const PddItem = z.object({
  goods_id: idish.optional(),
  sku_id: idish,
  outer_id: textOrNull,
  outer_goods_id: textOrNull,
  goods_name: z.string({ error: 'expected the goods name' }),
  goods_spec: textOrNull,
  goods_price: yuan,
  goods_count: intish.refine((n) => n > 0, 'expected a positive count'),
});

export const PddOrder = z.object({
  order_sn: z.string().min(1),
  order_status: intish,
  refund_status: intish,
  confirm_status: intish.optional(),
  after_sales_status: intish.nullish(),
  risk_control_status: intish.nullish(),
  created_time: pddTimeValue,
  confirm_time: pddTimeValue.nullish(),
  pay_time: pddTimeValue.nullish(),
  shipping_time: pddTimeValue.nullish(),
  last_ship_time: pddTimeValue.nullish(),
  updated_at: pddTimeValue,
  pay_amount: yuan,
  goods_amount: yuan,
  discount_amount: yuan.nullish(),
  postage: yuan.nullish(),
  buyer_memo: textOrNull,
  remark: textOrNull,
  logistics_id: intish.nullish(),
  tracking_number: textOrNull,
  receiver_name: textOrNull,
  receiver_phone: textOrNull,
  receiver_address: textOrNull,
  receiver_name_mask: textOrNull,
  receiver_phone_mask: textOrNull,
  receiver_address_mask: textOrNull,
  address_mask: textOrNull,
  country: textOrNull,
  province: textOrNull,
  city: textOrNull,
  town: textOrNull,
  item_list: z.array(PddItem).min(1, 'an order without items'),
});
export type PddOrder = z.infer<typeof PddOrder>;

export const PddRefund = z.object({
  id: idish,
  order_sn: z.string().min(1),
  after_sales_type: intish,
  after_sales_status: intish,
  after_sale_reason: textOrNull,
  refund_amount: yuan,
  sku_id: idish.nullish(),
  outer_id: textOrNull,
  goods_number: intish.nullish(),
  tracking_number: textOrNull,
  shipping_name: textOrNull,
  created_time: pddTimeValue,
  updated_time: pddTimeValue,
});
export type PddRefund = z.infer<typeof PddRefund>;

/** Total and items of one increment page (orders: order_sn_list, after-sales: refund_list). */
export const IncrementPage = (listKey: string) =>
  z.object({ total_count: intish, [listKey]: z.array(z.unknown()).nullish() }, { error: 'expected an increment page' });

export const DecryptItem = z.object({
  data_tag: z.string(),
  encrypted_data: z.string(),
  decrypted_data: textOrNull,
  data_type: intish.nullish(),
  error_code: intish.nullish(),
  error_msg: textOrNull,
});
export const DecryptResponse = z.object({ data_decrypt_list: z.array(DecryptItem) });

/** A PDD time (China-time text or unix seconds) → epoch ms; the error names the field. */
export function pddTime(v: string | number, field: string): number {
  try {
    if (typeof v === 'number' || /^\d+$/.test(v.trim())) return fromUnixSeconds(v);
    return parseCnTime(v);
  } catch (e) {
    throw new FieldError(field, (e as Error).message);
  }
}

/** Like pddTime; empty, 0 and "0000-00-00 …" mean "not yet". */
export function pddTimeOrNull(v: string | number | null | undefined, field: string): number | null {
  if (v === null || v === undefined || v === 0 || (typeof v === 'string' && (/^0*$/.test(v.trim()) || v.startsWith('0000-00-00')))) return null;
  return pddTime(v, field);
}

/** Yuan → fen, exactly; an empty amount is refused; the error names the field. */
export function fenOf(v: string | number, field: string): number {
  try {
    return yuanToFen(v);
  } catch (e) {
    throw new FieldError(field, (e as Error).message);
  }
}

/** Like fenOf for amounts PDD leaves out when there are none (a discount, free postage). */
export function fenOrZero(v: string | number | null | undefined, field: string): number {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return 0;
  return fenOf(v, field);
}
