import type { Payment, PlatformState } from '../../shared/domain/status.js';
import type { OrderFacts } from './formats/types.js';

/** Per-row flags kept for merging runs of one order (see OrderState). */
export const ROW_BAD = 1;
export const ROW_ORDER = 2;
export const ROW_LINE = 4;
export const ROW_REFUNDED = 8;

/** The order-level facts the writer's decision reads, from an order's first row that has them. */
export interface OrderSummary {
  src: number;
  row: number;
  code: string;
  state: PlatformState;
  payment: Payment;
  refunded: number;
  updatedAt: number | null;
  idOverride: string | null;
  hasSummary: boolean;
}

export function summaryOf(src: number, row: number, o: OrderFacts): OrderSummary {
  return {
    src,
    row,
    code: o.platformStatus,
    state: o.platformState,
    payment: o.payment,
    refunded: o.refundedMinor ?? 0,
    updatedAt: o.platformUpdatedAt ?? null,
    idOverride: o.platformOrderId ?? null,
    hasSummary: o.summaryLine !== undefined,
  };
}

export interface Problem {
  src: number;
  row: number;
  message: string;
}

/**
 * What the dry run knows of one order: only what decides validity and the writer's outcome, plus each row's
 * (hash, row, src, flags) to spot exact duplicates and to replay a later run of the same order onto an earlier one.
 * A "run" is a stretch of consecutive rows of one order in one file; most orders are one run, and only the current
 * run is in memory (finished runs are spilled, see RunStore). The rules are mergeOrder's (merge.ts), which commit
 * applies to the full rows; the tests hold the two to the same counts.
 */
export class OrderState {
  bad = false;
  order: OrderSummary | null = null;
  lines = 0;
  refundedLines = 0;
  problem: Problem | null = null;
  /** Flat quads: hash (int32), row, src, flags. */
  rows: number[] = [];

  constructor(
    readonly key: string,
    readonly src: number,
    readonly row: number,
  ) {}

  /** The row number of an earlier row of the same file with this hash, or null. */
  duplicateOf(hash: number, src: number): number | null {
    const r = this.rows;
    for (let i = 0; i < r.length; i += 4) if (r[i] === hash && r[i + 2] === src) return r[i + 1]!;
    return null;
  }

  /**
   * Adds one (non-duplicate) row. `summary` is the row's order facts when it has them (ROW_ORDER); `grainOrder`: the
   * row's file has one row per order, so a second order row from that file is a conflict.
   */
  apply(hash: number, src: number, row: number, flags: number, summary: OrderSummary | null, grainOrder: boolean): void {
    this.rows.push(hash, row, src, flags);
    if (flags & ROW_BAD) {
      this.bad = true;
      return;
    }
    if (flags & ROW_ORDER) {
      if (!this.order) this.order = summary;
      else if (grainOrder && this.order.src === src && !this.problem) {
        this.problem = { src, row, message: `order ${this.key} appears again with different values (first on row ${this.order.row}); remove one of the rows` };
      }
    }
    if (flags & ROW_LINE) {
      this.lines++;
      if (flags & ROW_REFUNDED) this.refundedLines++;
    }
  }

  /**
   * Replays a later run of the same order onto this one, row by row, as if its rows had come here directly.
   * Rows identical to one already seen (same file) are reported through `duplicate` and skipped.
   */
  merge(later: OrderState, grainOrder: (src: number) => boolean, duplicate: (src: number, row: number, firstRow: number) => void): void {
    const r = later.rows;
    for (let i = 0; i < r.length; i += 4) {
      const [hash, row, src, flags] = [r[i]!, r[i + 1]!, r[i + 2]!, r[i + 3]!];
      const dup = this.duplicateOf(hash, src);
      if (dup !== null) {
        duplicate(src, row, dup);
        continue;
      }
      // The later run's summary is from its first order row: the only one that can be taken here (see apply).
      this.apply(hash, src, row, flags, flags & ROW_ORDER ? later.order : null, grainOrder(src));
    }
  }
}
