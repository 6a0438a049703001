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
}

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
}
