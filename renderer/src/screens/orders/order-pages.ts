import type { OrderRow } from '../../../../shared/domain/order.js';
import { api } from '../../api/client.js';
import { asApiError, type ApiError } from '../../api/errors.js';
import type { ListQuery } from '../../state/orders-view.js';

export const PAGE_SIZE = 200;
/** At most this many pages (40 × 200 rows) stay in memory; the ones farthest from the viewport go first. */
const MAX_PAGES = 40;
/**
 * Requests on the wire at once. Main answers one at a time anyway; keeping the rest queued here lets a fast scroll
 * drop the pages it has already passed instead of making main compute them.
 */
const MAX_ACTIVE = 2;

/**
 * The rows of one view (tab + filters + sort), fetched page by page by offset as the list scrolls. A new view gets a
 * new instance, so a late answer for an old view can never land in the new one.
 */
export class OrderPages {
  private readonly pages = new Map<number, OrderRow[]>();
  /** Latest request generation per page: an answer older than the page's latest request is dropped. */
  private readonly requested = new Map<number, number>();
  private readonly inFlight = new Set<number>();
  /** Wanted but not sent yet, in the order they were asked for. */
  private queued: number[] = [];
  private readonly failed = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private disposed = false;
  private focus = { first: 0, last: 0 };

  total: number | null = null;
  error: ApiError | null = null;
  /** Changes on every update, for useSyncExternalStore. */
  version = 0;

  constructor(private readonly query: ListQuery) {
    this.queued.push(0);
    this.pump();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  row(index: number): OrderRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Makes sure the pages covering rows first..last are loaded or loading; pages scrolled past are no longer asked for. */
  ensure(first: number, last: number): void {
    this.focus = { first, last };
    const wanted = this.pagesAround(first, last);
    this.queued = this.queued.filter((p) => wanted.has(p));
    for (const p of wanted) {
      if (this.total !== null && p * PAGE_SIZE >= this.total) break;
      if (!this.pages.has(p) && !this.inFlight.has(p) && !this.failed.has(p) && !this.queued.includes(p)) this.queued.push(p);
    }
    this.pump();
  }

  /**
   * Something changed in main: keep showing what we have (no flash of skeletons), refetch the pages on screen, and
   * forget the rest so they are fetched fresh when scrolled to.
   */
  refresh(): void {
    this.generation++;
    this.failed.clear();
    this.error = null;
    const keep = this.pagesAround(this.focus.first, this.focus.last);
    for (const p of [...this.pages.keys()]) if (!keep.has(p)) this.pages.delete(p);
    // Answers to requests made before the change are dropped (their generation no longer matches).
    this.requested.clear();
    this.inFlight.clear();
    this.queued = [...keep];
    if (this.total === null && !keep.has(0)) this.queued.unshift(0);
    this.pump();
  }

  /** After an error: try the failed pages again. */
  retry(): void {
    this.failed.clear();
    this.error = null;
    if (this.total === null && !this.queued.includes(0)) this.queued.push(0);
    this.ensure(this.focus.first, this.focus.last);
    this.emit();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private pagesAround(first: number, last: number): Set<number> {
    const s = new Set<number>();
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) s.add(p);
    return s;
  }

  private pump(): void {
    while (!this.disposed && this.inFlight.size < MAX_ACTIVE) {
      const page = this.queued.shift();
      if (page === undefined) return;
      this.fetch(page);
    }
  }

  private fetch(page: number): void {
    const gen = this.generation;
    this.requested.set(page, gen);
    this.inFlight.add(page);
    api
      .invoke('orders.list', { ...this.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((res) => {
        if (this.disposed || this.requested.get(page) !== gen) return;
        this.inFlight.delete(page);
        this.pages.set(page, res.rows);
        this.total = res.total;
        this.evict();
        this.emit();
        this.pump();
      })
      .catch((e: unknown) => {
        if (this.disposed || this.requested.get(page) !== gen) return;
        this.inFlight.delete(page);
        this.failed.add(page);
        this.error = asApiError(e);
        this.emit();
        this.pump();
      });
  }

  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const center = Math.floor((this.focus.first + this.focus.last) / 2 / PAGE_SIZE);
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
    for (const p of byDistance.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
