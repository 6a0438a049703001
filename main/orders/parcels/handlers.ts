import type { DB } from '../../store/db.js';
import type { EventBus } from '../../transport/event-bus.js';
import type { Handlers } from '../../transport/dispatch.js';
import type { ParcelService } from './service.js';
import { mergeSuggestions } from './suggestions.js';

type ParcelChannel = 'orders.merge.suggestions' | 'orders.merge' | 'orders.split' | 'orders.unparcel' | 'orders.parcels';

/** The contract's merge/split channels. Permissions (audit.decide, orders.view) are checked by the dispatcher. */
export function parcelHandlers(d: { db: DB; parcels: ParcelService; events: EventBus; now: () => number }): Pick<Handlers, ParcelChannel> {
  const changed = (ids: number[]) => d.events.emit('orders.changed', { ids });
  return {
    'orders.merge.suggestions': (i) => ({ suggestions: mergeSuggestions(d.db, { ...(i.shopIds ? { shopIds: i.shopIds } : {}), limit: i.limit }) }),
    'orders.merge': (i, ctx) => {
      const parcel = d.parcels.merge(i.orderIds, ctx.session, d.now());
      changed([...new Set(parcel.lines.map((l) => l.orderId))]);
      return parcel;
    },
    'orders.split': (i, ctx) => {
      const parcels = d.parcels.split(i.orderId, i.parts, ctx.session, d.now());
      changed([i.orderId]);
      return { parcels };
    },
    'orders.unparcel': (i, ctx) => {
      changed(d.parcels.unparcel(i.parcelId, ctx.session, d.now()));
      return { ok: true as const };
    },
    'orders.parcels': (i) => ({ parcels: d.parcels.parcelsOf(i.orderId) }),
  };
}
