import type { OrderCounts, OrderFilter } from '../../shared/contract/orders.js';
import type { ParsedInput } from '../../shared/contract/index.js';
import type { OrderDetail, OrderRow } from '../../shared/domain/order.js';
import { QUEUES, type Queue } from '../../shared/domain/status.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';
import { mapDetail, mapRow, ROW_COLUMNS, type DetailRecord, type RowRecord } from './rows.js';
import { searchSubquery } from './search.js';

type ListInput = ParsedInput<'orders.list'>;
type Params = Record<string, string | number>;

const SORT_COLUMN = { placedAt: 'o.placed_at', paidAt: 'o.paid_at', total: 'o.total_minor', platformOrderId: 'o.platform_order_id' } as const;

function inList(prefix: string, values: readonly (string | number)[], params: Params): string {
  return values.map((v, i) => ((params[`${prefix}${i}`] = v), `$${prefix}${i}`)).join(',');
}

/** WHERE clause for a filter (and optionally a queue) over `orders o`. */
function whereFor(filter: OrderFilter, queue: Queue | 'all'): { where: string; params: Params; searching: boolean } {
  const parts: string[] = [];
  const params: Params = {};
  if (queue !== 'all') {
    parts.push('o.queue = $queue');
    params.queue = queue;
  }
  if (filter.shopIds?.length) parts.push(`o.shop_id IN (${inList('shop', filter.shopIds, params)})`);
  if (filter.platforms?.length) parts.push(`o.platform IN (${inList('pf', filter.platforms, params)})`);
  const search = searchSubquery(filter.search);
  if (search) {
    parts.push(`o.id IN (${search.sql})`);
    Object.assign(params, search.params);
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, searching: search !== null };
}

export class OrderQueries {
  private stmtCache = new Map<string, ReturnType<DB['prepare']>>();
  constructor(private readonly db: DB) {}

  /** Statements are cached by SQL text: the set of shapes (filters × sorts) is small. */
  private prepare(sql: string) {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  list(input: ListInput): { rows: OrderRow[]; total: number } {
    const { where, params, searching } = whereFor(input, input.queue);
    const col = SORT_COLUMN[input.sort.field];
    const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
    const sql = `SELECT ${ROW_COLUMNS} FROM orders o JOIN shops s ON s.id = o.shop_id ${where}
      ORDER BY ${col} ${dir}, o.id ${dir} LIMIT $limit OFFSET $offset`;
    const rows = (this.prepare(sql).all({ ...params, limit: input.limit, offset: input.offset }) as RowRecord[]).map(mapRow);
    const total = searching || input.platforms?.length ? this.countMatching(input, input.queue) : this.countFromTable(input, input.queue);
    return { rows, total };
  }

  counts(filter: OrderFilter): OrderCounts {
    const byQueue = Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<Queue, number>;
    let rows: { queue: Queue; n: number }[];
    if (filter.search?.trim()) {
      const { where, params } = whereFor(filter, 'all');
      rows = this.prepare(`SELECT o.queue AS queue, count(*) AS n FROM orders o ${where} GROUP BY o.queue`).all(params) as typeof rows;
    } else {
      const { where, params } = this.countsWhere(filter);
      rows = this.prepare(`SELECT c.queue AS queue, sum(c.n) AS n FROM order_counts c ${where} GROUP BY c.queue`).all(params) as typeof rows;
    }
    let all = 0;
    for (const r of rows) {
      byQueue[r.queue] = r.n;
      all += r.n;
    }
    return { all, byQueue };
  }

  /** Filter over the trigger-kept counts table (no search): shops and platforms only. */
  private countsWhere(filter: OrderFilter): { where: string; params: Params } {
    const parts: string[] = [];
    const params: Params = {};
    if (filter.shopIds?.length) parts.push(`c.shop_id IN (${inList('shop', filter.shopIds, params)})`);
    if (filter.platforms?.length) parts.push(`c.shop_id IN (SELECT id FROM shops WHERE platform IN (${inList('pf', filter.platforms, params)}))`);
    return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  private countFromTable(filter: OrderFilter, queue: Queue | 'all'): number {
    const c = this.counts({ ...filter, search: undefined });
    return queue === 'all' ? c.all : c.byQueue[queue];
  }

  private countMatching(filter: OrderFilter, queue: Queue | 'all'): number {
    if (!filter.search?.trim()) {
      // Platform filter without search: the counts table knows shops' platforms, so stay on it.
      return this.countFromTable(filter, queue);
    }
    const { where, params } = whereFor(filter, queue);
    return (this.prepare(`SELECT count(*) AS n FROM orders o ${where}`).get(params) as { n: number }).n;
  }

  get(id: number): OrderDetail {
    const rec = this.prepare(
      `SELECT ${ROW_COLUMNS}, o.platform_state, o.buyer_phone, o.country, o.district, o.address1, o.postcode, o.pii_masked,
        o.buyer_message, o.seller_memo, o.goods_minor, o.shipping_minor, o.discount_minor, o.paid_minor, o.refunded_minor,
        o.ship_by, o.updated_at
       FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id = ?`,
    ).get(id) as DetailRecord | undefined;
    if (!rec) throw new AppError('not_found', `order ${id} does not exist`, { id });
    const lines = this.prepare(
      `SELECT id, line_no, platform_line_id, platform_sku, sku_id, sku_code, title, variant, qty, unit_price_minor, discount_minor,
        qty_allocated, qty_printed, qty_verified, qty_shipped, qty_returned, qty_restocked
       FROM order_lines WHERE order_id = ? ORDER BY line_no`,
    ).all(id);
    const flags = this.prepare(
      `SELECT id, kind, reason, note, release_at, created_at, created_by, released_at, released_by
       FROM order_flags WHERE order_id = ? ORDER BY created_at, id`,
    ).all(id);
    const history = this.prepare(
      `SELECT id, at, actor, action, reason, data FROM events WHERE entity = 'order' AND entity_id = ? ORDER BY at DESC, id DESC LIMIT 500`,
    ).all(id);
    return mapDetail(rec, lines, flags, history);
  }
}
