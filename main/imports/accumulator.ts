import type { ImportCounts, ImportResult, RowError } from '../../shared/contract/imports.js';
import { skuSummary } from '../orders/ingest.js';
import type { Candidate, OutcomePredictor } from './classify.js';
import type { CellProblem, RowFacts } from './formats/types.js';
import type { RowSink } from './job.js';
import { pause, rowHash } from './job.js';
import { mergeOrder, type MergeContext } from './merge.js';
import { OrderState, ROW_BAD, ROW_LINE, ROW_ORDER, ROW_REFUNDED, summaryOf } from './order-state.js';
import type { RunOutcome, RunStore } from './run-store.js';
import type { TableRecord } from './source/table.js';

const SAMPLE = 20;
/** Orders looked up in the database per batch while deciding. */
const DECIDE_BATCH = 2_000;
/** Orders decided between two yields to the event loop (the dry run runs beside the app). */
const YIELD_EVERY = 20_000;

type Verdict = { candidate: Candidate } | { invalid: true; error: { src: number; row: number; message: string } | null };

/**
 * The dry run's sink. Memory is flat in the size of the file: only the current run of rows of one order is held
 * (OrderState), plus up to DECIDE_BATCH finished runs waiting for one database lookup (read-only: what the writer
 * would do); each is then counted and spilled to the RunStore on disk with its outcome. After reading, `finish`
 * reports the errors of runs that were invalid alone, and re-decides the few orders spread over several runs
 * (merged). What stays in memory: counts, the first `limit` errors, and a sample of SAMPLE orders.
 */
