import { AppError } from '../../shared/errors.js';
import { AfterSaleWriter } from '../aftersales/writer.js';
import type { EventLog } from '../history/events.js';
import type { OrderWriter } from '../orders/ingest.js';
import type { ShopStore } from '../shops/shop-store.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import type { AdapterContext, AdapterPage, PlatformAdapter } from './adapter.js';
import { prefetchBatches } from './batches.js';
import type { HttpClient } from './http.js';
import { PlatformError } from './platform-error.js';
import type { AdapterRegistry } from './registry.js';
import { chunkWindows, SyncStateStore } from './sync-state.js';

/** Orders per transaction at most when pages queue up: big enough to amortize a commit, small enough to stay brief. */
export const GROUP_COMMIT_ORDERS = 2000;
const pageWeight = (p: AdapterPage) => Math.max(1, p.orders.length + p.errors.length);

export interface SyncRunResult {
  shopId: number;
  windows: number;
  pages: number;
  created: number;
  updated: number;
  unchanged: number;
  mappingErrors: number;
  /** After-sales cases read (platforms that list them apart from orders). */
  afterSales: { created: number; updated: number; unchanged: number };
  watermark: number | null;
  cancelled: boolean;
  error: { kind: string; message: string } | null;
}

export interface SyncEngineDeps {
  db: DB;
  writer: OrderWriter;
  shops: ShopStore;
  adapters: AdapterRegistry;
  events: EventBus;
  log: EventLog;
  http: HttpClient;
  now: () => number;
}

/** A plain sentence naming the shop and platform, for the health panel and the log. */
export function describeFailure(shopName: string, platform: string, e: unknown): { kind: string; message: string } {
  if (e instanceof PlatformError) {
    const code = e.details.platformCode ? ` (${e.details.platformCode})` : '';
    const lead: Record<string, string> = {
      auth: 'the platform refused the shop’s credentials',
      throttled: 'the platform kept asking us to slow down',
      server: 'the platform’s servers kept failing',
      network: 'the platform could not be reached',
      bad_request: 'the platform rejected a request',
      not_found: 'the platform did not find what was asked for',
      already_done: 'the platform says this was already done',
    };
    return { kind: e.kind, message: `${shopName} (${platform}): ${lead[e.kind]}${code}: ${e.message}` };
  }
  if (e instanceof AppError) return { kind: e.code, message: `${shopName} (${platform}): ${e.message}` };
  return { kind: 'internal', message: `${shopName} (${platform}): ${e instanceof Error ? e.message : String(e)}` };
}

/**
 * Pulls one shop's changed orders: from the cursor (less the adapter's overlap) to now (less its settle time),
 * chunked to the platform's window limit, page by page as the adapter lists them. Each page is stored whole, in one
 * transaction together with its cursor move, so a crash or a cancel between pages loses nothing and re-reads at
 * most one window (upserts are idempotent). The next page is fetched while one is stored, and pages that arrive
 * faster than they are stored share a transaction (group commit, up to GROUP_COMMIT_ORDERS orders). Orders the adapter could not map are kept as errors; the page's other
 * orders are stored (design choice: one bad order must not stall a shop's whole sync).
 */
export class SyncEngine {
  readonly state: SyncStateStore;
  private readonly afterSaleWriter: AfterSaleWriter;
  constructor(private readonly d: SyncEngineDeps) {
    this.state = new SyncStateStore(d.db);
    this.afterSaleWriter = new AfterSaleWriter(d.db, d.log);
  }

