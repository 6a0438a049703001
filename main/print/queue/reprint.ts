import type { PrintDocKind } from '../../../shared/contract/print.js';
import { AppError } from '../../../shared/errors.js';
import type { WaybillService } from '../../fulfil/waybills/service.js';
import { by, type Who } from '../../fulfil/who.js';
import type { EventLog } from '../../history/events.js';
import type { DB } from '../../store/db.js';
import { blockedNow, loadPrintFacts, parcelsOf } from './eligibility.js';
import type { Enqueuer } from './enqueue.js';
import { jobOrderIds, type JobRow, type PrintStore } from './store.js';

export interface ReprintRequest {
  jobId?: number | undefined;
  orderId?: number | undefined;
  kind: 'label' | 'slip';
  newNumber: boolean;
  trackingNo?: string | undefined;
  reason?: string | undefined;
  printerId?: number | undefined;
}

export interface ReprintDeps {
  db: DB;
  store: PrintStore;
  log: EventLog;
  enqueuer: Enqueuer;
  waybills: Pick<WaybillService, 'reprint'>;
  now: () => number;
}

interface Original {
  kind: PrintDocKind;
  target: { kind: 'order' | 'parcel'; id: number };
  orderIds: number[];
  title: string;
  job: JobRow | null;
  printerId: number | null;
}

/**
 * Reprints are explicit: a person asks, a new one-job batch is queued with `reprint_of` pointing at the job it
 * repeats, and an event on each order names that person and why. A label is printed again with the same number
 * (counted on the waybill) or a new one (the old cancelled at its provider and voided) through main/fulfil.
 */
export class Reprints {
  constructor(private readonly d: ReprintDeps) {}

  async reprint(r: ReprintRequest, who: Who, opts: { resolving?: JobRow } = {}): Promise<{ batchId: number; jobId: number }> {
    const orig = r.jobId !== undefined ? this.fromJob(this.d.store.requireJob(r.jobId)) : this.fromOrder(r.orderId!, r.kind);
    if (orig.kind === 'picklist' && r.newNumber) throw new AppError('invalid_input', 'newNumber: a pick list has no tracking number', { field: 'newNumber' });
    const ref = { orderId: orig.target.kind === 'order' ? orig.target.id : null, parcelId: orig.target.kind === 'parcel' ? orig.target.id : null };
    if (orig.kind !== 'picklist') {
      const live = this.d.store.liveJobFor(orig.kind, ref);
      if (live) throw new AppError('conflict', `${orig.title} is already queued to print (job ${live.id} in batch ${live.batch_id})`, { jobId: live.id, reason: 'already_queued' });
      const facts = loadPrintFacts(this.d.db, orig.orderIds);
      for (const id of orig.orderIds) {
        const f = facts.get(id);
        const why = f ? blockedNow(f) : { reason: 'not_found', message: `order ${id} does not exist` };
        if (why) throw new AppError('conflict', why.message, { orderId: id, reason: why.reason });
      }
    }
    const printer = this.d.enqueuer.printerFor(orig.kind, r.printerId ?? (who.stationId ? undefined : (orig.printerId ?? undefined)), who);
    let waybill: { id: number; carrier: string; trackingNo: string } | null = null;
    if (orig.kind === 'label') {
      const w = await this.d.waybills.reprint(orig.target.kind, orig.target.id, { newNumber: r.newNumber, ...(r.trackingNo ? { trackingNo: r.trackingNo } : {}), ...(r.reason ? { reason: r.reason } : {}) }, who);
      waybill = { id: w.id, carrier: w.carrier, trackingNo: w.trackingNo };
    }
    // Reprinting a job that may have printed is deciding it.
    const resolving = opts.resolving ?? (orig.job?.state === 'uncertain' && !orig.job.resolution ? orig.job : undefined);
    const now = this.d.now();
    return this.d.db.transaction(() => {
      const batchId = this.d.store.createBatch(
        { kind: orig.kind, stationId: who.stationId ?? null, printerId: printer.id, printerName: printer.name, reprint: true, createdBy: who.actor, operatorId: who.operatorId ?? null },
        [{ kind: orig.kind, ...ref, orderIds: orig.orderIds, title: orig.title, waybillId: waybill?.id ?? null, carrier: waybill?.carrier ?? null, trackingNo: waybill?.trackingNo ?? null, reprintOf: orig.job?.id ?? null }],
        now,
      );
      const jobId = this.d.store.jobsIn(batchId, ['queued'])[0]!.id;
      if (resolving) {
        this.d.store.resolve(resolving.id, 'reprinted', who.actor, now);
        this.d.log.record({ at: now, ...by(who), entity: 'print_job', entityId: resolving.id, action: 'resolved', reason: r.reason ?? null, data: { decision: 'reprint', reprintJobId: jobId } });
      }
      const data = { batchId, jobId, kind: orig.kind, reprintOf: orig.job?.id ?? null, printer: printer.name, ...(waybill ? { carrier: waybill.carrier, trackingNo: waybill.trackingNo, newNumber: r.newNumber } : {}) };
      for (const id of orig.kind === 'picklist' ? [] : orig.orderIds) this.d.log.record({ at: now, ...by(who), entity: 'order', entityId: id, action: 'reprint_requested', reason: r.reason ?? null, data });
      this.d.log.record({ at: now, ...by(who), entity: 'print_batch', entityId: batchId, action: 'created', reason: r.reason ?? null, data: { ...data, jobs: 1, reprint: true } });
      return { batchId, jobId };
    })();
  }

