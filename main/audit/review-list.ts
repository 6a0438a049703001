import type { ParsedInput, ReviewList } from '../../shared/contract/index.js';
import type { AuditFinding } from '../../shared/domain/audit.js';
import type { FlagReason } from '../../shared/domain/status.js';
import { mapRow, ROW_COLUMNS, type RowRecord } from '../orders/rows.js';
import type { DB } from '../store/db.js';

type Input = ParsedInput<'audit.review.list'>;
type Params = Record<string, string | number>;

/** The first finding in plain words: what the list shows beside the order. */
function summaryOf(findings: AuditFinding[]): string | null {
  const f = findings.find((x) => x.source === 'check' && x.waivedBy === null) ?? findings[0];
  if (!f) return null;
  return f.source === 'check' ? f.detail : `rule "${f.name}": ${f.matched.join('; ')}`;
}

/**
 * The review and on-hold queues for a person deciding: oldest paid first (first come, first served), with each
 * order's open reasons, a one-line why and when a hold lets go. Reads the queue's own index (orders_queue_paid), and
 * counts reasons by joining open flags onto the queue's rows, never a scan of all orders.
 */
export class ReviewQueue {
  private readonly cache = new Map<string, ReturnType<DB['prepare']>>();
  constructor(private readonly db: DB) {}

  private prepare(sql: string) {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  list(input: Input): ReviewList {
    const params: Params = { queue: input.queue };
    const shops = input.shopIds?.length ? [...new Set(input.shopIds)] : null;
    const shopSql = shops ? ` AND o.shop_id IN (${shops.map((v, i) => ((params[`s${i}`] = v), `$s${i}`)).join(',')})` : '';

    const groups = (
      this.prepare(
        `SELECT f.reason AS reason, count(DISTINCT f.order_id) AS count FROM orders o INDEXED BY orders_queue_paid
         JOIN order_flags f ON f.order_id = o.id AND f.released_at IS NULL AND f.kind <> 'intercept'
         WHERE o.queue = $queue${shopSql} GROUP BY f.reason ORDER BY count DESC, f.reason`,
      ).all(params) as { reason: FlagReason; count: number }[]
    ).filter((g) => g.count > 0);

    let total: number;
    let reasonSql = '';
    if (input.reason) {
      params.reason = input.reason;
      reasonSql = ` AND EXISTS (SELECT 1 FROM order_flags f INDEXED BY order_flags_order WHERE f.order_id = o.id AND f.released_at IS NULL AND f.reason = $reason)`;
      total = groups.find((g) => g.reason === input.reason)?.count ?? 0;
    } else {
      const countParams: Params = { queue: input.queue };
      const shopCount = shops ? ` AND shop_id IN (${shops.map((v, i) => ((countParams[`s${i}`] = v), `$s${i}`)).join(',')})` : '';
      total = (this.prepare(`SELECT coalesce(sum(n), 0) FROM order_counts WHERE queue = $queue${shopCount}`).pluck().get(countParams) as number) ?? 0;
    }
    if (total === 0 || input.offset >= total) return { groups, rows: [], total };

    const ids = this.prepare(
      `SELECT o.id FROM orders o INDEXED BY orders_queue_paid WHERE o.queue = $queue${shopSql}${reasonSql}
       ORDER BY o.paid_at, o.shop_id, o.id LIMIT $limit OFFSET $offset`,
    )
      .pluck()
      .all({ ...params, limit: input.limit, offset: input.offset }) as number[];
    if (ids.length === 0) return { groups, rows: [], total };
    const json = JSON.stringify(ids);
    const recs = new Map(
      (this.prepare(`SELECT ${ROW_COLUMNS} FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id IN (SELECT value FROM json_each($ids))`).all({ ids: json }) as RowRecord[]).map((r) => [
        r.id,
        r,
      ]),
    );
    const flags = new Map<number, { reasons: FlagReason[]; releaseAt: number | null; note: string | null }>();
    for (const f of this.prepare(
      `SELECT order_id, kind, reason, note, release_at FROM order_flags WHERE order_id IN (SELECT value FROM json_each($ids)) AND released_at IS NULL AND kind <> 'intercept'
       ORDER BY order_id, kind = 'hold' DESC, id`,
    ).all({ ids: json }) as { order_id: number; kind: string; reason: FlagReason; note: string | null; release_at: number | null }[]) {
      let e = flags.get(f.order_id);
      if (!e) flags.set(f.order_id, (e = { reasons: [], releaseAt: null, note: f.note }));
      if (!e.reasons.includes(f.reason)) e.reasons.push(f.reason);
      if (f.kind === 'hold' && f.release_at !== null) e.releaseAt = e.releaseAt === null ? f.release_at : Math.min(e.releaseAt, f.release_at);
    }
    const findings = new Map(
      (this.prepare('SELECT order_id, findings FROM audit_results WHERE order_id IN (SELECT value FROM json_each($ids))').all({ ids: json }) as { order_id: number; findings: string }[]).map((r) => [
        r.order_id,
        JSON.parse(r.findings) as AuditFinding[],
      ]),
    );
    const rows = ids.flatMap((id) => {
      const rec = recs.get(id);
      if (!rec) return [];
      const f = flags.get(id);
      const summary = summaryOf(findings.get(id) ?? []) ?? f?.note ?? f?.reasons.join(', ') ?? '';
      return [{ ...mapRow(rec), reasons: f?.reasons ?? [], summary, holdReleaseAt: f?.releaseAt ?? null }];
    });
    return { groups, rows, total };
  }
}
