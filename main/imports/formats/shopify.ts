import { mapStatus, StatusError } from '../../sync/platforms/shopify/status.js';
import { Cells } from './cells.js';
import type { FormatDef } from './types.js';

/** CSV fulfillment values (lower-case REST names) → the GraphQL display enum the sync adapter stores. */
const FULFILLMENT: Record<string, string> = {
  fulfilled: 'FULFILLED',
  unfulfilled: 'UNFULFILLED',
  partial: 'PARTIALLY_FULFILLED',
  restocked: 'RESTOCKED',
  pending: 'UNFULFILLED',
};

/**
 * Shopify Admin → Orders → Export (§8.4): one row per line item; order-level columns only on the order's first row.
 * Rows are grouped by `Name` (present on every row); the stored order id is `Id` (the legacy numeric id the sync
 * adapter uses) when the export has it, else the Name. Statuses go through the adapter's own mapStatus so both
 * paths store the same "PAID/UNFULFILLED" text.
 */
export const shopifyOrders: FormatDef = {
  name: 'shopify-orders',
  platform: 'shopify',
  label: 'Shopify orders CSV',
  joinsWith: null,
  grain: 'line',
  idPattern: null,
  signature: ['name', 'financial', 'lineName', 'lineQty'],
  columns: [
    { field: 'name', headers: ['Name'], required: true },
    { field: 'financial', headers: ['Financial Status'], required: true },
    { field: 'lineName', headers: ['Lineitem name'], required: true },
    { field: 'lineQty', headers: ['Lineitem quantity'], required: true },
    { field: 'linePrice', headers: ['Lineitem price'], required: true },
    { field: 'createdAt', headers: ['Created at'], required: true },
    { field: 'id', headers: ['Id'] },
    { field: 'fulfillment', headers: ['Fulfillment Status'] },
    { field: 'paidAt', headers: ['Paid at'] },
    { field: 'cancelledAt', headers: ['Cancelled at'] },
    { field: 'currency', headers: ['Currency'] },
    { field: 'subtotal', headers: ['Subtotal'] },
    { field: 'shipping', headers: ['Shipping'] },
    { field: 'taxes', headers: ['Taxes'] },
    { field: 'total', headers: ['Total'] },
    { field: 'discount', headers: ['Discount Amount'] },
    { field: 'refunded', headers: ['Refunded Amount'] },
    { field: 'lineSku', headers: ['Lineitem sku'] },
    { field: 'lineDiscount', headers: ['Lineitem discount'] },
    { field: 'email', headers: ['Email'] },
    { field: 'shipName', headers: ['Shipping Name'] },
    { field: 'shipAddress1', headers: ['Shipping Address1', 'Shipping Street'] },
    { field: 'shipAddress2', headers: ['Shipping Address2'] },
    { field: 'shipCity', headers: ['Shipping City'] },
    { field: 'shipZip', headers: ['Shipping Zip'] },
    { field: 'shipProvince', headers: ['Shipping Province Name', 'Shipping Province'] },
    { field: 'shipCountry', headers: ['Shipping Country'] },
    { field: 'shipPhone', headers: ['Shipping Phone', 'Phone'] },
    { field: 'notes', headers: ['Notes'] },
  ],
  mapper: (ctx) => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const name = c.required('name');
    if (name === null) return null;
    const title = c.required('lineName');
    const qty = c.qty('lineQty');
    if (qty !== null && qty < 1) c.fail('lineQty', 'must be at least 1');
    // Continuation rows have no order-level values: Financial Status is the first row's marker.
    const first = !c.empty('financial');
    const currencyText = first ? c.text('currency') : null;
    const currency = currencyText ?? ctx.currency;
    if (!/^[A-Z]{3}$/.test(currency)) c.fail('currency', `not a currency code: '${currency}'`);
    const price = c.money('linePrice', currency, true);
    const lineDiscount = c.money('lineDiscount', currency);
    if (!c.ok || title === null || qty === null || price === null) return { orderId: name };
    const line = { skuCode: c.text('lineSku'), title, qty, unitPriceMinor: price, discountMinor: lineDiscount ?? 0 };
    if (!first) return { orderId: name, line };

    const createdAt = c.time('createdAt', true);
    const paidAt = c.time('paidAt');
    const cancelledAt = c.text('cancelledAt');
    const financial = c.text('financial')!.toUpperCase();
    const fulRaw = (c.text('fulfillment') ?? 'unfulfilled').toLowerCase();
    const fulfillment = FULFILLMENT[fulRaw];
    if (!fulfillment) c.fail('fulfillment', `unknown status '${fulRaw}'`);
    let status: ReturnType<typeof mapStatus> | null = null;
    try {
      if (fulfillment) status = mapStatus(financial, fulfillment, cancelledAt);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      c.fail('financial', `unknown status '${c.text('financial')}'`);
    }
    const subtotal = c.money('subtotal', currency);
    const shipping = c.money('shipping', currency);
    const taxes = c.money('taxes', currency);
    const total = c.money('total', currency);
    const discount = c.money('discount', currency);
    const refunded = c.money('refunded', currency);
    const id = c.has('id') ? c.optionalId('id') : null;
    if (!c.ok || createdAt === null || !status) return { orderId: name };
    return {
      orderId: name,
      order: {
        platformOrderId: id ?? name,
        placedAt: createdAt,
        paidAt: paidAt ?? (status.paid ? createdAt : null),
        platformStatus: status.platformStatus,
        platformState: status.platformState,
        payment: status.payment,
        buyerNick: c.text('email'),
        buyerName: c.text('shipName'),
        buyerPhone: c.text('shipPhone'),
        address1: [c.text('shipAddress1'), c.text('shipAddress2')].filter(Boolean).join(', ') || null,
        city: c.text('shipCity'),
        province: c.text('shipProvince'),
        postcode: c.text('shipZip'),
        country: c.text('shipCountry'),
        buyerMessage: c.text('notes'),
        currency,
        goodsMinor: subtotal !== null && discount !== null ? subtotal + discount : null,
        shippingMinor: shipping ?? 0,
        discountMinor: discount ?? 0,
        totalMinor: total ?? (taxes !== null && subtotal !== null ? subtotal + (shipping ?? 0) + taxes : null),
        refundedMinor: refunded ?? 0,
      },
      line,
    };
  },
};
