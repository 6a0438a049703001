import { Cells } from './cells.js';
import { lineFromTotal, statusFrom } from './common.js';
import { AMAZON_STATUS } from './status.js';
import type { FormatDef, MapContext, RowMapper } from './types.js';

/** Amazon order ids: 3-7-7 digits (marketplace orders); other shapes are refused. */
const AMAZON_ID = /^\d{3}-\d{7}-\d{7}$/;

/**
 * All Orders Report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_*_GENERAL, §8.3): tab-separated, one row per order item,
 * order-level columns repeated. `item-price` is the line total (unit × qty); shipping, tax and promotions are per
 * item and add up to the order's. Promotions are reported negative. Items with quantity 0 (cancelled) carry no line.
 * `last-updated-date` is the platform's update time, so an older report never overwrites a newer sync.
 */
export const amazonAllOrders: FormatDef = {
  name: 'amazon-all-orders',
  platform: 'amazon',
  label: 'Amazon All Orders Report',
  joinsWith: null,
  grain: 'line',
  idPattern: AMAZON_ID,
  signature: ['orderId', 'placedAt', 'status', 'sku'],
  columns: [
    { field: 'orderId', headers: ['amazon-order-id'], required: true },
    { field: 'placedAt', headers: ['purchase-date'], required: true },
    { field: 'status', headers: ['order-status'], required: true },
    { field: 'sku', headers: ['sku'], required: true },
    { field: 'qty', headers: ['quantity'], required: true },
    { field: 'currency', headers: ['currency'], required: true },
    { field: 'itemPrice', headers: ['item-price'], required: true },
    { field: 'updatedAt', headers: ['last-updated-date'] },
    { field: 'title', headers: ['product-name'] },
    { field: 'asin', headers: ['asin'] },
    { field: 'itemTax', headers: ['item-tax'] },
    { field: 'shipping', headers: ['shipping-price'] },
    { field: 'shippingTax', headers: ['shipping-tax'] },
    { field: 'giftWrap', headers: ['gift-wrap-price'] },
    { field: 'giftWrapTax', headers: ['gift-wrap-tax'] },
    { field: 'itemPromo', headers: ['item-promotion-discount'] },
    { field: 'shipPromo', headers: ['ship-promotion-discount'] },
    { field: 'city', headers: ['ship-city'] },
    { field: 'state', headers: ['ship-state'] },
    { field: 'postcode', headers: ['ship-postal-code'] },
    { field: 'country', headers: ['ship-country'] },
  ],
  mapper: (ctx: MapContext): RowMapper => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const orderId = c.id('orderId', AMAZON_ID);
    if (orderId === null) return null;
    const status = statusFrom(c, 'status', AMAZON_STATUS, true);
    const placedAt = c.time('placedAt', true);
    const updatedAt = c.time('updatedAt');
    const currencyText = c.text('currency');
    const currency = currencyText && /^[A-Z]{3}$/.test(currencyText) ? currencyText : null;
    // A cancelled order's rows have an empty currency: the shop's is as good as any for zero amounts.
    const cur = currency ?? (currencyText === null ? ctx.currency : null);
    if (cur === null) c.fail('currency', `not a currency code: '${currencyText}'`);
    const qty = c.qty('qty');
    const money = (f: string) => (cur ? c.money(f, cur) : null);
    const itemPrice = money('itemPrice');
    const tax = (money('itemTax') ?? 0) + (money('shippingTax') ?? 0) + (money('giftWrapTax') ?? 0);
    const shipping = (money('shipping') ?? 0) + (money('giftWrap') ?? 0);
    const promo = Math.abs(money('itemPromo') ?? 0);
    const shipPromo = Math.abs(money('shipPromo') ?? 0);
    if (!c.ok || !status || placedAt === null || qty === null || cur === null) return { orderId };
    const sku = c.text('sku');
    return {
      orderId,
      order: {
        placedAt,
        paidAt: status.payment === 'paid' ? placedAt : null,
        platformStatus: status.code,
        platformState: status.state,
        payment: status.payment,
        city: c.text('city'),
        province: c.text('state'),
        postcode: c.text('postcode'),
        country: c.text('country'),
        currency: cur,
        platformUpdatedAt: updatedAt,
      },
      line:
        qty > 0
          ? {
              platformSku: c.text('asin'),
              skuCode: sku,
              title: c.text('title') ?? sku ?? '(item)',
              qty,
              ...lineFromTotal(itemPrice ?? 0, qty),
              add: { shippingMinor: shipping, taxMinor: tax, discountMinor: promo + shipPromo },
            }
          : undefined,
    };
  },
};

