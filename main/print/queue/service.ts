import type { EnqueueResult, PrintBatch, PrintBatchState, PrintJob, PrintJobEvent, PrintJobState, PreviewResult, ReprintResult } from '../../../shared/contract/print.js';
import { AppError } from '../../../shared/errors.js';
import type { WaybillService } from '../../fulfil/waybills/service.js';
import { by, type Who } from '../../fulfil/who.js';
import type { EventLog } from '../../history/events.js';
import type { OrderQueries } from '../../orders/queries.js';
import type { ClaimStore } from '../../stations/claims.js';
import type { PrinterStore } from '../../stations/printers.js';
import type { DB } from '../../store/db.js';
import type { PiiService } from '../../sync/pii.js';
import { PrinterSettingsStore, renderDocument } from '../index.js';
import { DocumentBuilder } from './documents.js';
import { loadPrintFacts, parcelsOf } from './eligibility.js';
import { Enqueuer, type Selection } from './enqueue.js';
import { PrintOutcomes } from './outcomes.js';
import { PrinterSetup } from './printer-settings.js';
import { Reprints, type ReprintRequest } from './reprint.js';
import { PrintRunner, type RunnerOptions } from './runner.js';
import { PrintStore, toJob } from './store.js';

export interface PrintQueueDeps {
  db: DB;
  log: EventLog;
  queries: Pick<OrderQueries, 'list'>;
  printers: PrinterStore;
  claims: ClaimStore;
  waybills: WaybillService;
  /** Decrypts masked addresses for labels (purpose print_waybill); without it a masked order's label fails, saying so. */
  pii?: Pick<PiiService, 'reveal'>;
  /** 'print.job' events (core: events.emit('print.job', e)). */
  emit?: (e: PrintJobEvent) => void;
  now?: () => number;
  logMessage?: (msg: string) => void;
  runner?: RunnerOptions;
}

const SYSTEM: Who = { actor: 'system:print-queue', operatorId: null, stationId: null };

/**
 * The durable print queue (see main/print/queue/*.ts for each part). start() must run before anything else touches
 * the queue in a new process: jobs left 'sending' by a process that is gone become 'uncertain' — never resent by
 * themselves — and batches left running continue at their first job not yet sent.
 */
export class PrintQueue {
  readonly store: PrintStore;
  readonly runner: PrintRunner;
  readonly setup: PrinterSetup;
  private readonly outcomes: PrintOutcomes;
  private readonly enqueuer: Enqueuer;
  private readonly reprints: Reprints;
  private readonly documents: DocumentBuilder;
  private readonly settings: PrinterSettingsStore;
  private readonly now: () => number;
  private readonly emitEvent: (e: PrintJobEvent) => void;

  constructor(private readonly d: PrintQueueDeps) {
    this.now = d.now ?? Date.now;
    this.emitEvent = d.emit ?? (() => {});
    this.store = new PrintStore(d.db);
    this.settings = new PrinterSettingsStore(d.db);
    this.outcomes = new PrintOutcomes(d.db, this.store, d.log, d.waybills, d.claims);
    this.documents = new DocumentBuilder(d.db, d.pii);
    this.enqueuer = new Enqueuer({ db: d.db, store: this.store, outcomes: this.outcomes, log: d.log, queries: d.queries, printers: d.printers, claims: d.claims, waybills: d.waybills, now: this.now });
    this.reprints = new Reprints({ db: d.db, store: this.store, log: d.log, enqueuer: this.enqueuer, waybills: d.waybills, now: this.now });
    this.runner = new PrintRunner(
      {
        db: d.db,
        store: this.store,
        outcomes: this.outcomes,
        documents: this.documents,
        waybills: d.waybills,
        printers: this.settings,
        claims: d.claims,
        emit: this.emitEvent,
        now: this.now,
        log: d.logMessage ?? ((m) => console.error(m)),
      },
      d.runner,
    );
    this.setup = new PrinterSetup(this.settings, d.log, this.now, { timeoutMs: d.runner?.sendTimeoutMs });
  }

