import Database from 'better-sqlite3';
import type { z } from 'zod';
import type { OrdersView } from '../../shared/contract/exports.js';
import { QUEUES } from '../../shared/domain/status.js';
import type { ParsedInput } from '../../shared/contract/index.js';
import { orderBy, sortSpec } from '../orders/page-plan.js';
import { OrderQueries } from '../orders/queries.js';
import { ROW_COLUMNS, type RowRecord } from '../orders/rows.js';
import { searchSubquery } from '../orders/search.js';
import type { DB } from '../store/db.js';
import type { ShipmentRecord } from './columns.js';

type View = z.output<typeof OrdersView>;
type Params = Record<string, string | number>;

/** Rows to write and how many there will be (for progress). */
export interface RowSource<R> {
  total: number;
  rows: IterableIterator<R>;
}

/**
 * A read-only connection of its own, in one read transaction: the export sees one consistent snapshot however long
 * it takes, streams rows with iterate() (never all in memory), and leaves the app's connection free to write — a
 * statement being iterated would otherwise block every other statement on that connection until it finished.
 */
export function openSnapshot(dbPath: string): DB {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN');
  return db;
}

function inList(prefix: string, values: readonly (string | number)[], params: Params): string {
  return values.map((v, i) => ((params[`${prefix}${i}`] = v), `$${prefix}${i}`)).join(',');
}

/** Shops and platforms as one set of shop ids, as the queue does (null: no filter, []: nothing matches). */
function shopScope(db: DB, v: View): number[] | null {
  if (!v.platforms?.length) return v.shopIds?.length ? [...new Set(v.shopIds)] : null;
  const params: Params = {};
  const ofPlatforms = (db.prepare(`SELECT id FROM shops WHERE platform IN (${inList('pf', v.platforms, params)})`).all(params) as { id: number }[]).map((r) => r.id);
  return v.shopIds?.length ? ofPlatforms.filter((id) => v.shopIds!.includes(id)) : ofPlatforms;
}

/**
 * The orders screen's view, every row, in its order. The count comes from the queue's own counting (same numbers as
 * the tabs). A single queue is read along its sort index; "all queues" merges the per-queue sort indexes like the
 * queue's pages do, so a million orders stream out without a sort of the whole table.
 */
export function ordersViewSource(db: DB, view: View): RowSource<RowRecord> {
  const input: ParsedInput<'orders.list'> = { ...view, offset: 0, limit: 1 };
  const total = new OrderQueries(db).list(input).total;
  const shops = shopScope(db, view);
  const params: Params = {};
  const parts: string[] = [];
  if (shops) parts.push(shops.length ? `o.shop_id IN (${inList('shop', shops, params)})` : '0');
  const search = searchSubquery(view.search);
  let withClause = '';
  if (search) {
    withClause = `WITH m(id) AS MATERIALIZED (${search.sql}) `;
    parts.push('o.id IN (SELECT id FROM m)');
    Object.assign(params, search.params);
  }
  const spec = sortSpec(input);
  let sql: string;
  if (view.queue === 'all' && !spec.allIndex && spec.queueIndex) {
    const extra = parts.map((p) => ` AND ${p}`).join('');
    const dir = view.sort.dir === 'asc' ? 'ASC' : 'DESC';
    const arms = QUEUES.map((q) => `SELECT ${ROW_COLUMNS}, ${spec.column} AS k, o.shop_id AS ks, o.id AS ki FROM orders o INDEXED BY ${spec.queueIndex} JOIN shops s ON s.id = o.shop_id WHERE o.queue = '${q}'${extra}`);
    sql = `${withClause}${arms.join(' UNION ALL ')} ORDER BY k ${dir}, ks ${dir}, ki ${dir}`;
  } else {
    if (view.queue !== 'all') {
      parts.unshift('o.queue = $queue');
      params.queue = view.queue;
    }
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    sql = `${withClause}SELECT ${ROW_COLUMNS} FROM orders o JOIN shops s ON s.id = o.shop_id ${where} ORDER BY ${orderBy(input)}`;
  }
  return { total, rows: db.prepare(sql).iterate(params) as IterableIterator<RowRecord> };
}

/**
 * Order lines of the orders ShopDesk marked shipped in [from, to), by time shipped. The time is the "shipped" event
 * (the orders table has no shipped-at column), so this reads the event log's order entries for the range.
 */
export function shipmentsSource(db: DB, from: number, to: number, shopIds: readonly number[] | undefined): RowSource<ShipmentRecord> {
  const params: Params = { from, to };
  const shopFilter = shopIds?.length ? `WHERE o.shop_id IN (${inList('shop', [...new Set(shopIds)], params)})` : '';
  const body = `FROM sh JOIN orders o ON o.id = sh.order_id JOIN shops s ON s.id = o.shop_id JOIN order_lines l ON l.order_id = o.id ${shopFilter}`;
  const shipped = `WITH sh(order_id, shipped_at) AS MATERIALIZED (
      SELECT entity_id, max(at) FROM events WHERE entity = 'order' AND action = 'shipped' AND at >= $from AND at < $to GROUP BY entity_id) `;
  const total = (db.prepare(`${shipped}SELECT count(*) AS n ${body}`).get(params) as { n: number }).n;
  const sql = `${shipped}SELECT sh.shipped_at, o.id, o.platform, o.platform_order_id, s.name AS shop_name, o.carrier, o.tracking_no, o.buyer_name,
      o.buyer_phone, o.country, o.province, o.city, o.district, o.address1, o.postcode, o.pii_masked, o.currency, o.total_minor,
      l.line_no, l.sku_code, l.platform_sku, l.title, l.variant, l.qty, l.unit_price_minor, l.discount_minor
    ${body} ORDER BY sh.shipped_at, o.id, l.line_no`;
  return { total, rows: db.prepare(sql).iterate(params) as IterableIterator<ShipmentRecord> };
}
