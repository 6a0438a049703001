/**
 * Facts merge and split need that the normalized order does not carry, read from the platform's payload kept beside
 * it (order_raw): whether the buyer pays on delivery (旺店通 never merges or splits those: the courier collects one
 * amount per platform order) and whether Amazon fulfils or promises the order (FBA is shipped by Amazon; Prime has a
 * delivery promise per order, so Linnworks never merges it).
 */
export interface PlatformMarks {
  /** Why the order is cash on delivery / pay later, in words; null when it is prepaid. */
  payLater: string | null;
  /** Amazon ships it itself (FBA, FulfillmentChannel AFN): ShopDesk neither merges nor splits it. */
  amazonFba: boolean;
  /** Amazon Prime: a delivery promise per order, never merged (Linnworks excludes it too). */
  amazonPrime: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const truthy = (v: unknown): boolean => v === true || text(v).toLowerCase() === 'true';

/** Per raw format (the adapters' RAW_FORMAT names): the payment method field and which values mean "pays later". */
const PAY_LATER: Readonly<Record<string, (raw: Json) => string | null>> = {
  // trade.type 'cod' (货到付款 trade), §4.4 of platform-apis.md.
  'taobao.trade.fullinfo': (t) => (text(t.type).toLowerCase() === 'cod' ? 'Taobao trade type cod (货到付款)' : null),
  // 抖店 pay_type 0 is 货到付款.
  'douyin.shop_order': (o) => (text(o.pay_type) === '0' ? 'Douyin pay_type 0 (货到付款)' : null),
  // JD payType is "code-name": 1-货到付款. [The adapter must ask for payType in optional_fields for this to be seen.]
  'jd.pop.orderInfo': (o) => (/^1(-|$)/.test(text(o.payType)) ? `JD payType ${text(o.payType)}` : null),
  'amazon.orders.v0': (p) => {
    const m = text(obj(p.order).PaymentMethod).toUpperCase();
    return m === 'COD' || m === 'CVS' ? `Amazon PaymentMethod ${m}` : null;
  },
  'woocommerce.v3.order': (o) => (text(o.payment_method).toLowerCase() === 'cod' ? 'WooCommerce payment_method cod' : null),
  // Read when the adapter asks for paymentGatewayNames (a manual "Cash on Delivery (COD)" gateway).
  'shopify.graphql.order': (o) => {
    const names = Array.isArray(o.paymentGatewayNames) ? o.paymentGatewayNames.map(text) : [];
    const cod = names.find((n) => /cash on delivery|\bcod\b/i.test(n));
    return cod ? `Shopify payment gateway "${cod}"` : null;
  },
};


/**
 * Reads the marks from the stored payload. `paidMinor` 0 on an order the platform calls paid is pay-later too
 * (Amazon COD/CVS are mapped that way): clear to ship, but nothing has been collected.
 */
export function platformMarks(o: { payment: string; paid_minor: number; total_minor: number; raw_format: string | null; raw_payload: string | null }): PlatformMarks {
  let raw: Json = {};
  if (o.raw_payload && o.raw_format && (PAY_LATER[o.raw_format] || o.raw_format === 'amazon.orders.v0')) {
    try {
      raw = obj(JSON.parse(o.raw_payload));
    } catch {
      // a payload that is not JSON says nothing either way; the columns below still apply
    }
  }
  const byRaw = o.raw_format ? (PAY_LATER[o.raw_format]?.(raw) ?? null) : null;
  const unpaidButClear = o.payment === 'paid' && o.paid_minor === 0 && o.total_minor > 0 ? 'paid 0 of the total (pays on delivery)' : null;
  return {
    payLater: byRaw ?? unpaidButClear,
    amazonFba: o.raw_format === 'amazon.orders.v0' && text(obj(raw.order).FulfillmentChannel).toUpperCase() === 'AFN',
    amazonPrime: o.raw_format === 'amazon.orders.v0' && truthy(obj(raw.order).IsPrime),
  };
}
