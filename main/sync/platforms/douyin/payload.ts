import { z } from 'zod';

/*
 * The parts of 抖店 payloads ShopDesk reads (field names from doudian-go api/order_searchList, afterSale_List,
 * order_batchDecrypt; platform-apis.md §5.5–5.9). Loose objects: 抖店 adds fields often and the raw payload is kept
 * whole anyway. Shapes are checked here; values (fen, unix seconds, status codes) are read in the mappers, which
 * name the field when one is wrong.
 */

/** int64 fields: numbers on the wire, strings from some gateways and SDK generations. */
const Int = z.union([z.number(), z.string()]);
const optText = z.string().nullish();

const Region = z.looseObject({ id: z.union([z.string(), z.number()]).nullish(), name: optText }).nullish();

export const PostAddr = z
  .looseObject({ province: Region, city: Region, town: Region, street: Region, detail: optText, encrypt_detail: optText })
  .nullish();

export const AfterSaleInfo = z
  .looseObject({ after_sale_status: Int.nullish(), after_sale_type: Int.nullish(), refund_status: Int.nullish() })
  .nullish();

export const SkuOrder = z.looseObject({
  order_id: z.string().min(1),
  parent_order_id: optText,
  product_id: Int.nullish(),
  product_name: optText,
  sku_id: Int.nullish(),
  out_sku_id: optText,
  code: optText,
  item_num: Int,
  origin_amount: Int,
  order_amount: Int.nullish(),
  pay_amount: Int.nullish(),
  promotion_amount: Int.nullish(),
  spec: z.array(z.looseObject({ name: optText, value: optText })).nullish(),
  after_sale_info: AfterSaleInfo,
});
export type SkuOrder = z.infer<typeof SkuOrder>;

export const LogisticsInfo = z.looseObject({
  tracking_no: optText,
  company: optText,
  company_name: optText,
  ship_time: Int.nullish(),
});

export const ShopOrder = z.looseObject({
  order_id: z.string().min(1),
  shop_id: Int.nullish(),
  order_status: Int,
  order_status_desc: optText,
  create_time: Int,
  update_time: Int,
  pay_time: Int.nullish(),
  exp_ship_time: Int.nullish(),
  buyer_words: optText,
  seller_words: optText,
  order_amount: Int,
  pay_amount: Int.nullish(),
  post_amount: Int.nullish(),
  promotion_amount: Int.nullish(),
  mask_post_receiver: optText,
  mask_post_tel: optText,
  mask_post_addr: PostAddr,
  encrypt_post_receiver: optText,
  encrypt_post_tel: optText,
  post_addr: PostAddr,
  logistics_info: z.array(LogisticsInfo).nullish(),
  sku_order_list: z.array(z.unknown()),
});
export type ShopOrder = z.infer<typeof ShopOrder>;

export const SearchListData = z.looseObject({
  page: Int.nullish(),
  size: Int.nullish(),
  total: z.number().int().nonnegative(),
  shop_order_list: z.array(z.unknown()).nullish(),
});

export const AfterSaleItem = z.looseObject({
  aftersale_info: z.looseObject({
    aftersale_id: z.string().min(1),
    aftersale_type: Int,
    aftersale_status: Int,
    related_id: optText,
    apply_time: Int,
    update_time: Int,
    refund_amount: Int.nullish(),
    aftersale_num: Int.nullish(),
    refund_status: Int.nullish(),
    return_logistics_code: optText,
    return_logistics_company_name: optText,
    remark: optText,
    reason_second_labels: z.array(z.looseObject({ name: optText })).nullish(),
  }),
  order_info: z
    .looseObject({
      shop_order_id: optText,
      related_order_info: z.array(z.looseObject({ sku_order_id: optText, item_num: Int.nullish() })).nullish(),
    })
    .nullish(),
});
export type AfterSaleItem = z.infer<typeof AfterSaleItem>;

export const AfterSaleListData = z.looseObject({
  items: z.array(z.unknown()).nullish(),
  has_more: z.boolean().nullish(),
  total: z.number().int().nonnegative(),
});

export const DecryptInfo = z.looseObject({
  auth_id: z.string(),
  cipher_text: z.string(),
  decrypt_text: optText,
  data_type: Int.nullish(),
  is_virtual_tel: z.boolean().nullish(),
  phone_no_a: optText,
  phone_no_b: optText,
  expire_time: Int.nullish(),
  err_no: Int.nullish(),
  err_msg: optText,
});
export type DecryptInfo = z.infer<typeof DecryptInfo>;

export { describeIssue } from '../../payload-issues.js';
