import type { ParsedInput } from '../../shared/contract/index.js';

type ListInput = ParsedInput<'orders.list'>;

interface SortSpec {
  /** ORDER BY terms, matching an index's column order so the page is read in order. */
  terms: string[];
  /** The index led by queue (or, for all queues, by the sort column) that holds this order. */
  queueIndex: string | null;
  allIndex: string;
}

const SORTS: Record<ListInput['sort']['field'], SortSpec> = {
  placedAt: { terms: ['o.placed_at', 'o.shop_id', 'o.id'], queueIndex: 'orders_queue_placed', allIndex: 'orders_placed' },
  paidAt: { terms: ['o.paid_at', 'o.shop_id', 'o.id'], queueIndex: 'orders_queue_paid', allIndex: 'orders_paid' },
  total: { terms: ['o.total_minor', 'o.shop_id', 'o.id'], queueIndex: 'orders_queue_total', allIndex: 'orders_total' },
  platformOrderId: { terms: ['o.platform_order_id', 'o.id'], queueIndex: null, allIndex: 'orders_platform_order_id' },
};

export function orderBy(input: ListInput): string {
  const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
  return SORTS[input.sort.field].terms.map((t) => `${t} ${dir}`).join(', ');
}

/**
 * Which index reads a page fastest. Two ways to get the first page of "these shops (or these search matches), this
 * queue, in this order":
 *  (a) walk the queue's sort index and skip rows that do not match: cost ≈ rows needed ÷ the matches' share;
 *  (b) take the matching rows (shop-led index, or the search's id set) and sort them: cost ≈ their count × a factor.
 * The exact counts are at hand (order_counts, or the search's own count), so the choice is made on facts.
 * `selected` is how many rows match (null: no narrowing), `inQueue` how many the walk would pass over at most.
 * Returns the index for (a), or null to let SQLite do (b).
 */
export function chooseIndex(input: ListInput, selected: number | null, inQueue: number): string | null {
  const spec = SORTS[input.sort.field];
  const index = input.queue === 'all' ? spec.allIndex : spec.queueIndex;
  if (!index) return null;
  if (selected === null) return index; // no shop filter: the sort index is the answer
  if (selected === 0) return null;
  const share = selected / Math.max(1, inQueue);
  const walkCost = (input.offset + input.limit) / share;
  const sortCost = selected * 4;
  return walkCost <= sortCost ? index : null;
}