export class Accumulator implements RowSink {
  private current: OrderState | null = null;
  private readonly errors: RowError[] = [];
  private readonly errorsBySrc = new Map<number, number>();
  errorsTotal = 0;
  private readonly unattributedBySrc = new Map<number, number>();
  private readonly counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, invalid: 0 };
  private readonly outcomes = new Map<string, 'new' | 'updated' | 'unchanged'>();
  private finished: OrderState[] = [];
  private readonly sampleRows = new Map<string, { src: number; row: number; facts: RowFacts }[]>();

  constructor(
    private readonly ctx: MergeContext,
    private readonly limit: number,
    private readonly store: RunStore,
    private readonly predictor: OutcomePredictor,
  ) {}

  private error(src: number, row: number | null, column: string | null, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.errorsTotal++;
    this.errorsBySrc.set(src, (this.errorsBySrc.get(src) ?? 0) + 1);
    if (this.errors.length < this.limit) this.errors.push({ file: this.ctx.sources[src]?.name ?? '?', row, column, message, severity });
  }

  private grainOrder = (src: number): boolean => this.ctx.sources[src]!.format.grain === 'order';

  unattributed(src: number, row: number, problems: readonly CellProblem[]): void {
    this.unattributedBySrc.set(src, (this.unattributedBySrc.get(src) ?? 0) + 1);
    for (const p of problems) this.error(src, row, p.column, p.message);
  }

  row(src: number, rec: TableRecord, facts: RowFacts, problems: readonly CellProblem[]): void {
    const key = facts.orderId;
    let s = this.current;
    if (!s || s.key !== key || s.src !== src) {
      if (s) this.finishRun(s);
      s = this.current = new OrderState(key, src, rec.row);
    }
    const h = rowHash(rec.cells) | 0;
    const dup = s.duplicateOf(h, src);
    if (dup !== null) {
      this.error(src, rec.row, null, `identical to row ${dup}: skipped`, 'warning');
      return;
    }
    for (const p of problems) this.error(src, rec.row, p.column, p.message);
    if (problems.length) {
      s.apply(h, src, rec.row, ROW_BAD, null, false);
      return;
    }
    if (this.sampleRows.size < SAMPLE || this.sampleRows.has(key)) {
      const list = this.sampleRows.get(key) ?? [];
      list.push({ src, row: rec.row, facts });
      this.sampleRows.set(key, list);
    }
    const o = facts.order;
    const l = facts.line;
    const flags = (o ? ROW_ORDER : 0) | (l ? ROW_LINE : 0) | (l?.refunded ? ROW_REFUNDED : 0);
    s.apply(h, src, rec.row, flags, o && !s.order ? summaryOf(src, rec.row, o) : null, this.grainOrder(src));
  }

  private finishRun(s: OrderState): void {
    this.finished.push(s);
    if (this.finished.length >= DECIDE_BATCH) this.settle();
  }

  /** Counts the finished runs (each as if it were its whole order) and spills them with what they were counted as. */
  private settle(): void {
    const runs = this.finished;
    this.finished = [];
    const verdicts = runs.map((r) => this.verdict(r));
    const valid: Candidate[] = [];
    for (const v of verdicts) if ('candidate' in v) valid.push(v.candidate);
    const found = this.predictor.outcomes(valid);
    let j = 0;
    runs.forEach((r, i) => {
      const v = verdicts[i]!;
      let outcome: RunOutcome = 'invalid';
      if ('candidate' in v) {
        const w = found[j++]!;
        outcome = w === 'created' ? 'new' : w;
        if (this.sampleRows.has(r.key)) this.outcomes.set(r.key, outcome);
      }
      this.counts[outcome]++;
      this.store.add(r, outcome, 'invalid' in v && v.error !== null);
    });
  }

  /** Forgets one file's rows (it is read again in another encoding); what other files gave stays. */
  resetSource(src: number): void {
    if (this.current?.src === src) this.current = null;
    this.settle();
    for (const [outcome, n] of this.store.resetSource(src)) this.counts[outcome] -= n;
    this.unattributedBySrc.delete(src);
    const name = this.ctx.sources[src]?.name;
    for (let i = this.errors.length - 1; i >= 0; i--) if (this.errors[i]!.file === name) this.errors.splice(i, 1);
    this.errorsTotal -= this.errorsBySrc.get(src) ?? 0;
    this.errorsBySrc.delete(src);
    for (const [k, rows] of this.sampleRows) {
      const keep = rows.filter((r) => r.src !== src);
      if (keep.length) this.sampleRows.set(k, keep);
      else this.sampleRows.delete(k);
    }
  }

  /** The preview's figures: errors of runs invalid alone, orders over several runs merged and decided again. */
  async finish(): Promise<{ counts: ImportCounts; errors: RowError[]; sample: ImportResult['sample'] }> {
    if (this.current) this.finishRun(this.current);
    this.current = null;
    this.settle();
    const counts = this.counts;
    let n = 0;
    for (const e of this.store.notedSingles()) {
      this.verdict(e, true);
      if (++n % YIELD_EVERY === 0) await pause();
    }
    let pending: { key: string; c: Candidate }[] = [];
    const flush = () => {
      this.predictor.outcomes(pending.map((p) => p.c)).forEach((r, i) => {
        const k = r === 'created' ? 'new' : r;
        counts[k]++;
        if (this.sampleRows.has(pending[i]!.key)) this.outcomes.set(pending[i]!.key, k);
      });
      pending = [];
    };
    for (const runs of this.store.groups()) {
      const first = runs[0]!.state;
      for (const r of runs) counts[r.counted]--;
      for (let i = 1; i < runs.length; i++) first.merge(runs[i]!.state, this.grainOrder, (src, row, dup) => this.error(src, row, null, `identical to row ${dup}: skipped`, 'warning'));
      const v = this.verdict(first, true);
      if ('candidate' in v) pending.push({ key: first.key, c: v.candidate });
      else counts.invalid++;
      if (pending.length >= DECIDE_BATCH) flush();
      if (++n % YIELD_EVERY === 0) await pause();
    }
    flush();
    for (const u of this.unattributedBySrc.values()) counts.invalid += u;
    const sample = this.sample(this.outcomes);
    this.errors.sort((a, b) => (a.file === b.file ? (a.row ?? 0) - (b.row ?? 0) : this.srcOf(a.file) - this.srcOf(b.file)));
    return { counts, errors: this.errors, sample };
  }

  /** What the predictor needs of a valid order, or why it is invalid (noted as an error when `report`). */
  private verdict(e: OrderState, report = false): Verdict {
    const invalid = (src: number, row: number, message: string): Verdict => {
      if (report) this.error(src, row, null, message);
      return { invalid: true, error: { src, row, message } };
    };
    if (e.bad) return { invalid: true, error: null };
    if (e.problem) return invalid(e.problem.src, e.problem.row, e.problem.message);
    const o = e.order;
    if (!o) {
      const src = this.ctx.sources[e.src]!;
      const why = src.format.needsJoin ? `is in ${src.name} but not in the order report it joins (${src.format.joinsWith})` : 'has no row with its order details (date, status)';
      return invalid(e.src, e.row, `order ${e.key} ${why}`);
    }
    const platformOrderId = o.idOverride ?? e.key;
    if (platformOrderId.length > 100) return invalid(o.src, o.row, `order id ${platformOrderId.slice(0, 40)}… is longer than 100 characters`);
    const lines = e.lines || (o.hasSummary ? 1 : 0);
    let payment = o.payment;
    if (payment === 'paid' && e.refundedLines > 0) payment = e.refundedLines === lines ? 'refunded' : 'partly_refunded';
    return { candidate: { platformOrderId, platformStatus: o.code, platformState: o.state, payment, refundedMinor: Math.max(0, o.refunded), platformUpdatedAt: o.updatedAt } };
  }

  private sample(outcomes: ReadonlyMap<string, 'new' | 'updated' | 'unchanged'>): ImportResult['sample'] {
    const sample: ImportResult['sample'] = [];
    for (const [key, rows] of this.sampleRows) {
      const outcome = outcomes.get(key);
      if (!outcome) continue;
      const m = mergeOrder(key, rows.map((r) => ({ src: r.src, row: r.row, bad: false, facts: r.facts, raw: '{}', hash: 0 })), this.ctx);
      if (!m.ok) continue;
      const o = m.order;
      sample.push({
        platformOrderId: o.platformOrderId,
        placedAt: o.placedAt,
        platformStatus: o.platformStatus,
        platformState: o.platformState,
        itemCount: o.lines.reduce((k, l) => k + l.qty, 0),
        skuSummary: skuSummary(o.lines),
        totalMinor: o.totalMinor,
        currency: o.currency,
        outcome,
      });
    }
    return sample;
  }

  private srcOf(file: string): number {
    return this.ctx.sources.findIndex((s) => s.name === file);
  }
}
