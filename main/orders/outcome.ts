import type { Payment, PlatformState } from '../../shared/domain/status.js';
import type { NormalizedOrder } from './model.js';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Platform states only move forward, except that any state may end in cancelled. */
export const STATE_RANK: Record<PlatformState, number> = { unpaid: 0, to_ship: 1, shipped: 2, completed: 3, cancelled: 4 };

/** What the store holds of an order, as far as deciding an upsert goes. */
export interface StoredFacts {
  platform_status: string;
  platform_state: PlatformState;
  payment: Payment;
  refunded_minor: number;
  platform_updated_at: number | null;
}

/**
 * A late poll carrying an older snapshot must not undo what a newer one told us; a snapshot whose state is behind
 * ours is stale even without a time stamp. Either way none of it is taken.
 */
export function isStale(cur: StoredFacts, o: IncomingFacts): boolean {
  if (o.platformUpdatedAt != null && cur.platform_updated_at != null && o.platformUpdatedAt < cur.platform_updated_at) return true;
  return STATE_RANK[o.platformState] < STATE_RANK[cur.platform_state];
}

export type IncomingFacts = Pick<NormalizedOrder, 'platformStatus' | 'platformState' | 'payment' | 'refundedMinor' | 'platformUpdatedAt'>;

/**
 * The one rule for what an incoming snapshot does to a stored order — used by OrderWriter to write and by the
 * import dry run to predict, so a preview's counts are what the commit then does. Unknown → created; an older
 * platform update time, or a state behind ours, is stale → unchanged; otherwise updated when status, state,
 * payment or the refunded amount (which only grows) differ.
 */
export function upsertOutcome(cur: StoredFacts | undefined, o: IncomingFacts): UpsertOutcome {
  if (!cur) return 'created';
  if (isStale(cur, o)) return 'unchanged';
  const refunded = Math.max(o.refundedMinor ?? 0, cur.refunded_minor);
  const changed = o.platformStatus !== cur.platform_status || o.platformState !== cur.platform_state || o.payment !== cur.payment || refunded !== cur.refunded_minor;
  return changed ? 'updated' : 'unchanged';
}
