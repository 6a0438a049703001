import type { PauseCode } from '../../../shared/contract/print.js';
import { deriveQueue, workflowAdvances, type Payment, type PlatformState, type Workflow } from '../../../shared/domain/status.js';
import { AppError } from '../../../shared/errors.js';
import type { WaybillService } from '../../fulfil/waybills/service.js';
import { by, type Who } from '../../fulfil/who.js';
import type { EventLog } from '../../history/events.js';
import type { ClaimStore } from '../../stations/claims.js';
import type { DB } from '../../store/db.js';
import { jobOrderIds, type BatchRow, type JobRow, type PrintStore } from './store.js';

interface OrderState {
  id: number;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  open_flags: number;
}

/** The person behind a batch: its events and the printed orders' events name them. */
export function whoOfBatch(b: Pick<BatchRow, 'created_by' | 'operator_id' | 'station_id'>): Who {
  return { actor: b.created_by, operatorId: b.operator_id, stationId: b.station_id };
}

/**
 * What a job's end does to the rest of the store, each in one transaction with its events: a label printed moves its
 * orders to 'printed' (lines' qty_printed, the waybill printed, the order's tracking number), a cancelled or failed
 * job says why, a batch that pauses says why.
 */
export class PrintOutcomes {
  constructor(
    private readonly db: DB,
    private readonly store: PrintStore,
    private readonly log: EventLog,
    private readonly waybills: Pick<WaybillService, 'markPrinted'>,
    private readonly claims: ClaimStore,
  ) {}

  /** Committed before the bytes leave: from here the job may be on paper, and so may its number. */
  sending(job: JobRow, waybill: { id: number; carrier: string; trackingNo: string } | null, bytes: { sha256: string; length: number }, who: Who, now: number): void {
    this.db.transaction(() => {
      if (!this.store.setJobState(job.id, ['queued'], 'sending', now, { countAttempt: true, sha256: bytes.sha256, bytes: bytes.length })) {
        throw new AppError('conflict', `print job ${job.id} is no longer waiting to print`, { jobId: job.id });
      }
      if (waybill) {
        this.store.setWaybill(job.id, waybill);
        // A number that may be on a label is never handed out again (recycled): it counts as printed from now on.
        this.waybills.markPrinted(waybill.id, who);
      }
    })();
  }

  /** The printer took the bytes. */
  sent(job: JobRow, batch: BatchRow, who: Who, now: number, confirmedBy: string | null = null): void {
    this.db.transaction(() => {
      if (!this.store.setJobState(job.id, confirmedBy ? ['uncertain'] : ['sending'], 'sent', now, { error: null })) {
        throw new AppError('conflict', `print job ${job.id} is ${this.store.requireJob(job.id).state}, not ${confirmedBy ? 'uncertain' : 'sending'}`, { jobId: job.id });
      }
      if (confirmedBy) this.store.resolve(job.id, 'confirmed', confirmedBy, now);
      const fresh = this.store.requireJob(job.id);
      const orderIds = jobOrderIds(fresh);
      const data = { batchId: batch.id, jobId: job.id, printer: batch.printer_name, ...(fresh.reprint_of ? { reprintOf: fresh.reprint_of } : {}), ...(confirmedBy ? { confirmedBy } : {}) };
      if (fresh.kind === 'label') this.labelPrinted(fresh, orderIds, data, who, now);
      else if (fresh.kind === 'slip') for (const id of orderIds) this.event('order', id, 'slip_printed', null, { ...data, ...(fresh.parcel_id ? { parcelId: fresh.parcel_id } : {}) }, who, now);
      else this.event('print_batch', batch.id, 'picklist_printed', null, { ...data, orders: orderIds.length }, who, now);
      this.releaseClaims(batch, orderIds);
    })();
  }

