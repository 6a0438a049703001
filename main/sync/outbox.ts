import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { ShopStore } from '../shops/shop-store.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import type { AdapterContext, ShipmentWriteBack } from './adapter.js';
import { CarrierCodeStore } from './carrier-codes.js';
import { describeFailure } from './engine.js';
import type { HttpClient } from './http.js';
import { PlatformError } from './platform-error.js';
import type { AdapterRegistry } from './registry.js';
import { backoffMs, DEFAULT_RETRY } from './retry.js';

export interface OutboxItem {
  id: number;
  shopId: number;
  orderId: number | null;
  kind: 'ship';
  state: 'pending' | 'sending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  result: string | null;
  createdAt: number;
  doneAt: number | null;
  payload: ShipmentWriteBack;
}

interface Row {
  id: number;
  shop_id: number;
  order_id: number | null;
  kind: 'ship';
  state: OutboxItem['state'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  result: string | null;
  created_at: number;
  done_at: number | null;
  payload: string;
}

const toItem = (r: Row): OutboxItem => ({
  id: r.id,
  shopId: r.shop_id,
  orderId: r.order_id,
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  result: r.result,
  createdAt: r.created_at,
  doneAt: r.done_at,
  payload: JSON.parse(r.payload) as ShipmentWriteBack,
});

/** Retries after this many attempts stop by themselves; the item shows as failed and a person can retry it. */
const MAX_ATTEMPTS = 12;

/**
 * Write-backs to the platforms, durable in SQLite. A job is queued in the same transaction as the change it reports
 * (the order marked shipped), so neither can exist without the other; it is sent with retries and backoff, survives
 * restarts and offline days, and "already shipped with this tracking" counts as success. Nothing is sent twice on
 * purpose, and a job interrupted mid-send is simply sent again: the adapters' write-backs are idempotent.
 */
export class Outbox {
  constructor(
    private readonly db: DB,
    private readonly shops: ShopStore,
    private readonly adapters: AdapterRegistry,
    private readonly events: EventBus,
    private readonly log: EventLog,
    private readonly http: HttpClient,
    private readonly now: () => number,
    private readonly carrierCodes = new CarrierCodeStore(db),
  ) {
    // A job left 'sending' by a crash goes back to the queue.
    db.prepare("UPDATE outbox SET state = 'pending' WHERE state = 'sending'").run();
  }

  /** Call inside the transaction that made the change. Returns the job id (an existing one for the same fact). */
  enqueueShipment(shopId: number, orderId: number, wb: ShipmentWriteBack, at = this.now()): number {
    const key = `ship:${shopId}:${wb.platformOrderId}:${wb.trackingNo}`;
    this.db
      .prepare(
        `INSERT INTO outbox (shop_id, order_id, kind, dedupe_key, payload, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, 'ship', ?, ?, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING`,
      )
      .run(shopId, orderId, key, JSON.stringify(wb), at, at, at);
    return (this.db.prepare('SELECT id FROM outbox WHERE dedupe_key = ?').get(key) as { id: number }).id;
  }

  list(filter: { state?: OutboxItem['state']; orderId?: number; limit?: number } = {}): OutboxItem[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.state) {
      where.push('state = ?');
      params.push(filter.state);
    }
    if (filter.orderId) {
      where.push('order_id = ?');
      params.push(filter.orderId);
    }
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, filter.limit ?? 200) as Row[]).map(toItem);
  }

  /** A person asks to try a failed (or waiting) job now. */
  retry(id: number, actor: string): OutboxItem {
    const r = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new AppError('not_found', `write-back ${id} does not exist`, { id });
    if (r.state === 'done') throw new AppError('conflict', `write-back ${id} is already done`, { id });
    this.db.prepare("UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?").run(this.now(), this.now(), id);
    this.log.record({ actor, entity: 'outbox', entityId: id, action: 'retry_requested' });
    this.events.emit('outbox.changed', { ids: [id] });
    return toItem(this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row);
  }

  /** Sends every due job once; returns how many were attempted. */
  async sendDue(signal: AbortSignal, limit = 20): Promise<number> {
    const due = this.db.prepare("SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?").all(this.now(), limit) as Row[];
    for (const r of due) {
      if (signal.aborted) break;
      await this.sendOne(r, signal);
    }
    return due.length;
  }

  private async sendOne(r: Row, signal: AbortSignal): Promise<void> {
    const shop = this.shops.info(r.shop_id);
    this.db.prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(this.now(), r.id);
    const wb = JSON.parse(r.payload) as ShipmentWriteBack;
    try {
      const adapter = this.adapters.require(shop.platform);
      const ctx: AdapterContext = {
        shop: this.shops.context(r.shop_id),
        http: this.http,
        now: this.now,
        signal,
        saveCredentials: (next) => this.shops.saveCredentials(r.shop_id, next),
        note: () => {},
      };
      // Resolved at send time, so an override the seller adds after a failure is used by the retry.
      const platformCarrierCode = this.carrierCodes.resolve(shop.platform, wb.carrier) ?? undefined;
      const outcome = await adapter.confirmShipment(platformCarrierCode ? { ...wb, platformCarrierCode } : wb, ctx);
      this.db.transaction(() => {
        const at = this.now();
        this.db.prepare("UPDATE outbox SET state = 'done', result = ?, last_error = NULL, done_at = ?, updated_at = ? WHERE id = ?").run(outcome, at, at, r.id);
        if (r.order_id) {
          this.db.prepare("UPDATE orders SET workflow = 'written_back', updated_at = ? WHERE id = ? AND workflow = 'shipped'").run(at, r.order_id);
          this.log.record({ at, actor: `sync:${shop.platform}`, entity: 'order', entityId: r.order_id, action: 'written_back', reason: outcome === 'already' ? 'already on the platform' : null, data: { trackingNo: wb.trackingNo } });
        }
      })();
    } catch (e) {
      const attempts = r.attempts + 1;
      const retryable = e instanceof PlatformError ? e.retryable : !(e instanceof AppError);
      const { message } = describeFailure(shop.name, shop.platform, e);
      const giveUp = !retryable || attempts >= MAX_ATTEMPTS;
      const wait = backoffMs(attempts, { ...DEFAULT_RETRY, maxDelayMs: 30 * 60_000 }, e instanceof PlatformError ? e.details.retryAfterMs : undefined);
      this.db
        .prepare('UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?')
        .run(giveUp ? 'failed' : 'pending', message, this.now() + Math.max(1000, wait), this.now(), r.id);
    }
    this.events.emit('outbox.changed', { ids: [r.id] });
    if (r.order_id) this.events.emit('orders.changed', { ids: [r.order_id] }); // an open drawer shows "written back"
  }
}
