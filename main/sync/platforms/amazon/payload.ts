import { z } from 'zod';

/*
 * The parts of Orders v0 payloads ShopDesk reads (field names from ordersV0.json, platform-apis.md §2.2–2.3).
 * Loose objects: Amazon adds fields often, and the raw payload is kept whole beside the normalized order anyway.
 * Values are checked for shape here; their meaning (dates, decimal amounts) is read in mapping.ts, which names the
 * field when one is wrong.
 */

export const AmazonMoney = z.object({ CurrencyCode: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code'), Amount: z.string() });
export type AmazonMoney = z.infer<typeof AmazonMoney>;

const optText = z.string().optional();

export const AmazonAddress = z.looseObject({
  Name: optText,
  AddressLine1: optText,
  AddressLine2: optText,
  AddressLine3: optText,
  City: optText,
  County: optText,
  District: optText,
  StateOrRegion: optText,
  PostalCode: optText,
  CountryCode: optText,
  Phone: optText,
});

export const AmazonOrder = z.looseObject({
  AmazonOrderId: z.string().min(1),
  PurchaseDate: z.string(),
  LastUpdateDate: z.string(),
  OrderStatus: z.string(),
  FulfillmentChannel: optText,
  OrderTotal: AmazonMoney.optional(),
  PaymentMethod: optText,
  MarketplaceId: optText,
  LatestShipDate: optText,
  ShippingAddress: AmazonAddress.optional(),
  BuyerInfo: z.looseObject({ BuyerName: optText, BuyerEmail: optText }).optional(),
});
export type AmazonOrder = z.infer<typeof AmazonOrder>;

export const AmazonOrderItem = z.looseObject({
  ASIN: z.string(),
  OrderItemId: z.string().min(1),
  QuantityOrdered: z.number().int().nonnegative(),
  QuantityShipped: z.number().int().nonnegative().optional(),
  SellerSKU: optText,
  Title: optText,
  ItemPrice: AmazonMoney.optional(),
  ShippingPrice: AmazonMoney.optional(),
  ShippingDiscount: AmazonMoney.optional(),
  PromotionDiscount: AmazonMoney.optional(),
  BuyerRequestedCancel: z
    .looseObject({
      // The model types it as a string ("true"/"false"); accept a boolean too rather than drop the order over it.
      IsBuyerRequestedCancel: z.union([z.string(), z.boolean()]).optional(),
      BuyerCancelReason: optText,
    })
    .optional(),
});
export type AmazonOrderItem = z.infer<typeof AmazonOrderItem>;

export { describeIssue } from '../../payload-issues.js';
