import type { EventBus } from '../transport/event-bus.js';
import type { AuditEngine, RunOutcome } from './engine.js';

export const DEBOUNCE_MS = 200;
export const TICK_MS = 30_000;

export interface RunnerOptions {
  now: () => number;
  log: (msg: string) => void;
  debounceMs?: number;
  tickMs?: number;
}

/**
 * When the audit runs in the background: shortly after orders change (sync, import, a manual order — debounced so a
 * burst of pages is one run), after rules change, and every 30 s (which also lets go of holds whose time came and
 * looks again at orders waiting for the audit's own reasons). Runs never overlap: they queue one behind another.
 */
export class AuditRunner {
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private queued = false;
  private stopped = false;
  /** True while this runner emits, so its own 'orders.changed' does not wake it again. */
  private emitting = false;

  constructor(
    private readonly engine: AuditEngine,
    private readonly events: EventBus,
    private readonly opts: RunnerOptions,
  ) {}

  get started(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.unsubscribe = this.events.subscribe((name) => {
      if (name === 'orders.changed' && !this.emitting) this.trigger();
    });
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs ?? TICK_MS);
    this.timer.unref?.();
    void this.tick(); // catch up with what changed while the app was closed
  }

  /** Stops the timers; the run going on stops after its current batch. */
  stopNow(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = this.debounce = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  async stop(): Promise<void> {
    this.stopNow();
    await this.chain.catch(() => undefined);
  }

  /** Something changed: audit what needs it soon (background only; one-shot commands audit with `audit --run`). */
  trigger(): void {
    if (!this.started || this.stopped) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.runChanged().catch((e: unknown) => this.opts.log(`audit run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    }, this.opts.debounceMs ?? DEBOUNCE_MS);
    this.debounce.unref?.();
  }

  /** The timer's beat: release holds whose time came, then audit changed and stale orders. */
  async tick(): Promise<RunOutcome | null> {
    try {
      const released = this.engine.releaseDue(this.opts.now());
      if (released.length) this.emit(released);
      return await this.enqueue(() => [...new Set([...this.engine.changed(), ...this.engine.stale(this.opts.now())])]);
    } catch (e) {
      this.opts.log(`audit tick failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return null;
    }
  }

  /** Audits the orders that changed since their last audit (joins a run already queued). */
  runChanged(): Promise<RunOutcome | null> {
    return this.enqueue(() => this.engine.changed());
  }

  /** Audits every order not yet printed, after any run going on. */
  runAll(): Promise<RunOutcome> {
    return this.enqueue(() => this.engine.all(), true) as Promise<RunOutcome>;
  }

  private enqueue(ids: () => number[], always = false): Promise<RunOutcome | null> {
    // One "changed" run waiting is enough: it reads the ids when it starts, so it sees every change before then.
    if (!always && this.queued) return this.chain.then(() => null);
    if (!always) this.queued = true;
    const next = this.chain.then(async () => {
      if (!always) this.queued = false;
      if (this.stopped && !always) return null;
      const r = await this.engine.run(ids(), () => this.stopped);
      if (r.changedIds.length) this.emit(r.changedIds);
      return r;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private emit(ids: number[]): void {
    this.emitting = true;
    try {
      this.events.emit('orders.changed', ids.length <= 1000 ? { ids } : {});
      this.events.emit('audit.changed', {});
    } finally {
      this.emitting = false;
    }
  }
}
