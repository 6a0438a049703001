import type { NormalizedOrder } from '../orders/model.js';
import { upsertOutcome, type IncomingFacts, type StoredFacts, type UpsertOutcome } from '../orders/outcome.js';
import type { DB } from '../store/db.js';

/**
 * What OrderWriter.upsertOne will do with each order, found with read-only lookups, for the dry run: the writer's own
 * rule (main/orders/outcome.ts), so a preview's counts are what the commit then does.
 */
export type Existing = StoredFacts;
/** The facts of an order the writer's decision reads. */
export type Candidate = IncomingFacts & Pick<NormalizedOrder, 'platformOrderId'>;
export const decide = upsertOutcome;

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
