import { create } from 'zustand';
import type { EventPayload } from '../../../shared/contract/index.js';
import type { ShopHealth } from '../../../shared/contract/sync.js';
import { api } from '../api/client.js';
import { useConnection } from '../api/connection.js';
import { asApiError, type ApiError } from '../api/errors.js';

export type SyncProgress = EventPayload<'sync.progress'>;
export type HealthLevel = 'ok' | 'warn' | 'error' | 'none';

/**
 * Sync health per shop (sync.health) and the live progress of running syncs (sync.progress). Shared by the header
 * indicator and Settings → Sync, so both show the same thing from one request.
 */
interface SyncState {
  health: ShopHealth[] | null;
  error: ApiError | null;
  /** The last progress event per shop; kept after the run ends so "done / failed" can be read for a moment. */
  progress: Record<number, SyncProgress>;
  /** Bumped on every 'outbox.changed': write-back lists refetch on it. */
  outboxTick: number;
}

export const useSync = create<SyncState>(() => ({ health: null, error: null, progress: {}, outboxTick: 0 }));

/** The lag after which a shop counts as stale (the design's goal is a new order within 60 s). */
const STALE_MS = 5 * 60_000;
/** A fallback: "next run" and "2 min ago" age, and a lost event must not leave the panel wrong for long. */
const POLL_MS = 10_000;

let loading = false;
let again = false;

export function loadHealth(): void {
  if (loading) {
    again = true; // its answer may predate what made us ask
    return;
  }
  loading = true;
  api
    .invoke('sync.health', {})
    .then(
      (health) => useSync.setState({ health, error: null }),
      (e: unknown) => useSync.setState({ error: asApiError(e) }),
    )
    .finally(() => {
      loading = false;
      if (again) {
        again = false;
        loadHealth();
      }
    });
}

/** One colour for the header: red when a shop is failing or a write-back failed, amber when something lags. */
export function overallLevel(health: readonly ShopHealth[] | null): HealthLevel {
  const watched = (health ?? []).filter((h) => h.active && h.syncable);
  if (!watched.length) return 'none';
  if (watched.some((h) => h.consecutiveFailures > 0 || h.failedWriteBacks > 0)) return 'error';
  const stale = (h: ShopHealth) => h.lastSuccessAt === null || (h.lagMs !== null && h.lagMs > STALE_MS);
  if (watched.some((h) => h.openMappingErrors > 0 || (!h.running && stale(h)))) return 'warn';
  return 'ok';
}

/** Subscribes to the sync events and polls slowly; started by the shell for an operator who may see orders. */
export function startSyncFeed(): () => void {
  loadHealth();
  const offProgress = api.subscribe('sync.progress', (p) => {
    useSync.setState((s) => ({ progress: { ...s.progress, [p.shopId]: p } }));
    // Start and end change what health says (running, last success, last error); pages in between do not.
    if (p.phase !== 'paging' && p.phase !== 'waiting') loadHealth();
  });
  const offShops = api.subscribe('shops.changed', loadHealth);
  const offOutbox = api.subscribe('outbox.changed', () => {
    useSync.setState((s) => ({ outboxTick: s.outboxTick + 1 }));
    loadHealth();
  });
  const offConn = useConnection.subscribe((now, before) => {
    if (now.reconnects !== before.reconnects) loadHealth();
  });
  const timer = setInterval(loadHealth, POLL_MS);
  return () => {
    offProgress();
    offShops();
    offOutbox();
    offConn();
    clearInterval(timer);
  };
}
