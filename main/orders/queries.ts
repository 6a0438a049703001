import type { OrderCounts, OrderFilter } from '../../shared/contract/orders.js';
import type { ParsedInput } from '../../shared/contract/index.js';
import type { OrderDetail, OrderRow } from '../../shared/domain/order.js';
import { QUEUES, type Queue } from '../../shared/domain/status.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';
import { choosePlan, orderBy, sortSpec, type PagePlan } from './page-plan.js';
import { mapDetail, mapRow, ROW_COLUMNS, type DetailRecord, type RowRecord } from './rows.js';
import { searchSubquery } from './search.js';

type ListInput = ParsedInput<'orders.list'>;
type Params = Record<string, string | number>;

function inList(prefix: string, values: readonly (string | number)[], params: Params): string {
  return values.map((v, i) => ((params[`${prefix}${i}`] = v), `$${prefix}${i}`)).join(',');
}

export class OrderQueries {
  private stmtCache = new Map<string, ReturnType<DB['prepare']>>();
  constructor(private readonly db: DB) {}

  /** Statements are cached by SQL text: the set of shapes (filters × sorts × plans) is small. */
  private prepare(sql: string) {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  /**
   * Shop and platform filters as one set of shop ids (a platform is a set of shops). null: no filter;
   * an empty array: nothing can match.
   */
  private shopScope(filter: OrderFilter): number[] | null {
    if (!filter.platforms?.length) return filter.shopIds?.length ? [...new Set(filter.shopIds)] : null;
    const params: Params = {};
    const ofPlatforms = (this.prepare(`SELECT id FROM shops WHERE platform IN (${inList('pf', filter.platforms, params)})`).all(params) as { id: number }[]).map(
      (r) => r.id,
    );
    return filter.shopIds?.length ? ofPlatforms.filter((id) => filter.shopIds!.includes(id)) : ofPlatforms;
  }

  /** Orders per queue for a shop scope, from the trigger-kept table (no scan). */
  private tableCounts(shops: number[] | null): Record<Queue, number> {
    const byQueue = Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<Queue, number>;
    const params: Params = {};
    const where = shops ? `WHERE shop_id IN (${inList('shop', shops, params)})` : '';
    for (const r of this.prepare(`SELECT queue, sum(n) AS n FROM order_counts ${where} GROUP BY queue`).all(params) as { queue: Queue; n: number }[]) {
      byQueue[r.queue] = r.n;
    }
    return byQueue;
  }

  /**
   * Conditions (without the queue) for a shop scope and search, and their parameters. With `cte`, the search's id
   * set is a materialized CTE named m, built once however many times the query refers to it.
   */
  private conditions(shops: number[] | null, search: string | undefined, cte = false): { parts: string[]; params: Params; with: string } {
    const parts: string[] = [];
    const params: Params = {};
    let withClause = '';
    if (shops) parts.push(`o.shop_id IN (${inList('shop', shops, params)})`);
    const s = searchSubquery(search);
    if (s) {
      if (cte) {
        withClause = `WITH m(id) AS MATERIALIZED (${s.sql}) `;
        parts.push('o.id IN (SELECT id FROM m)');
      } else parts.push(`o.id IN (${s.sql})`);
      Object.assign(params, s.params);
    }
    return { parts, params, with: withClause };
  }

  private where(shops: number[] | null, queue: Queue | 'all', search: string | undefined): { where: string; params: Params } {
    const { parts, params } = this.conditions(shops, search);
    if (queue !== 'all') {
      parts.unshift('o.queue = $queue');
      params.queue = queue;
    }
    return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  /** The SQL that reads one page of ids under a plan. */
  private pageSql(input: ListInput, plan: PagePlan, shops: number[] | null, search: string | undefined): { sql: string; params: Params } {
    if (plan.kind === 'merge') {
      // One arm per queue, each read in order from its queue index; SQLite merges them (MERGE (UNION ALL)).
      // The arms share one search set (a materialized CTE), not one each.
      const { parts, params, with: withClause } = this.conditions(shops, search, true);
      const extra = parts.map((p) => ` AND ${p}`).join('');
      const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
      const arms = QUEUES.map((q) => `SELECT o.id AS id, ${sortSpec(input).column} AS k, o.shop_id AS s FROM orders o INDEXED BY ${plan.index} WHERE o.queue = '${q}'${extra}`);
      return { sql: `${withClause}${arms.join(' UNION ALL ')} ORDER BY k ${dir}, s ${dir}, id ${dir} LIMIT $limit OFFSET $offset`, params };
    }
    const { where, params } = this.where(shops, input.queue, search);
    const indexed = plan.kind === 'walk' ? `INDEXED BY ${plan.index}` : '';
    return { sql: `SELECT o.id AS id FROM orders o ${indexed} ${where} ORDER BY ${orderBy(input)} LIMIT $limit OFFSET $offset`, params };
  }

  /** Search matches per queue, read from the narrow (id, queue, shop_id) index rather than the orders themselves. */
  private searchCounts(shops: number[] | null, search: string): Record<Queue, number> {
    const byQueue = Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<Queue, number>;
    const { where, params } = this.where(shops, 'all', search);
    const sql = `SELECT o.queue AS queue, count(*) AS n FROM orders o INDEXED BY orders_id_queue ${where} GROUP BY o.queue`;
    for (const r of this.prepare(sql).all(params) as { queue: Queue; n: number }[]) byQueue[r.queue] = r.n;
    return byQueue;
  }

  list(input: ListInput): { rows: OrderRow[]; total: number } {
    const shops = this.shopScope(input);
    if (shops?.length === 0) return { rows: [], total: 0 };
    const search = input.search?.trim();
    const pick = (c: Record<Queue, number>) => (input.queue === 'all' ? QUEUES.reduce((s, q) => s + c[q], 0) : c[input.queue]);
    // Total matching, and how many the queue holds in this shop scope: the two facts the page plan is chosen on.
    const inScope = pick(this.tableCounts(shops));
    const total = search ? pick(this.searchCounts(shops, search)) : inScope;
    if (total === 0 || input.offset >= total) return { rows: [], total };
    // The index walk passes over every shop's rows in the queue, so its population is the unfiltered queue.
    const narrowed = search || shops ? total : null;
    const plan = choosePlan(input, narrowed, narrowed === null ? total : pick(this.tableCounts(null)));
    // Page the ids first (index only, cheap to skip), then read just those rows: deep pages stay fast.
    const { sql, params } = this.pageSql(input, plan, shops, search);
    const ids = (this.prepare(sql).all({ ...params, limit: input.limit, offset: input.offset }) as { id: number }[]).map((r) => r.id);
    const recs = this.prepare(`SELECT ${ROW_COLUMNS} FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id IN (SELECT value FROM json_each($ids))`).all({
      ids: JSON.stringify(ids),
    }) as RowRecord[];
    const byId = new Map(recs.map((r) => [r.id, r]));
    return { rows: ids.map((id) => mapRow(byId.get(id)!)), total };
  }

  counts(filter: OrderFilter): OrderCounts {
    const shops = this.shopScope(filter);
    const search = filter.search?.trim();
    const byQueue = shops?.length === 0 ? this.tableCounts([]) : search ? this.searchCounts(shops, search) : this.tableCounts(shops);
    return { all: QUEUES.reduce((s, q) => s + byQueue[q], 0), byQueue };
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
