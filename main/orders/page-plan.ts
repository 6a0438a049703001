import type { ParsedInput } from '../../shared/contract/index.js';

type ListInput = ParsedInput<'orders.list'>;

interface SortSpec {
  /** The sort column and the ORDER BY terms after it, matching the indexes' column order. */
  column: string;
  terms: string[];
  /** The index led by queue that holds this order, if any. */
  queueIndex: string | null;
  /** An index over all orders in this order, if any (else "all queues" merges the per-queue indexes). */
  allIndex: string | null;
}

const SORTS: Record<ListInput['sort']['field'], SortSpec> = {
  placedAt: { column: 'o.placed_at', terms: ['o.placed_at', 'o.shop_id', 'o.id'], queueIndex: 'orders_queue_placed', allIndex: null },
  paidAt: { column: 'o.paid_at', terms: ['o.paid_at', 'o.shop_id', 'o.id'], queueIndex: 'orders_queue_paid', allIndex: null },
  total: { column: 'o.total_minor', terms: ['o.total_minor', 'o.shop_id', 'o.id'], queueIndex: 'orders_queue_total', allIndex: null },
  platformOrderId: { column: 'o.platform_order_id', terms: ['o.platform_order_id', 'o.platform', 'o.shop_id', 'o.id'], queueIndex: null, allIndex: 'orders_key' },
};

export function sortSpec(input: ListInput): SortSpec {
  return SORTS[input.sort.field];
}

export function orderBy(input: ListInput): string {
  const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
  return SORTS[input.sort.field].terms.map((t) => `${t} ${dir}`).join(', ');
}

/**
 * How to read a page:
 *  - walk: an index already in the page's order (the queue's sort index, or the order key), skipping rows that do
 *    not match: cost ≈ rows needed ÷ the matches' share;
 *  - merge: for "all queues", every queue's sort index read in order and merged (SQLite merges a compound SELECT
 *    ordered like its arms), same cost model — so no index over all orders per sort is needed at ingest;
 *  - sort: take the matching rows (shop-led index, or the search's id set) and let SQLite sort them: cost ≈ their
 *    count × a factor.
 * The exact counts are at hand (order_counts, or the search's own count), so the choice is made on facts.
 * `selected` is how many rows match (null: no narrowing), `inQueue` how many the walk would pass over at most.
 */
export type PagePlan = { kind: 'walk'; index: string } | { kind: 'merge'; index: string } | { kind: 'sort' };

export function choosePlan(input: ListInput, selected: number | null, inQueue: number): PagePlan {
  const spec = SORTS[input.sort.field];
  const walk: PagePlan | null =
    input.queue !== 'all'
      ? spec.queueIndex
        ? { kind: 'walk', index: spec.queueIndex }
        : null
      : spec.allIndex
        ? { kind: 'walk', index: spec.allIndex }
        : spec.queueIndex
          ? { kind: 'merge', index: spec.queueIndex }
          : null;
  if (!walk) return { kind: 'sort' };
  if (selected === null) return walk; // no narrowing: the ordered read is the answer
  if (selected === 0) return { kind: 'sort' };
  const share = selected / Math.max(1, inQueue);
  const walkCost = (input.offset + input.limit) / share;
  const sortCost = selected * 4;
  return walkCost <= sortCost ? walk : { kind: 'sort' };
}
