import { z } from 'zod';
import { minorToDecimal } from '../../../shared/domain/money.js';
import type { DB } from '../../store/db.js';
import type { AuditOrder, BuiltInCheck } from '../check-types.js';
import { parseWith, splitList } from './params.js';

const DAY = 86_400_000;
const LIMIT_ITEM = /^([A-Za-z]{3})\s*:\s*(\d{1,15})$/;

const Params = z
  .object({
    /** Absolute ceilings per currency in minor units, "CNY:500000,USD:100000"; a currency not listed has none. */
    maxTotalMinorByCurrency: z
      .string()
      .max(1000)
      .default('')
      .refine((s) => splitList(s).every((x) => LIMIT_ITEM.test(x)), { message: 'write limits as CUR:minor units, comma-separated, e.g. "CNY:500000,USD:100000"' })
      .transform((s) =>
        splitList(s)
          .map((x) => {
            const [, cur, n] = LIMIT_ITEM.exec(x)!;
            return `${cur!.toUpperCase()}:${Number(n)}`;
          })
          .join(','),
      ),
    /** Units in one order above which it is an outlier; 0 = no limit. */
    maxUnits: z.number().int().min(0).max(1_000_000).default(50),
    /** A line sold at zero (or less) is a finding: off by default, gifts at 0.00 are common on Chinese platforms. */
    flagZeroPrice: z.boolean().default(false),
    /** A total above factor × the shop's 30-day median order fires; 0 = off. */
    factor: z
      .number()
      .min(0)
      .max(1000)
      .refine((f) => f === 0 || f > 1, { message: 'must be 0 (off) or more than 1' })
      .default(10),
    /** The median is trusted only over at least this many orders. */
    medianMinOrders: z.number().int().min(1).max(1_000_000).default(50),
  })
  .strict();

/** The median is taken over the shop's most recent orders of the 30 days, at most this many. */
const MEDIAN_SAMPLE = 2000;
/** A shop's median moves slowly: one computed less than this long ago (by the audit's clock) is reused. */
const MEDIAN_TTL_MS = 10 * 60_000;

/*
 * The shop's latest orders of the last 30 days in one currency, cancelled ones left out. The inner query reads only
 * the orders_shop_queue_placed index (shop, each queue but cancelled, placed range) to pick the newest rowids, so a
 * shop with a million orders a month costs an index scan and MEDIAN_SAMPLE row reads, not a million.
 */
const TOTALS_SQL = `SELECT total_minor FROM orders WHERE rowid IN (
    SELECT rowid FROM orders
    WHERE shop_id = @shop AND queue IN ('pending_audit', 'review', 'on_hold', 'to_print', 'to_pack', 'shipped', 'unpaid', 'intercepted')
      AND placed_at BETWEEN @from AND @to
    ORDER BY placed_at DESC LIMIT ${MEDIAN_SAMPLE})
  AND currency = @currency AND platform_state <> 'cancelled'`;

interface Median {
  n: number;
  median: number | null;
  at: number;
}

/*
 * Per database (a WeakMap: a closed database takes its entries with it). An audit of 100,000 orders is 50 batches;
 * computing the medians for each batch would cost more than every other check together.
 */
const cache = new WeakMap<DB, Map<string, Median>>();

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

function medians(db: DB, batch: readonly AuditOrder[], now: number): Map<string, Median> {
  let known = cache.get(db);
  if (!known) cache.set(db, (known = new Map()));
  let stmt: ReturnType<DB['prepare']> | null = null;
  for (const o of batch) {
    const key = `${o.shopId}|${o.currency}`;
    const m = known.get(key);
    if (m && Math.abs(now - m.at) < MEDIAN_TTL_MS) continue;
    stmt ??= db.prepare(TOTALS_SQL).pluck();
    const totals = stmt.all({ shop: o.shopId, currency: o.currency, from: now - 30 * DAY, to: now }) as number[];
    known.set(key, { n: totals.length, median: medianOf(totals), at: now });
  }
  return known;
}

const money = (minor: number, currency: string) => `${minorToDecimal(minor, currency)} ${currency}`;

/**
 * Totals or quantities far outside the normal: above the seller's ceiling for the currency, more units than the
 * limit, a free line (when asked), or a total many times the shop's usual order.
 */
export const amountOutlier: BuiltInCheck = {
  name: 'amount_outlier',
  defaults: { enabled: true, outcome: 'review', params: { maxTotalMinorByCurrency: '', maxUnits: 50, flagZeroPrice: false, factor: 10, medianMinOrders: 50 } },
  parseParams: (p) => parseWith('amount_outlier', Params, p),
  prepare(batch, ctx) {
    const p = ctx.params;
    const limits = new Map<string, number>();
    for (const item of splitList(String(p.maxTotalMinorByCurrency ?? ''))) {
      const [cur, n] = item.split(':');
      limits.set(cur!.toUpperCase(), Number(n));
    }
    const maxUnits = Number(p.maxUnits ?? 50);
    const factor = Number(p.factor ?? 10);
    const minOrders = Number(p.medianMinOrders ?? 50);
    const flagZero = p.flagZeroPrice === true;
    const typical = factor > 0 && batch.length > 0 ? medians(ctx.db, batch, ctx.now) : new Map<string, Median>();
    return (o) => {
      const out: string[] = [];
      const limit = limits.get(o.currency);
      if (limit !== undefined && o.totalMinor > limit) out.push(`total ${money(o.totalMinor, o.currency)} is above the limit ${money(limit, o.currency)}`);
      const units = o.lines.reduce((n, l) => n + l.qty, 0);
      if (maxUnits > 0 && units > maxUnits) out.push(`${units} units in the order, above the limit of ${maxUnits}`);
      if (flagZero) {
        for (const l of o.lines) {
          if (l.qty > 0 && l.unitPriceMinor <= 0) out.push(`line ${l.lineNo} '${l.title}': unit price ${money(l.unitPriceMinor, o.currency)} (free item)`);
        }
      }
      const m = typical.get(`${o.shopId}|${o.currency}`);
      if (m && m.median !== null && m.n >= minOrders && m.median > 0 && o.totalMinor > factor * m.median) {
        const times = (o.totalMinor / m.median).toFixed(1);
        out.push(`total ${money(o.totalMinor, o.currency)} is ${times} × the shop's median order (${money(Math.round(m.median), o.currency)} over the last ${m.n} orders in 30 days)`);
      }
      return out.length ? out.join('; ') : null;
    };
  },
};
