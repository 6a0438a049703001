import type { ShopStore } from '../shops/shop-store.js';
import type { EventBus } from '../transport/event-bus.js';
import type { SyncEngine, SyncRunResult } from './engine.js';
import type { Outbox } from './outbox.js';
import type { AdapterRegistry } from './registry.js';

export const DEFAULT_INTERVAL_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Polls every syncable shop on its own schedule (default every 30 s), one run per shop at a time, backing off after
 * failures (30 s, 1 min, 2 min … 10 min), and sends due write-backs from the outbox on the same beat. A run can be
 * started by hand (the sync button, `shopdesk sync`) and cancelled; cancelling keeps the cursor where the last stored
 * page left it.
 */
export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<number, { controller: AbortController; done: Promise<SyncRunResult> }>();
  private sending: Promise<unknown> | null = null;
  private readonly stopController = new AbortController();

  constructor(
    private readonly engine: SyncEngine,
    private readonly shops: ShopStore,
    private readonly outbox: Outbox,
    private readonly adapters: AdapterRegistry,
    private readonly events: EventBus,
    private readonly now: () => number,
    private readonly tickMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref?.();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopController.abort(new Error('stopping'));
    for (const r of this.running.values()) r.controller.abort(new Error('stopping'));
    await Promise.allSettled([...[...this.running.values()].map((r) => r.done), this.sending]);
  }

  isRunning(shopId: number): boolean {
    return this.running.has(shopId);
  }

  private tick(): void {
    const now = this.now();
    for (const shopId of this.shops.syncable()) {
      if (this.running.has(shopId)) continue;
      const next = this.engine.state.get(shopId).next_run_at;
      if (next === null || next <= now) void this.run(shopId);
    }
    if (!this.sending) {
      this.sending = this.outbox.sendDue(this.stopController.signal).finally(() => (this.sending = null));
    }
  }

  /** Runs one shop now (or joins the run already going). */
  run(shopId: number): Promise<SyncRunResult> {
    const existing = this.running.get(shopId);
    if (existing) return existing.done;
    const controller = new AbortController();
    this.events.emit('sync.progress', { shopId, phase: 'started', pages: 0, orders: 0 });
    const done = this.engine.runShop(shopId, controller.signal).then((result) => {
      const interval = Math.max(this.shops.syncIntervalMs(shopId, DEFAULT_INTERVAL_MS), this.minIntervalMs(shopId));
      const now = this.now();
      if (result.error) {
        const failures = this.engine.state.get(shopId).consecutive_failures;
        const wait = Math.min(MAX_BACKOFF_MS, interval * 2 ** failures);
        this.engine.state.failed(shopId, result.error.message, result.error.kind, now + wait);
      } else if (!result.cancelled) this.engine.state.succeeded(shopId, now, now + interval);
      else this.engine.state.schedule(shopId, now + interval);
      const orders = result.created + result.updated + result.unchanged;
      const phase = result.error ? 'failed' : result.cancelled ? 'cancelled' : 'done';
      this.events.emit('sync.progress', { shopId, phase, pages: result.pages, orders, ...(result.error ? { note: result.error.message } : {}) });
      return result;
    });
    const entry = { controller, done: done.finally(() => this.running.delete(shopId)) };
    this.running.set(shopId, entry);
    return entry.done;
  }

  private minIntervalMs(shopId: number): number {
    return this.adapters.get(this.shops.info(shopId).platform)?.minPollIntervalMs ?? 0;
  }

  cancel(shopId: number): boolean {
    const r = this.running.get(shopId);
    r?.controller.abort(new Error('cancelled by the user'));
    return Boolean(r);
  }
}