/**
 * Unshipped Orders report (GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING, §8.3): the orders waiting to ship, with the
 * recipient's address (a restricted report) but no prices — imported orders get zero amounts until a sync fills
 * them. Every row's order is paid and waiting (partly shipped when quantity-shipped > 0).
 */
export const amazonUnshipped: FormatDef = {
  name: 'amazon-unshipped',
  platform: 'amazon',
  label: 'Amazon Unshipped Orders',
  joinsWith: null,
  grain: 'line',
  idPattern: AMAZON_ID,
  signature: ['orderId', 'lineId', 'placedAt', 'qty'],
  columns: [
    { field: 'orderId', headers: ['order-id'], required: true },
    { field: 'lineId', headers: ['order-item-id'], required: true },
    { field: 'placedAt', headers: ['purchase-date'], required: true },
    { field: 'qty', headers: ['quantity-purchased'], required: true },
    { field: 'sku', headers: ['sku'], required: true },
    { field: 'title', headers: ['product-name'] },
    { field: 'paidAt', headers: ['payments-date'] },
    { field: 'promiseDate', headers: ['promise-date'] },
    { field: 'shipped', headers: ['quantity-shipped'] },
    { field: 'phone', headers: ['buyer-phone-number'] },
    { field: 'name', headers: ['recipient-name'] },
    { field: 'address1', headers: ['ship-address-1'] },
    { field: 'address2', headers: ['ship-address-2'] },
    { field: 'address3', headers: ['ship-address-3'] },
    { field: 'city', headers: ['ship-city'] },
    { field: 'state', headers: ['ship-state'] },
    { field: 'postcode', headers: ['ship-postal-code'] },
    { field: 'country', headers: ['ship-country'] },
  ],
  mapper: (ctx) => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const orderId = c.id('orderId', AMAZON_ID);
    if (orderId === null) return null;
    const lineId = c.id('lineId', null);
    const placedAt = c.time('placedAt', true);
    const paidAt = c.time('paidAt');
    const shipBy = c.time('promiseDate');
    const qty = c.qty('qty');
    if (qty !== null && qty < 1) c.fail('qty', 'must be at least 1');
    const shipped = c.has('shipped') && !c.empty('shipped') ? c.qty('shipped') : 0;
    const sku = c.required('sku');
    if (!c.ok || placedAt === null || qty === null || sku === null || shipped === null) return { orderId };
    const partly = shipped > 0;
    return {
      orderId,
      order: {
        placedAt,
        paidAt: paidAt ?? placedAt,
        platformStatus: partly ? 'PartiallyShipped' : 'Unshipped',
        platformState: 'to_ship',
        payment: 'paid',
        buyerName: c.text('name'),
        buyerPhone: c.text('phone'),
        address1: [c.text('address1'), c.text('address2'), c.text('address3')].filter(Boolean).join(', ') || null,
        city: c.text('city'),
        province: c.text('state'),
        postcode: c.text('postcode'),
        country: c.text('country'),
        currency: ctx.currency,
        shipBy,
      },
      line: { platformLineId: lineId, skuCode: sku, title: c.text('title') ?? sku, qty, unitPriceMinor: 0 },
    };
  },
};
