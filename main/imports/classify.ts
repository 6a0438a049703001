import type { Payment, PlatformState } from '../../shared/domain/status.js';
import type { NormalizedOrder } from '../orders/model.js';
import type { UpsertOutcome } from '../orders/ingest.js';
import type { DB } from '../store/db.js';

/**
 * What OrderWriter.upsertOne will do with an order, found with a read-only lookup, for the dry run. It mirrors the
 * writer's rules (main/orders/ingest.ts, `update`): unknown → created; an older platform update time or a state behind
 * ours → unchanged; otherwise updated when status, state, payment or the refunded amount differ. The import tests
 * check that preview counts equal commit counts, so a change to the writer that this misses fails there.
 */
const STATE_RANK: Record<PlatformState, number> = { unpaid: 0, to_ship: 1, shipped: 2, completed: 3, cancelled: 4 };

export interface Existing {
  platform_status: string;
  platform_state: PlatformState;
  payment: Payment;
  refunded_minor: number;
  platform_updated_at: number | null;
}

/** The facts of an order the writer's decision reads. */
export type Candidate = Pick<NormalizedOrder, 'platformOrderId' | 'platformStatus' | 'platformState' | 'payment' | 'refundedMinor' | 'platformUpdatedAt'>;

export function decide(cur: Existing | undefined, o: Candidate): UpsertOutcome {
  if (!cur) return 'created';
  if (o.platformUpdatedAt != null && cur.platform_updated_at != null && o.platformUpdatedAt < cur.platform_updated_at) return 'unchanged';
  if (STATE_RANK[o.platformState] < STATE_RANK[cur.platform_state]) return 'unchanged';
  const refunded = Math.max(o.refundedMinor ?? 0, cur.refunded_minor);
  const changed = o.platformStatus !== cur.platform_status || o.platformState !== cur.platform_state || o.payment !== cur.payment || refunded !== cur.refunded_minor;
  return changed ? 'updated' : 'unchanged';
}

const BATCH = 500;

export class OutcomePredictor {
  private readonly batches = new Map<number, ReturnType<DB['prepare']>>();
  constructor(
    private readonly db: DB,
    private readonly platform: string,
    private readonly shopId: number,
  ) {}

  private stmt(n: number) {
    let s = this.batches.get(n);
    if (!s) {
      s = this.db.prepare(
        `SELECT platform_order_id, platform_status, platform_state, payment, refunded_minor, platform_updated_at FROM orders
         WHERE platform = ? AND shop_id = ? AND platform_order_id IN (${new Array(n).fill('?').join(',')})`,
      );
      this.batches.set(n, s);
    }
    return s;
  }

  /** Outcomes for many orders, looked up BATCH at a time (one query per batch instead of one per order). */
  outcomes(orders: readonly Candidate[]): UpsertOutcome[] {
    const out: UpsertOutcome[] = [];
    for (let i = 0; i < orders.length; i += BATCH) {
      const part = orders.slice(i, i + BATCH);
      const found = new Map<string, Existing>();
      const ids = [...new Set(part.map((o) => o.platformOrderId))];
      for (const r of this.stmt(ids.length).all([this.platform, this.shopId, ...ids]) as (Existing & { platform_order_id: string })[]) found.set(r.platform_order_id, r);
      for (const o of part) out.push(decide(found.get(o.platformOrderId), o));
    }
    return out;
  }
}
