import type { DB } from '../store/db.js';

export interface SyncStateRow {
  shop_id: number;
  watermark: number | null;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_kind: string | null;
  consecutive_failures: number;
  orders_seen: number;
  next_run_at: number | null;
  after_sales_watermark: number | null;
}

/** Per-shop cursor and health. The watermark only ever moves forward, and only in the transaction that stored the data. */
export class SyncStateStore {
  constructor(private readonly db: DB) {}

  get(shopId: number): SyncStateRow {
    this.db.prepare('INSERT OR IGNORE INTO sync_state (shop_id) VALUES (?)').run(shopId);
    return this.db.prepare('SELECT * FROM sync_state WHERE shop_id = ?').get(shopId) as SyncStateRow;
  }

  all(): SyncStateRow[] {
    return this.db.prepare('SELECT * FROM sync_state').all() as SyncStateRow[];
  }

  /** Call inside the page's transaction. */
  advance(shopId: number, watermark: number, ordersSeen: number): void {
    this.db
      .prepare('UPDATE sync_state SET watermark = max(coalesce(watermark, 0), ?), orders_seen = orders_seen + ? WHERE shop_id = ?')
      .run(watermark, ordersSeen, shopId);
  }

  /** The after-sales listing's own cursor; call inside the page's transaction. */
  advanceAfterSales(shopId: number, watermark: number): void {
    this.db.prepare('UPDATE sync_state SET after_sales_watermark = max(coalesce(after_sales_watermark, 0), ?) WHERE shop_id = ?').run(watermark, shopId);
  }

  /** Orders read, without moving the cursor (pages whose order is not guaranteed). */
  countSeen(shopId: number, ordersSeen: number): void {
    this.db.prepare('UPDATE sync_state SET orders_seen = orders_seen + ? WHERE shop_id = ?').run(ordersSeen, shopId);
  }

  attempt(shopId: number, at: number): void {
    this.get(shopId);
    this.db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE shop_id = ?').run(at, shopId);
  }

  succeeded(shopId: number, at: number, nextRunAt: number): void {
    this.db
      .prepare('UPDATE sync_state SET last_success_at = ?, last_error = NULL, last_error_kind = NULL, consecutive_failures = 0, next_run_at = ? WHERE shop_id = ?')
      .run(at, nextRunAt, shopId);
  }

  failed(shopId: number, message: string, kind: string, nextRunAt: number): void {
    this.db
      .prepare('UPDATE sync_state SET last_error = ?, last_error_kind = ?, consecutive_failures = consecutive_failures + 1, next_run_at = ? WHERE shop_id = ?')
      .run(message, kind, nextRunAt, shopId);
  }

  schedule(shopId: number, nextRunAt: number): void {
    this.get(shopId);
    this.db.prepare('UPDATE sync_state SET next_run_at = ? WHERE shop_id = ?').run(nextRunAt, shopId);
  }
}

/** Splits [from, to) into windows no longer than maxMs, oldest first. */
export function chunkWindows(from: number, to: number, maxMs: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let start = from; start < to; start += maxMs) out.push({ from: start, to: Math.min(to, start + maxMs) });
  return out;
}