  private fromJob(j: JobRow): Original {
    if (j.state !== 'sent' && j.state !== 'uncertain') {
      throw new AppError('conflict', `print job ${j.id} (${j.title}) is ${j.state}: only a job that printed (or may have) is reprinted; ${j.state === 'queued' || j.state === 'sending' ? 'it is still to print' : 'print the order again instead'}`, {
        jobId: j.id,
        state: j.state,
      });
    }
    const batch = this.d.store.requireBatch(j.batch_id);
    const target = j.parcel_id !== null ? { kind: 'parcel' as const, id: j.parcel_id } : { kind: 'order' as const, id: j.order_id ?? 0 };
    return { kind: j.kind, target, orderIds: jobOrderIds(j), title: j.title, job: j, printerId: batch.printer_id };
  }

  /** An order's last label or slip; an order printed before ShopDesk kept print jobs has none, and may still be reprinted. */
  private fromOrder(orderId: number, kind: 'label' | 'slip'): Original {
    const f = loadPrintFacts(this.d.db, [orderId]).get(orderId);
    if (!f) throw new AppError('not_found', `order ${orderId} does not exist`, { orderId });
    if (parcelsOf(f).length > 1) {
      throw new AppError('conflict', `order ${f.platform_order_id} is split into parcels ${parcelsOf(f).map((p) => p.id).join(', ')}: reprint one parcel's ${kind} from its print job`, { orderId, reason: 'split' });
    }
    const parcel = parcelsOf(f)[0];
    const target = parcel ? { kind: 'parcel' as const, id: parcel.id } : { kind: 'order' as const, id: orderId };
    const ref = { orderId: parcel ? null : orderId, parcelId: parcel?.id ?? null };
    const job = this.d.store.lastPrinted(kind, ref) ?? null;
    if (job) return this.fromJob(job);
    const printed = kind === 'label' && (parcel ? parcel.state !== 'open' : ['printed', 'verified'].includes(f.workflow));
    if (!printed) throw new AppError('conflict', `order ${f.platform_order_id} has no ${kind} printed yet: print it (it is not a reprint)`, { orderId, reason: 'not_printed' });
    const orderIds = parcel ? (this.d.db.prepare('SELECT DISTINCT order_id FROM parcel_lines WHERE parcel_id = ? ORDER BY order_id').all(parcel.id) as { order_id: number }[]).map((r) => r.order_id) : [orderId];
    return { kind, target, orderIds, title: parcel ? `parcel ${parcel.id}` : `order ${f.platform_order_id}`, job: null, printerId: null };
  }
}
