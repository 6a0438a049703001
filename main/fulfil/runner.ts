import type { EventBus } from '../transport/event-bus.js';
import { sweepBlocked, type Fulfil } from './services.js';
import type { Who } from './who.js';

const SYSTEM: Who = { actor: 'system:fulfil' };

/**
 * Keeps stock in step with the queue in the background: after orders change (the audit approving them, a sync
 * bringing a refund), and every 30 s, it releases what orders that must not ship still hold, recycles their
 * unprinted waybill numbers, and reserves stock for approved orders in priority order. Runs never overlap.
 */
export class FulfilRunner {
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private stopped = false;
  /** Its own 'orders.changed' must not wake it again. */
  private emitting = false;

  constructor(
    private readonly fulfil: Fulfil,
    private readonly events: EventBus,
    private readonly log: (msg: string) => void,
    private readonly opts: { debounceMs?: number; tickMs?: number } = {},
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.unsubscribe = this.events.subscribe((name) => {
      if (name === 'orders.changed' && !this.emitting) this.trigger();
    });
    this.timer = setInterval(() => this.trigger(), this.opts.tickMs ?? 30_000);
    this.timer.unref?.();
    this.trigger();
  }

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
    await this.running;
  }

  private trigger(): void {
    if (this.stopped) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      if (this.busy) {
        this.again = true; // one more pass after this one sees everything that changed meanwhile
        return;
      }
      this.running = this.pass();
    }, this.opts.debounceMs ?? 300);
    this.debounce.unref?.();
  }

  /** One pass: release, then allocate; an error is logged and the next pass tries again. */
  async pass(): Promise<void> {
    this.busy = true;
    try {
      do {
        this.again = false;
        const swept = await sweepBlocked(this.fulfil, SYSTEM);
        if (this.stopped) return;
        const allocated = this.fulfil.allocator.run({}, SYSTEM);
        const changed = swept.released.released + swept.recycled.recycled + allocated.allocated + allocated.rereserved + allocated.carriersChosen;
        if (changed > 0) this.emit();
      } while (this.again && !this.stopped);
    } catch (e) {
      this.log(`stock allocation failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      this.busy = false;
    }
  }

  private emit(): void {
    this.emitting = true;
    try {
      this.events.emit('orders.changed', {});
    } finally {
      this.emitting = false;
    }
  }
}