  async runShop(shopId: number, signal: AbortSignal, onProgress?: (p: { windowIndex: number; windows: number; pages: number; orders: number }) => void): Promise<SyncRunResult> {
    const { db, shops, adapters, writer, now } = this.d;
    const shop = shops.info(shopId);
    const adapter = adapters.require(shop.platform);
    const started = now();
    this.state.attempt(shopId, started);
    const cur = this.state.get(shopId);
    const to = started - adapter.settleMs;
    const from = cur.watermark !== null ? cur.watermark - adapter.overlapMs : started - adapter.initialLookbackMs;
    const windows = chunkWindows(from, to, adapter.maxWindowMs);
    const result: SyncRunResult = { shopId, windows: windows.length, pages: 0, created: 0, updated: 0, unchanged: 0, mappingErrors: 0, afterSales: { created: 0, updated: 0, unchanged: 0 }, watermark: cur.watermark, cancelled: false, error: null };
    const ctx: AdapterContext = {
      shop: shops.context(shopId),
      http: this.d.http,
      now,
      signal,
      saveCredentials: (next) => shops.saveCredentials(shopId, next),
      note: (message) => this.d.events.emit('sync.progress', { shopId, phase: 'waiting', note: message, pages: result.pages, orders: result.created + result.updated + result.unchanged }),
    };
    const insertError = db.prepare('INSERT INTO sync_errors (shop_id, platform_order_id, message, raw, at) VALUES (?, ?, ?, ?, ?)');
    try {
      for (const [i, w] of windows.entries()) {
        for await (const batch of prefetchBatches(adapter.listUpdated(w, ctx), pageWeight, GROUP_COMMIT_ORDERS)) {
          const changed: number[] = [];
          db.transaction(() => {
            const at = now();
            for (const page of batch) {
              for (const o of page.orders) {
                if (o.shopId !== shopId) throw new AppError('internal', `adapter returned an order for shop ${o.shopId} while syncing shop ${shopId}`);
                const [outcome, id] = writer.upsertOne(o, `sync:${shop.platform}`, at);
                result[outcome]++;
                if (outcome !== 'unchanged') changed.push(id);
              }
              // Adapters name the order in their message; the shop and platform are added here.
              for (const e of page.errors) insertError.run(shopId, e.platformOrderId, `${shop.name} (${shop.platform}): ${e.message}`, e.raw, at);
              result.mappingErrors += page.errors.length;
              if (page.watermark !== undefined) this.state.advance(shopId, Math.min(page.watermark, w.to), page.orders.length);
              else this.state.countSeen(shopId, page.orders.length);
            }
          })();
          result.pages += batch.length;
          if (changed.length) this.d.events.emit('orders.changed', { ids: changed.slice(0, 1000) });
          onProgress?.({ windowIndex: i, windows: windows.length, pages: result.pages, orders: result.created + result.updated + result.unchanged });
          this.d.events.emit('sync.progress', { shopId, phase: 'paging', pages: result.pages, orders: result.created + result.updated + result.unchanged });
          if (signal.aborted) break;
        }
        if (signal.aborted) {
          result.cancelled = true;
          break;
        }
        // The whole window is stored: the cursor may move to its end.
        db.transaction(() => this.state.advance(shopId, w.to, 0))();
      }
      if (!result.cancelled && adapter.listAfterSales) await this.syncAfterSales(adapter, shopId, shop.name, started, to, ctx, signal, result, insertError);
    } catch (e) {
      if (signal.aborted) result.cancelled = true;
      else result.error = describeFailure(shop.name, shop.platform, e);
    }
    result.watermark = this.state.get(shopId).watermark;
    return result;
  }

  /**
   * The after-sales listing, after the orders (so most cases find their order already stored), with its own cursor
   * moved in the same transaction as each stored page, exactly like the orders'.
   */
  private async syncAfterSales(
    adapter: PlatformAdapter,
    shopId: number,
    shopName: string,
    started: number,
    to: number,
    ctx: AdapterContext,
    signal: AbortSignal,
    result: SyncRunResult,
    insertError: { run: (...a: unknown[]) => unknown },
  ): Promise<void> {
    const { db, now } = this.d;
    const list = adapter.listAfterSales;
    if (!list) return;
    const wm = this.state.get(shopId).after_sales_watermark;
    const from = wm !== null ? wm - adapter.overlapMs : started - adapter.initialLookbackMs;
    for (const w of chunkWindows(from, to, adapter.maxWindowMs)) {
      for await (const page of list.call(adapter, w, ctx)) {
        const touched: number[] = [];
        db.transaction(() => {
          const at = now();
          for (const a of page.afterSales) {
            if (a.shopId !== shopId) throw new AppError('internal', `adapter returned an after-sale for shop ${a.shopId} while syncing shop ${shopId}`);
            const [outcome, orderId] = this.afterSaleWriter.upsertOne(a, `sync:${a.platform}`, at);
            result.afterSales[outcome]++;
            if (outcome !== 'unchanged' && orderId !== null) touched.push(orderId);
          }
          for (const e of page.errors) insertError.run(shopId, e.platformOrderId, `${shopName} (${adapter.platform}): ${e.message}`, e.raw, at);
          result.mappingErrors += page.errors.length;
        })();
        result.pages++;
        if (touched.length) this.d.events.emit('orders.changed', { ids: touched.slice(0, 1000) });
        if (signal.aborted) break;
      }
      if (signal.aborted) {
        result.cancelled = true;
        return;
      }
      db.transaction(() => this.state.advanceAfterSales(shopId, w.to))();
    }
  }
}