  private labelPrinted(job: JobRow, orderIds: number[], data: Record<string, unknown>, who: Who, now: number): void {
    if (job.waybill_id) this.waybills.markPrinted(job.waybill_id, who);
    const label = { ...data, carrier: job.carrier, trackingNo: job.tracking_no };
    if (job.order_id !== null) {
      this.db.prepare('UPDATE order_lines SET qty_printed = qty WHERE order_id = ?').run(job.order_id);
      if (job.tracking_no) this.db.prepare('UPDATE orders SET tracking_no = ?, carrier = ?, updated_at = ? WHERE id = ?').run(job.tracking_no, job.carrier, now, job.order_id);
      const moved = this.advance(job.order_id, now);
      this.event('order', job.order_id, moved ? 'printed' : 'label_reprinted', null, label, who, now);
      return;
    }
    // A parcel: its units count as printed once (a reprint adds none); an order is printed when all its units are.
    const first = this.db.prepare("UPDATE parcels SET state = 'printed', updated_at = ? WHERE id = ? AND state = 'open'").run(now, job.parcel_id).changes > 0;
    if (first) {
      this.db
        .prepare('UPDATE order_lines SET qty_printed = min(qty, qty_printed + (SELECT pl.qty FROM parcel_lines pl WHERE pl.parcel_id = ? AND pl.order_line_id = order_lines.id)) WHERE id IN (SELECT order_line_id FROM parcel_lines WHERE parcel_id = ?)')
        .run(job.parcel_id, job.parcel_id);
    }
    for (const id of orderIds) {
      const complete = (this.db.prepare('SELECT count(*) AS n FROM order_lines WHERE order_id = ? AND qty_printed < qty').get(id) as { n: number }).n === 0;
      const moved = complete && this.advance(id, now);
      this.event('order', id, first ? (moved ? 'printed' : 'part_printed') : 'label_reprinted', null, { ...label, parcelId: job.parcel_id }, who, now);
    }
  }

  /** allocated → printed, queue derived in the same statement; false when the order is there already (or beyond). */
  private advance(orderId: number, now: number): boolean {
    const o = this.db.prepare('SELECT id, platform_state, workflow, payment, open_flags FROM orders WHERE id = ?').get(orderId) as OrderState | undefined;
    if (!o || o.workflow === 'printed' || !workflowAdvances(o.workflow, 'printed')) return false;
    const queue = deriveQueue({ platformState: o.platform_state, workflow: 'printed', payment: o.payment, openFlags: o.open_flags });
    this.db.prepare("UPDATE orders SET workflow = 'printed', queue = ?, updated_at = ? WHERE id = ?").run(queue, now, orderId);
    return true;
  }

  /** Not printed, and not to be: the order was intercepted, cancelled, claimed elsewhere… */
  cancelled(job: JobRow, batch: BatchRow, reason: string, who: Who, now: number): boolean {
    return this.db.transaction(() => {
      if (!this.store.setJobState(job.id, ['queued'], 'cancelled', now, { error: reason })) return false;
      this.event('print_job', job.id, 'cancelled', reason, { batchId: batch.id, orderIds: jobOrderIds(job), title: job.title }, who, now);
      this.releaseClaims(batch, jobOrderIds(job));
      return true;
    })();
  }

  /** Not printed: the document could not be made (no number, address not decrypted…). Resume tries it again. */
  failed(job: JobRow, batch: BatchRow, error: string, who: Who, now: number): void {
    this.db.transaction(() => {
      if (!this.store.setJobState(job.id, ['queued'], 'failed', now, { error })) return;
      this.event('print_job', job.id, 'failed', error, { batchId: batch.id, orderIds: jobOrderIds(job), title: job.title }, who, now);
    })();
  }

  /** Nothing reached the printer: the job waits again (the runner retries it, or resume does). */
  notSent(job: JobRow, error: string, now: number): void {
    this.store.setJobState(job.id, ['sending'], 'queued', now, { error });
  }

  /** Part of the bytes (or all) may have reached the printer: a person decides, nothing is sent again by itself. */
  uncertain(job: JobRow, batchId: number, why: string, who: Who, now: number): void {
    this.db.transaction(() => {
      if (!this.store.setJobState(job.id, ['sending'], 'uncertain', now, { error: why })) return;
      this.event('print_job', job.id, 'uncertain', why, { batchId, orderIds: jobOrderIds(job), title: job.title, trackingNo: job.tracking_no }, who, now);
    })();
  }

  pause(batchId: number, code: PauseCode, reason: string, who: Who, now: number): void {
    this.db.transaction(() => {
      this.store.setBatchState(batchId, 'paused', now, { code, reason });
      this.event('print_batch', batchId, 'paused', reason, { code }, who, now);
    })();
  }

  finish(batch: BatchRow, who: Who, now: number): void {
    this.db.transaction(() => {
      this.store.setBatchState(batch.id, 'done', now);
      this.event('print_batch', batch.id, 'done', null, { counts: this.store.counts(batch.id) }, who, now);
    })();
  }

  releaseClaims(batch: Pick<BatchRow, 'station_id' | 'operator_id'>, orderIds: readonly number[]): void {
    if (!batch.station_id) return;
    const s = { stationId: batch.station_id, operatorId: batch.operator_id, trusted: false };
    for (const id of orderIds) {
      const held = this.claims.current(id);
      if (held?.purpose === 'print') this.claims.release(id, s);
    }
  }

  event(entity: string, entityId: number, action: string, reason: string | null, data: Record<string, unknown>, who: Who, now: number): void {
    this.log.record({ at: now, ...by(who), entity, entityId, action, reason, data });
  }
}
