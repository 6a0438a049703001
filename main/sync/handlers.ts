import { AppError } from '../../shared/errors.js';
import type { Shipper } from '../orders/ship.js';
import type { Sessions } from '../people/sessions.js';
import type { ShopStore } from '../shops/shop-store.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import type { Handlers } from '../transport/dispatch.js';
import type { Outbox, OutboxItem } from './outbox.js';
import type { SyncScheduler } from './scheduler.js';
import type { SyncStateStore } from './sync-state.js';

export interface SyncHandlerDeps {
  db: DB;
  shops: ShopStore;
  state: SyncStateStore;
  scheduler: SyncScheduler;
  outbox: Outbox;
  shipper: Shipper;
  sessions: Sessions;
  events: EventBus;
  now: () => number;
}

type SyncChannel = 'shops.add' | 'shops.update' | 'shops.remove' | 'sync.run' | 'sync.cancel' | 'sync.health' | 'sync.errors' | 'outbox.list' | 'outbox.retry' | 'orders.ship';

const itemInfo = (i: OutboxItem) => ({
  id: i.id,
  shopId: i.shopId,
  orderId: i.orderId,
  kind: i.kind,
  state: i.state,
  attempts: i.attempts,
  nextAttemptAt: i.nextAttemptAt,
  lastError: i.lastError,
  result: i.result,
  createdAt: i.createdAt,
  doneAt: i.doneAt,
  platformOrderId: i.payload.platformOrderId,
  trackingNo: i.payload.trackingNo,
  carrier: i.payload.carrier,
});

export function syncHandlers(d: SyncHandlerDeps): Pick<Handlers, SyncChannel> {
  const actor = (ctx: { session: Parameters<Sessions['actor']>[0] }) => d.sessions.actor(ctx.session);
  return {
    'shops.add': (i, ctx) => {
      const shop = d.shops.add(i, actor(ctx));
      d.events.emit('shops.changed', {});
      return shop;
    },
    'shops.update': (i, ctx) => {
      const shop = d.shops.update(i.id, i, actor(ctx));
      d.events.emit('shops.changed', {});
      return shop;
    },
    'shops.remove': (i, ctx) => {
      const removed = d.shops.remove(i.id, actor(ctx));
      d.events.emit('shops.changed', {});
      return { removed };
    },
    'sync.run': async (i) => {
      const ids = i.shopId ? [i.shopId] : d.shops.syncable();
      if (i.shopId && !d.shops.syncable().includes(i.shopId)) {
        const s = d.shops.info(i.shopId);
        throw new AppError('conflict', `shop "${s.name}" cannot sync: it is inactive, has no credentials, or its platform has no sync yet`, { shopId: i.shopId });
      }
      return Promise.all(ids.map((id) => d.scheduler.run(id)));
    },
    'sync.cancel': (i) => ({ cancelled: d.scheduler.cancel(i.shopId) }),
    'sync.health': () => {
      const now = d.now();
      const syncable = new Set(d.shops.syncable());
      const shops = d.db.prepare('SELECT id, name, platform, active FROM shops ORDER BY platform, name').all() as { id: number; name: string; platform: string; active: number }[];
      const count = (sql: string, id: number) => (d.db.prepare(sql).get(id) as { n: number }).n;
      return shops
        .filter((s) => s.platform !== 'manual')
        .map((s) => {
          const st = d.state.get(s.id);
          return {
            shopId: s.id,
            name: s.name,
            platform: s.platform as never,
            active: s.active === 1,
            syncable: syncable.has(s.id),
            running: d.scheduler.isRunning(s.id),
            lastAttemptAt: st.last_attempt_at,
            lastSuccessAt: st.last_success_at,
            lagMs: st.watermark === null ? null : Math.max(0, now - st.watermark),
            lastError: st.last_error,
            lastErrorKind: st.last_error_kind,
            consecutiveFailures: st.consecutive_failures,
            openMappingErrors: count('SELECT count(*) AS n FROM sync_errors WHERE shop_id = ? AND resolved_at IS NULL', s.id),
            nextRunAt: st.next_run_at,
            pendingWriteBacks: count("SELECT count(*) AS n FROM outbox WHERE shop_id = ? AND state IN ('pending','sending')", s.id),
            failedWriteBacks: count("SELECT count(*) AS n FROM outbox WHERE shop_id = ? AND state = 'failed'", s.id),
          };
        });
    },
    'sync.errors': (i) =>
      (d.db
        .prepare(`SELECT id, shop_id AS shopId, platform_order_id AS platformOrderId, message, at FROM sync_errors WHERE resolved_at IS NULL ${i.shopId ? 'AND shop_id = ?' : ''} ORDER BY at DESC LIMIT ?`)
        .all(...(i.shopId ? [i.shopId, i.limit] : [i.limit])) as { id: number; shopId: number; platformOrderId: string | null; message: string; at: number }[]),
    'outbox.list': (i) => d.outbox.list(i).map(itemInfo),
    'outbox.retry': (i, ctx) => itemInfo(d.outbox.retry(i.id, actor(ctx))),
    'orders.ship': (i, ctx) => {
      const r = d.shipper.ship(i.id, i.carrier, i.trackingNo, ctx.session, d.now());
      d.events.emit('orders.changed', { ids: [i.id] });
      if (r.outboxId) d.events.emit('outbox.changed', { ids: [r.outboxId] });
      return r;
    },
  };
}
