import type { Platform } from '../../shared/domain/ids.js';
import type { NormalizedOrder } from '../orders/model.js';
import type { HttpClient } from './http.js';

/** What an adapter knows of the shop it syncs. Credentials arrive decrypted, in memory only, never logged. */
export interface ShopContext {
  shopId: number;
  platform: Platform;
  name: string;
  /** Platform-specific, validated by the adapter's own credentialsSchema. */
  credentials: Record<string, string>;
  /** Replaces scheme+host of every endpoint, token endpoints too (tests → simulators); null in production. */
  baseUrl: string | null;
}

export interface AdapterContext {
  shop: ShopContext;
  http: HttpClient;
  /** The engine's clock (epoch ms); tests drive it. */
  now: () => number;
  signal: AbortSignal;
  /** Persist credentials the platform rotated (e.g. a new refresh token); encrypted by the engine. */
  saveCredentials(next: Record<string, string>): void;
  /** Progress / waiting notes for the sync panel ("throttled, waiting 2 s"). */
  note(message: string): void;
}

/** An order the adapter could not turn into a NormalizedOrder: stored as an error, the rest of the page goes on. */
export interface MappingError {
  platformOrderId: string | null;
  message: string;
  /** The platform's payload for this order, kept for debugging. */
  raw: string;
}

export interface AdapterPage {
  orders: NormalizedOrder[];
  errors: MappingError[];
  /**
   * For platforms that list in ascending update order (Shopify sortKey UPDATED_AT): every order updated before this
   * time has now been returned, so the cursor may move here once the page is stored. Omit when the order is not
   * guaranteed; the engine then advances only at the end of the window.
   */
  watermark?: number;
}

/** A time window [from, to) in epoch ms. */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface ShipmentWriteBack {
  platformOrderId: string;
  carrier: string; // ShopDesk carrier code (SF, YTO, UPS…); the adapter maps it to the platform's own
  trackingNo: string;
  shippedAt: number;
  /** Lines shipped (platform line ids and quantities); all lines when the whole order ships. */
  lines: { platformLineId: string | null; platformSku: string | null; qty: number }[];
  /**
   * The platform's own company code for `carrier`, resolved by the outbox from the seller's overrides and the
   * built-in table (main/sync/carrier-codes.ts). Adapters use it when given and fall back to the table otherwise.
   */
  platformCarrierCode?: string;
}

/** What kind of after-sale a platform case is, across platforms. */
export type AfterSaleKind = 'refund_only' | 'return_refund' | 'exchange' | 'reship' | 'repair' | 'price_protect' | 'other';

/**
 * Where a case stands, across platforms: requested (waiting for the seller), in_progress (agreed, goods or money on
 * the way), succeeded (refunded / exchanged / re-shipped), rejected (seller or platform refused, closed) or
 * cancelled (the buyer withdrew it, or it expired).
 */
export type AfterSaleState = 'requested' | 'in_progress' | 'succeeded' | 'rejected' | 'cancelled';

/** One after-sales case (refund, return, exchange…) as an adapter hands it to the store. */
export interface NormalizedAfterSale {
  shopId: number;
  platform: Platform;
  platformAfterSaleId: string;
  platformOrderId: string;
  /** The sub-order / line it concerns, when the platform says; null for the whole order. */
  platformLineId?: string | null;
  platformSku?: string | null;
  kind: AfterSaleKind;
  state: AfterSaleState;
  /** The platform's status, verbatim (e.g. WAIT_SELLER_AGREE, 6, 10). */
  platformStatus: string;
  /** Amount the buyer asks for / was refunded, in minor units. */
  refundMinor: number;
  currency: string;
  qty?: number | null;
  reason?: string | null;
  returnCarrier?: string | null;
  returnTrackingNo?: string | null;
  requestedAt: number;
  platformUpdatedAt: number;
  raw?: { format: string; payload: string };
}

export interface AfterSalePage {
  afterSales: NormalizedAfterSale[];
  errors: MappingError[];
}

/** Why an address is being decrypted; recorded with each decryption. Printing a waybill is the usual one. */
export type PiiPurpose = 'print_waybill' | 'after_sales' | 'customer_care';

export interface PiiRequest {
  platformOrderId: string;
  /** What the adapter stored in NormalizedOrder.piiRef for this order (an OAID, ciphertexts…). */
  ref: Record<string, string>;
}

/** A decrypted address: held in memory for the label and never written to the database. */
export interface RevealedAddress {
  name: string;
  phone: string;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  town?: string | null;
  address1: string;
  postcode?: string | null;
  /** The phone is a platform privacy number (e.g. 188xxxx1111-123): print it as given. */
  virtualPhone?: boolean;
  /** When the platform says the privacy number stops working (epoch ms). */
  expiresAt?: number | null;
}

/** Per order: the address, or why the platform would not decrypt it (stale OAID, order closed…). */
export type PiiResult = { ok: true; address: RevealedAddress } | { ok: false; message: string; platformCode?: string };

/** 'done': applied now; 'already': the platform already had this shipment with the same tracking (success too). */
export type WriteBackResult = 'done' | 'already';

/**
 * One platform's protocol. Adapters are stateless apart from caches keyed by shop (e.g. an LWA access token), talk
 * only through ctx.http (so tests point them at simulators), and throw PlatformError with the right kind.
 */
export interface PlatformAdapter {
  platform: Platform;
  /** Longest window one listing may cover (the engine chunks longer ranges). */
  maxWindowMs: number;
  /** How far before the cursor each poll starts again (late-indexed updates). */
  overlapMs: number;
  /** How far behind now a window must end (Amazon: LastUpdatedBefore ≥ 2 min in the past). */
  settleMs: number;
  /** First sync reaches this far back. */
  initialLookbackMs: number;
  /** Polls no more often than this, whatever the shop's setting (a platform's sustained rate limit). */
  minPollIntervalMs?: number;
  /** Checks a credentials object and says which field is wrong; returns the cleaned value. */
  parseCredentials(input: unknown): Record<string, string>;
  /** Orders updated within the window, page by page, in the platform's advised paging order. */
  listUpdated(window: TimeWindow, ctx: AdapterContext): AsyncIterable<AdapterPage>;
  /** Writes a shipment (tracking) back; idempotent: the same tracking twice is 'already', not an error. */
  confirmShipment(req: ShipmentWriteBack, ctx: AdapterContext): Promise<WriteBackResult>;
  /**
   * After-sales cases updated within the window, page by page (platforms with a separate after-sales listing:
   * Taobao refunds.receive.get, Douyin afterSale.List, PDD refund increment…). Uses the same window limits.
   */
  listAfterSales?(window: TimeWindow, ctx: AdapterContext): AsyncIterable<AfterSalePage>;
  /**
   * Decrypts buyers' addresses through the platform's own call, in the batches it allows, for the given purpose.
   * Only for platforms that hand out masked/encrypted PII (Taobao OAID, Douyin, PDD, JD, Kuaishou). Each result
   * is keyed by platformOrderId.
   */
  decryptAddresses?(reqs: readonly PiiRequest[], purpose: PiiPurpose, ctx: AdapterContext): Promise<Map<string, PiiResult>>;
}
