import type { PauseCode, PrintBatch, PrintBatchState, PrintDocKind, PrintJob, PrintJobCounts, PrintJobState } from '../../../shared/contract/print.js';
import { PRINT_JOB_STATES } from '../../../shared/contract/print.js';
import { AppError } from '../../../shared/errors.js';
import type { DB } from '../../store/db.js';

export interface BatchRow {
  id: number;
  kind: PrintDocKind;
  station_id: number | null;
  printer_id: number | null;
  printer_name: string;
  state: PrintBatchState;
  pause_reason: string | null;
  pause_code: PauseCode | null;
  total: number;
  done: number;
  reprint: number;
  created_by: string;
  operator_id: number | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface JobRow {
  id: number;
  batch_id: number;
  seq: number;
  kind: PrintDocKind;
  order_id: number | null;
  parcel_id: number | null;
  order_ids: string;
  title: string;
  waybill_id: number | null;
  carrier: string | null;
  tracking_no: string | null;
  state: PrintJobState;
  attempts: number;
  last_error: string | null;
  reprint_of: number | null;
  resolution: 'confirmed' | 'reprinted' | null;
  resolved_by: string | null;
  resolved_at: number | null;
  bytes_sha256: string | null;
  bytes_len: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface NewJob {
  kind: PrintDocKind;
  orderId: number | null;
  parcelId: number | null;
  orderIds: readonly number[];
  title: string;
  waybillId: number | null;
  carrier: string | null;
  trackingNo: string | null;
  reprintOf: number | null;
}

export interface NewBatch {
  kind: PrintDocKind;
  stationId: number | null;
  printerId: number;
  printerName: string;
  reprint: boolean;
  createdBy: string;
  operatorId: number | null;
}

/** Settled: no longer waiting for the printer. */
const DONE_SQL = "(SELECT count(*) FROM print_jobs j WHERE j.batch_id = print_batches.id AND j.state NOT IN ('queued','sending'))";

export const jobOrderIds = (j: Pick<JobRow, 'order_ids'>): number[] => JSON.parse(j.order_ids) as number[];

/**
 * The print_batches and print_jobs tables. Every state change goes through here and keeps the batch's `done` count
 * in the same statement sequence; callers wrap them in the transaction that also records the event.
 */
export class PrintStore {
  constructor(private readonly db: DB) {}

  batch(id: number): BatchRow | undefined {
    return this.db.prepare('SELECT * FROM print_batches WHERE id = ?').get(id) as BatchRow | undefined;
  }

  requireBatch(id: number): BatchRow {
    const b = this.batch(id);
    if (!b) throw new AppError('not_found', `print batch ${id} does not exist`, { batchId: id });
    return b;
  }

  job(id: number): JobRow | undefined {
    return this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  requireJob(id: number): JobRow {
    const j = this.job(id);
    if (!j) throw new AppError('not_found', `print job ${id} does not exist`, { jobId: id });
    return j;
  }

  createBatch(b: NewBatch, jobs: readonly NewJob[], now: number): number {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO print_batches (kind, station_id, printer_id, printer_name, state, total, reprint, created_by, operator_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
        )
        .run(b.kind, b.stationId, b.printerId, b.printerName, jobs.length, b.reprint ? 1 : 0, b.createdBy, b.operatorId, now, now).lastInsertRowid,
    );
    const ins = this.db.prepare(
      `INSERT INTO print_jobs (batch_id, seq, kind, order_id, parcel_id, order_ids, title, waybill_id, carrier, tracking_no, reprint_of, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    jobs.forEach((j, i) => ins.run(id, i + 1, j.kind, j.orderId, j.parcelId, JSON.stringify(j.orderIds), j.title, j.waybillId, j.carrier, j.trackingNo, j.reprintOf, now, now));
    return id;
  }

  /** A job waiting or in flight for the same document, in any batch. */
  liveJobFor(kind: PrintDocKind, target: { orderId: number | null; parcelId: number | null }): JobRow | undefined {
    if (target.parcelId !== null) return this.db.prepare("SELECT * FROM print_jobs WHERE parcel_id = ? AND kind = ? AND state IN ('queued','sending')").get(target.parcelId, kind) as JobRow | undefined;
    return this.db.prepare("SELECT * FROM print_jobs WHERE order_id = ? AND kind = ? AND state IN ('queued','sending')").get(target.orderId, kind) as JobRow | undefined;
  }

  /** The latest job for this document that printed or may have, newest first. */
  lastPrinted(kind: PrintDocKind, target: { orderId: number | null; parcelId: number | null }): JobRow | undefined {
    const col = target.parcelId !== null ? 'parcel_id' : 'order_id';
    return this.db
      .prepare(`SELECT * FROM print_jobs WHERE ${col} = ? AND kind = ? AND state IN ('sent','uncertain') ORDER BY id DESC LIMIT 1`)
      .get(target.parcelId ?? target.orderId, kind) as JobRow | undefined;
  }

  /** An uncertain job nobody decided yet for this document. */
  undecidedFor(kind: PrintDocKind, target: { orderId: number | null; parcelId: number | null }): JobRow | undefined {
    const col = target.parcelId !== null ? 'parcel_id' : 'order_id';
    return this.db
      .prepare(`SELECT * FROM print_jobs WHERE ${col} = ? AND kind = ? AND state = 'uncertain' AND resolution IS NULL ORDER BY id LIMIT 1`)
      .get(target.parcelId ?? target.orderId, kind) as JobRow | undefined;
  }

  /** The oldest batch a printer should work on: the one running, else the first queued. */
  nextBatch(printerId: number): BatchRow | undefined {
    return this.db.prepare("SELECT * FROM print_batches WHERE printer_id = ? AND state IN ('queued','running') ORDER BY id LIMIT 1").get(printerId) as BatchRow | undefined;
  }

  /** Printers with batches to work on (startup, resume). */
  busyPrinters(): number[] {
    return (this.db.prepare("SELECT DISTINCT printer_id AS id FROM print_batches WHERE state IN ('queued','running') AND printer_id IS NOT NULL").all() as { id: number }[]).map((r) => r.id);
  }

  nextQueued(batchId: number): JobRow | undefined {
    return this.db.prepare("SELECT * FROM print_jobs WHERE batch_id = ? AND state = 'queued' ORDER BY seq LIMIT 1").get(batchId) as JobRow | undefined;
  }

  jobsIn(batchId: number, states: readonly PrintJobState[]): JobRow[] {
    return this.db.prepare('SELECT * FROM print_jobs WHERE batch_id = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY seq').all(batchId, JSON.stringify(states)) as JobRow[];
  }

  setBatchState(id: number, state: PrintBatchState, now: number, pause: { code: PauseCode; reason: string } | null = null): void {
    this.db
      .prepare(
        `UPDATE print_batches SET state = ?, pause_code = ?, pause_reason = ?, updated_at = ?,
           started_at = CASE WHEN ? = 'running' THEN coalesce(started_at, ?) ELSE started_at END,
           finished_at = CASE WHEN ? IN ('done','cancelled') THEN ? ELSE NULL END,
           done = ${DONE_SQL}
         WHERE id = ?`,
      )
      .run(state, pause?.code ?? null, pause?.reason ?? null, now, state, now, state, now, id);
  }

  /** Moves a job between states and recounts its batch. `from` guards against a change that raced this one. */
  setJobState(id: number, from: readonly PrintJobState[], to: PrintJobState, now: number, extra: { error?: string | null; sha256?: string; bytes?: number; countAttempt?: boolean } = {}): boolean {
    const r = this.db
      .prepare(
        `UPDATE print_jobs SET state = ?, updated_at = ?, last_error = CASE WHEN ? THEN ? ELSE last_error END,
           attempts = attempts + ?, bytes_sha256 = coalesce(?, bytes_sha256), bytes_len = coalesce(?, bytes_len),
           sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
         WHERE id = ? AND state IN (SELECT value FROM json_each(?))`,
      )
      .run(to, now, extra.error !== undefined ? 1 : 0, extra.error ?? null, extra.countAttempt ? 1 : 0, extra.sha256 ?? null, extra.bytes ?? null, to, now, id, JSON.stringify(from));
    if (r.changes) this.recount(this.requireJob(id).batch_id, now);
    return r.changes > 0;
  }

  /** The number the label carries, as read just before sending (a reprint with a new number changes it). */
  setWaybill(id: number, w: { id: number; carrier: string; trackingNo: string }): void {
    this.db.prepare('UPDATE print_jobs SET waybill_id = ?, carrier = ?, tracking_no = ? WHERE id = ?').run(w.id, w.carrier, w.trackingNo, id);
  }

  resolve(id: number, resolution: 'confirmed' | 'reprinted', by: string, now: number): void {
    this.db.prepare('UPDATE print_jobs SET resolution = ?, resolved_by = ?, resolved_at = ?, updated_at = ? WHERE id = ?').run(resolution, by, now, now, id);
  }

  /** Every job not sent yet (waiting or failed) is cancelled; returns them. */
  cancelUnsent(batchId: number, reason: string, now: number): JobRow[] {
    const jobs = this.jobsIn(batchId, ['queued', 'failed']);
    this.db.prepare("UPDATE print_jobs SET state = 'cancelled', last_error = ?, updated_at = ? WHERE batch_id = ? AND state IN ('queued','failed')").run(reason, now, batchId);
    this.recount(batchId, now);
    return jobs;
  }

  /**
   * Failed jobs go back to waiting, unless the same document was queued again elsewhere meanwhile (then this one is
   * cancelled, naming why): at most one live job per document.
   */
  requeueFailed(batchId: number, now: number): { requeued: number; superseded: JobRow[] } {
    const failed = this.jobsIn(batchId, ['failed']);
    const superseded: JobRow[] = [];
    let requeued = 0;
    for (const j of failed) {
      const other = this.liveJobFor(j.kind, { orderId: j.order_id, parcelId: j.parcel_id });
      if (other) {
        this.setJobState(j.id, ['failed'], 'cancelled', now, { error: `queued again as job ${other.id} in batch ${other.batch_id}` });
        superseded.push(j);
      } else if (this.setJobState(j.id, ['failed'], 'queued', now)) requeued++;
    }
    return { requeued, superseded };
  }

  /** Waiting batches whose printer was removed in Settings: nothing would ever pick them up. */
  orphaned(): BatchRow[] {
    return this.db.prepare("SELECT * FROM print_batches WHERE printer_id IS NULL AND state IN ('queued','running')").all() as BatchRow[];
  }

  /** Jobs committed as 'sending' by a process that is gone. */
  sending(): JobRow[] {
    return this.db.prepare("SELECT * FROM print_jobs WHERE state = 'sending' ORDER BY batch_id, seq").all() as JobRow[];
  }

  recount(batchId: number, now: number): void {
    this.db.prepare(`UPDATE print_batches SET done = ${DONE_SQL}, updated_at = ? WHERE id = ?`).run(now, batchId);
  }

  counts(batchId: number): PrintJobCounts {
    const c = Object.fromEntries(PRINT_JOB_STATES.map((s) => [s, 0])) as PrintJobCounts;
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM print_jobs WHERE batch_id = ? GROUP BY state').all(batchId) as { state: PrintJobState; n: number }[]) c[r.state] = r.n;
    return c;
  }

  listBatches(q: { states?: readonly PrintBatchState[]; stationId?: number; offset: number; limit: number }): { rows: BatchRow[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.states?.length) {
      where.push('state IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(q.states));
    }
    if (q.stationId !== undefined) {
      where.push('station_id = ?');
      args.push(q.stationId);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM print_batches ${w}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM print_batches ${w} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as BatchRow[];
    return { rows, total };
  }

  listJobs(q: { batchId?: number; orderId?: number; states?: readonly PrintJobState[]; undecided: boolean; offset: number; limit: number }): { rows: JobRow[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.batchId !== undefined) {
      where.push('batch_id = ?');
      args.push(q.batchId);
    }
    if (q.orderId !== undefined) {
      // The order's own documents and its parcels' (pick lists, which cover many orders, are listed by batch).
      where.push('(order_id = ? OR parcel_id IN (SELECT parcel_id FROM parcel_lines WHERE order_id = ?))');
      args.push(q.orderId, q.orderId);
    }
    if (q.states?.length) {
      where.push('state IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(q.states));
    }
    if (q.undecided) where.push("state = 'uncertain' AND resolution IS NULL");
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = q.batchId !== undefined ? 'seq' : 'id DESC';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM print_jobs ${w}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM print_jobs ${w} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as JobRow[];
    return { rows, total };
  }

  toBatch(b: BatchRow): PrintBatch {
    return {
      id: b.id,
      kind: b.kind,
      stationId: b.station_id,
      printerId: b.printer_id,
      printerName: b.printer_name,
      state: b.state,
      pauseCode: b.pause_code,
      pauseReason: b.pause_reason,
      total: b.total,
      done: b.done,
      counts: this.counts(b.id),
      reprint: b.reprint === 1,
      createdBy: b.created_by,
      createdAt: b.created_at,
      updatedAt: b.updated_at,
      startedAt: b.started_at,
      finishedAt: b.finished_at,
    };
  }
}

export function toJob(j: JobRow): PrintJob {
  return {
    id: j.id,
    batchId: j.batch_id,
    seq: j.seq,
    kind: j.kind,
    orderId: j.order_id,
    parcelId: j.parcel_id,
    orderIds: jobOrderIds(j),
    title: j.title,
    carrier: j.carrier,
    trackingNo: j.tracking_no,
    state: j.state,
    attempts: j.attempts,
    lastError: j.last_error,
    reprintOf: j.reprint_of,
    resolution: j.resolution,
    resolvedBy: j.resolved_by,
    bytesSha256: j.bytes_sha256,
    createdAt: j.created_at,
    updatedAt: j.updated_at,
    sentAt: j.sent_at,
  };
}
