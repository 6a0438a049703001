import { minorToDecimal, parseDecimalToMinor } from '../../../shared/domain/money.js';

/** What a test says about an order; buildOrder turns it into Orders v0 JSON the way Amazon spells it. */
export interface ItemSpec {
  sku: string;
  title?: string;
  asin?: string;
  orderItemId?: string;
  qty: number;
  /** Line total (unit × qty), as Amazon's ItemPrice. */
  itemPrice: string;
  shipping?: string;
  promotion?: string;
  tax?: string;
  shipped?: number;
  cancelReason?: string;
}

export interface OrderSpec {
  id?: string;
  status?: string;
  marketplaceId?: string;
  currency?: string;
  channel?: 'MFN' | 'AFN';
  paymentMethod?: string;
  purchasedAt?: number;
  /** Overrides the computed OrderTotal amount. */
  total?: string;
  address?: Record<string, string>;
  items: ItemSpec[];
}

/** A stored order: the JSON served verbatim, plus the times the simulator filters and sorts by. */
export interface SimOrder {
  id: string;
  marketplaceId: string;
  channel: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  json: Record<string, unknown>;
  items: Record<string, unknown>[];
}

let seq = 0;
/** 3-7-7 digits, like 902-1845936-5435065. */
export function nextOrderId(): string {
  seq++;
  return `1${String(seq % 100).padStart(2, '0')}-${String(1_000_000 + seq).padStart(7, '0')}-${String(5_435_065 + seq * 7).padStart(7, '0')}`;
}
let itemSeq = 0;
export function nextOrderItemId(): string {
  itemSeq++;
  return String(79_039_765_272_157 + itemSeq * 13);
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

const HAS_ADDRESS = new Set(['Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed']);
const PRICED = (status: string) => status !== 'Pending' && status !== 'PendingAvailability';

export function buildOrder(spec: OrderSpec, now: number): SimOrder {
  const id = spec.id ?? nextOrderId();
  const status = spec.status ?? 'Unshipped';
  const currency = spec.currency ?? 'USD';
  const marketplaceId = spec.marketplaceId ?? 'ATVPDKIKX0DER';
  const createdAt = spec.purchasedAt ?? now - 3_600_000;
  const money = (amount: string) => ({ CurrencyCode: currency, Amount: amount });
  const m = (s: string | undefined) => (s ? parseDecimalToMinor(s, currency) : 0);
  let total = 0;
  let shipped = 0;
  let unshipped = 0;
  const items = spec.items.map((it) => {
    total += m(it.itemPrice) + m(it.shipping) + m(it.tax) - m(it.promotion);
    shipped += it.shipped ?? 0;
    unshipped += it.qty - (it.shipped ?? 0);
    const item: Record<string, unknown> = {
      ASIN: it.asin ?? `B0${it.sku.replace(/[^A-Z0-9]/gi, '').toUpperCase().padEnd(8, 'X').slice(0, 8)}`,
      SellerSKU: it.sku,
      OrderItemId: it.orderItemId ?? nextOrderItemId(),
      Title: it.title ?? `Item ${it.sku}`,
      QuantityOrdered: it.qty,
      QuantityShipped: it.shipped ?? 0,
      IsGift: 'false',
    };
    // While an order is Pending Amazon leaves out every price, tax and promotion field (§2.3).
    if (PRICED(status)) {
      item.ItemPrice = money(it.itemPrice);
      item.ItemTax = money(it.tax ?? '0.00');
      if (it.shipping) item.ShippingPrice = money(it.shipping);
      if (it.promotion) item.PromotionDiscount = money(it.promotion);
    }
    if (it.cancelReason) item.BuyerRequestedCancel = { IsBuyerRequestedCancel: 'true', BuyerCancelReason: it.cancelReason };
    return item;
  });
  const json: Record<string, unknown> = {
    AmazonOrderId: id,
    PurchaseDate: iso(createdAt),
    LastUpdateDate: iso(now),
    OrderStatus: status,
    FulfillmentChannel: spec.channel ?? 'MFN',
    SalesChannel: 'Amazon.com',
    ShipServiceLevel: 'Std US D2D Dom',
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: unshipped,
    PaymentMethod: spec.paymentMethod ?? 'Other',
    MarketplaceId: marketplaceId,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: iso(createdAt + 86_400_000),
    LatestShipDate: iso(createdAt + 2 * 86_400_000),
    IsBusinessOrder: false,
    IsPrime: false,
    IsReplacementOrder: false,
  };
  if (PRICED(status)) json.OrderTotal = money(spec.total ?? minorToDecimal(total, currency));
  // Without a Restricted Data Token only these address parts are visible (§2.2).
  if (HAS_ADDRESS.has(status)) json.ShippingAddress = spec.address ?? { City: 'SEATTLE', StateOrRegion: 'WA', PostalCode: '98121-2778', CountryCode: 'US' };
  return { id, marketplaceId, channel: spec.channel ?? 'MFN', status, createdAt, updatedAt: now, json, items };
}