  /**
   * Startup: 'sending' → 'uncertain' (each with an event); batches whose printer was removed pause, saying so; then
   * every printer with work starts.
   */
  start(): { uncertain: number } {
    const now = this.now();
    const stuck = this.store.sending();
    this.d.db.transaction(() => {
      for (const j of stuck) {
        this.outcomes.uncertain(j, j.batch_id, 'ShopDesk stopped while this job was being sent: it may or may not have printed', SYSTEM, now);
      }
      for (const b of this.store.orphaned()) this.outcomes.pause(b.id, 'no_printer', `printer ${b.printer_name} was removed; cancel this batch and print its orders again`, SYSTEM, now);
    })();
    this.runner.kickAll();
    return { uncertain: stuck.length };
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  async enqueue(kind: 'label' | 'slip' | 'picklist', sel: Selection, who: Who): Promise<EnqueueResult> {
    const r = await this.enqueuer.enqueue(kind, sel, who);
    if (r.batchId === null) return { batch: null, refused: r.refused };
    this.announce(r.batchId, null);
    this.kick(r.batchId);
    return { batch: this.batch(r.batchId), refused: r.refused };
  }

  batch(id: number): PrintBatch {
    return this.store.toBatch(this.store.requireBatch(id));
  }

  job(id: number): PrintJob {
    return toJob(this.store.requireJob(id));
  }

  batches(q: { states?: PrintBatchState[] | undefined; stationId?: number | undefined; offset: number; limit: number }): { rows: PrintBatch[]; total: number } {
    const r = this.store.listBatches(q);
    return { rows: r.rows.map((b) => this.store.toBatch(b)), total: r.total };
  }

  jobs(q: { batchId?: number | undefined; orderId?: number | undefined; states?: PrintJobState[] | undefined; undecided: boolean; offset: number; limit: number }): { rows: PrintJob[]; total: number } {
    const r = this.store.listJobs(q);
    return { rows: r.rows.map(toJob), total: r.total };
  }

  /** Stops after the job printing now. */
  pause(batchId: number, who: Who): PrintBatch {
    const b = this.store.requireBatch(batchId);
    if (b.state !== 'queued' && b.state !== 'running') throw new AppError('conflict', `print batch ${batchId} is ${b.state}: only a waiting or printing batch is paused`, { batchId, state: b.state });
    this.outcomes.pause(batchId, 'person', `paused by ${who.actor}`, who, this.now());
    this.announce(batchId, null);
    return this.batch(batchId);
  }

  /**
   * Goes on at the next job not sent. Failed jobs are tried again; a job left 'sending' that nothing in this process
   * is sending any more (its send was cut off) becomes 'uncertain' rather than being sent again.
   */
  resume(batchId: number, who: Who): PrintBatch {
    const b = this.store.requireBatch(batchId);
    const c = this.store.counts(batchId);
    if (b.state !== 'paused' && !(b.state === 'done' && c.failed > 0)) {
      throw new AppError('conflict', `print batch ${batchId} is ${b.state}: only a paused batch (or a finished one with failed jobs) is resumed`, { batchId, state: b.state });
    }
    if (b.printer_id === null) throw new AppError('conflict', `printer ${b.printer_name} was removed: cancel batch ${batchId} and print its orders again`, { batchId, reason: 'no_printer' });
    const now = this.now();
    const inFlight = this.runner.sendingNow(b.printer_id);
    this.d.db.transaction(() => {
      for (const j of this.store.jobsIn(batchId, ['sending'])) {
        if (j.id !== inFlight) this.outcomes.uncertain(j, batchId, 'its send was cut off: it may or may not have printed', who, now);
      }
      const { requeued, superseded } = this.store.requeueFailed(batchId, now);
      this.store.setBatchState(batchId, 'queued', now);
      this.d.log.record({ at: now, ...by(who), entity: 'print_batch', entityId: batchId, action: 'resumed', data: { requeued, superseded: superseded.map((j) => j.id), was: b.pause_code } });
    })();
    this.announce(batchId, null);
    this.runner.kick(b.printer_id);
    return this.batch(batchId);
  }

  /** Stops after the job printing now; every job not sent yet is cancelled and its orders' print claims let go. */
  cancel(batchId: number, who: Who): PrintBatch {
    const b = this.store.requireBatch(batchId);
    if (b.state === 'done' || b.state === 'cancelled') throw new AppError('conflict', `print batch ${batchId} is already ${b.state}`, { batchId, state: b.state });
    const now = this.now();
    this.d.db.transaction(() => {
      const jobs = this.store.cancelUnsent(batchId, `cancelled by ${who.actor}`, now);
      this.store.setBatchState(batchId, 'cancelled', now);
      this.outcomes.releaseClaims(b, jobs.flatMap((j) => JSON.parse(j.order_ids) as number[]));
      this.d.log.record({ at: now, ...by(who), entity: 'print_batch', entityId: batchId, action: 'cancelled', data: { cancelledJobs: jobs.length } });
    })();
    this.announce(batchId, null);
    return this.batch(batchId);
  }

  async reprint(r: ReprintRequest, who: Who): Promise<ReprintResult> {
    const { batchId, jobId } = await this.reprints.reprint(r, who);
    this.announce(batchId, null);
    this.kick(batchId);
    return { batch: this.batch(batchId), job: this.job(jobId) };
  }

  /** A job that may or may not have printed: a person looked at the printer and says which. */
  async resolve(jobId: number, action: 'reprint' | 'markPrinted', reason: string | undefined, who: Who): Promise<{ job: PrintJob; reprint: ReprintResult | null }> {
    const j = this.store.requireJob(jobId);
    if (j.state !== 'uncertain' || j.resolution) {
      throw new AppError('conflict', `print job ${jobId} (${j.title}) is ${j.resolution ? `already decided (${j.resolution} by ${j.resolved_by})` : j.state}: only an undecided uncertain job is resolved`, { jobId, state: j.state });
    }
    if (action === 'reprint') {
      const { batchId, jobId: newJob } = await this.reprints.reprint({ jobId, kind: j.kind === 'slip' ? 'slip' : 'label', newNumber: false, reason }, who, { resolving: j });
      this.announce(batchId, null);
      this.kick(batchId);
      return { job: this.job(jobId), reprint: { batch: this.batch(batchId), job: this.job(newJob) } };
    }
    const now = this.now();
    const batch = this.store.requireBatch(j.batch_id);
    this.d.db.transaction(() => {
      this.outcomes.sent(j, batch, who, now, who.actor);
      this.d.log.record({ at: now, ...by(who), entity: 'print_job', entityId: jobId, action: 'resolved', reason: reason ?? null, data: { decision: 'markPrinted' } });
    })();
    this.announce(j.batch_id, this.store.requireJob(jobId));
    return { job: this.job(jobId), reprint: null };
  }

  /** The document as it will print on the printer (the raster bitmap a raster job sends), as a PNG data URL. */
  async preview(orderId: number, kind: 'label' | 'slip', printerId: number | undefined, who: Who): Promise<PreviewResult> {
    const p = this.enqueuer.printerFor(kind, printerId, who);
    const settings = this.settings.get(p.id);
    const f = loadPrintFacts(this.d.db, [orderId]).get(orderId);
    if (!f) throw new AppError('not_found', `order ${orderId} does not exist`, { orderId });
    const parcels = parcelsOf(f);
    if (parcels.length > 1) throw new AppError('conflict', `order ${f.platform_order_id} is split into parcels ${parcels.map((x) => x.id).join(', ')}: each part has its own ${kind}`, { orderId, reason: 'split' });
    const t = parcels[0] ? ({ kind: 'parcel', id: parcels[0].id } as const) : ({ kind: 'order', id: orderId } as const);
    const now = this.now();
    let r;
    if (kind === 'label') {
      const w = this.d.waybills.store.live(t.kind, t.id);
      if (!w) throw new AppError('conflict', `order ${f.platform_order_id} has no tracking number yet: printing its label takes one`, { orderId, reason: 'no_waybill' });
      r = renderDocument('label', p.paper, await this.documents.label(t, { carrier: w.carrier, trackingNo: w.tracking_no }, who, now), settings);
    } else r = renderDocument('slip', p.paper, this.documents.slip(t, now), settings);
    return { dataUrl: `data:image/png;base64,${r.png().toString('base64')}`, widthDots: r.bitmap.width, heightDots: r.bitmap.height, dpi: r.dpi, warnings: r.warnings };
  }

  private kick(batchId: number): void {
    const b = this.store.requireBatch(batchId);
    if (b.printer_id !== null) this.runner.kick(b.printer_id);
  }

  private announce(batchId: number, job: ReturnType<PrintStore['requireJob']> | null): void {
    const b = this.store.requireBatch(batchId);
    try {
      this.emitEvent({
        batchId,
        batchState: b.state,
        done: b.done,
        total: b.total,
        pauseCode: b.pause_code,
        jobId: job?.id ?? null,
        state: job?.state ?? null,
        orderId: job ? ((JSON.parse(job.order_ids) as number[])[0] ?? null) : null,
        title: job?.title ?? null,
        message: b.pause_reason,
      });
    } catch (e) {
      (this.d.logMessage ?? console.error)(`print queue: event failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
