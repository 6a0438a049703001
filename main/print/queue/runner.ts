import crypto from 'node:crypto';
import type { PrintJobEvent } from '../../../shared/contract/print.js';
import { AppError } from '../../../shared/errors.js';
import type { WaybillService } from '../../fulfil/waybills/service.js';
import type { Who } from '../../fulfil/who.js';
import type { ClaimStore } from '../../stations/claims.js';
import type { DB } from '../../store/db.js';
import { encodeJob, isPrinterError, queryPrinterStatus, sendToPrinter, type DocData, type PrinterError, type PrinterSettingsStore, type PrinterStatus, type PrintTarget } from '../index.js';
import type { DocumentBuilder } from './documents.js';
import { blockedNow, loadPrintFacts } from './eligibility.js';
import { whoOfBatch, type PrintOutcomes } from './outcomes.js';
import { jobOrderIds, type BatchRow, type JobRow, type PrintStore } from './store.js';

export interface RunnerOptions {
  /** Waits before the 2nd and 3rd try of a job the printer did not take (the 3rd failure pauses the batch). */
  retryDelaysMs?: readonly number[];
  sendTimeoutMs?: number;
  statusTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Bytes to the printer (default: sendToPrinter; the runner asks for status itself, before 'sending'). */
  send?: (p: PrintTarget, bytes: Buffer) => Promise<void>;
  status?: (p: PrintTarget) => Promise<PrinterStatus | null>;
}

export interface RunnerDeps {
  db: DB;
  store: PrintStore;
  outcomes: PrintOutcomes;
  documents: DocumentBuilder;
  waybills: Pick<WaybillService, 'ensure' | 'recycleUnused'>;
  printers: PrinterSettingsStore;
  claims: ClaimStore;
  emit: (e: PrintJobEvent) => void;
  now: () => number;
  log: (msg: string) => void;
}

type Step = 'next' | 'stop';
const TRIES = 3;

/**
 * Works the queue: per printer one batch at a time (oldest first), its jobs in seq order. Before each job the orders
 * are checked again (intercepted since → cancelled, the batch goes on) and the printer is asked for its status where
 * its language can (out of paper → the batch pauses; resume goes on at the next unsent job). A job is committed
 * 'sending' before its bytes leave and 'sent' after. A printer that does not take the bytes is tried 3 times with
 * backoff, then the batch pauses; one that may have taken part of them leaves the job 'uncertain' and pauses.
 */
export class PrintRunner {
  private readonly loops = new Map<number, Promise<void>>();
  /** The job each printer is sending right now (in this process). */
  private readonly inFlight = new Map<number, number>();
  /** The batch each printer's loop is working on (to pause it if the loop fails). */
  private readonly current = new Map<number, number>();
  /**
   * Printers that did not answer a status query while their loop ran: many cheap ones have no status channel, and
   * waiting out the timeout before every label would make a batch crawl. Asked again when the loop next starts.
   */
  private readonly noStatus = new Set<number>();
  private stopping = false;
  private readonly o: Required<Omit<RunnerOptions, 'send' | 'status'>> & Pick<RunnerOptions, 'send' | 'status'>;

  constructor(
    private readonly d: RunnerDeps,
    opts: RunnerOptions = {},
  ) {
    this.o = {
      retryDelaysMs: opts.retryDelaysMs ?? [1_000, 4_000],
      sendTimeoutMs: opts.sendTimeoutMs ?? 15_000,
      statusTimeoutMs: opts.statusTimeoutMs ?? 2_000,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      send: opts.send,
      status: opts.status,
    };
  }

  /** Starts the printer's loop unless it is running; it ends when the printer has nothing left to do. */
  kick(printerId: number): void {
    if (this.stopping || this.loops.has(printerId)) return;
    let failed = false;
    const loop = this.loop(printerId)
      .catch((e: unknown) => {
        // A bug or a failing database, not a printer problem: the batch pauses saying so instead of spinning.
        failed = true;
        this.d.log(`print queue: printer ${printerId} stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        const batchId = this.current.get(printerId);
        if (batchId !== undefined) {
          try {
            const b = this.d.store.requireBatch(batchId);
            if (b.state === 'running') this.pause(b, 'printer_error', `internal error: ${message(e)}`, whoOfBatch(b));
          } catch (e2) {
            this.d.log(`print queue: could not pause batch ${batchId}: ${message(e2)}`);
          }
        }
      })
      .finally(() => {
        this.loops.delete(printerId);
        this.inFlight.delete(printerId);
        this.current.delete(printerId);
        this.noStatus.delete(printerId);
        // Something queued while the loop was ending is picked up.
        if (!failed && !this.stopping && this.d.store.nextBatch(printerId)) this.kick(printerId);
      });
    this.loops.set(printerId, loop);
  }

  kickAll(): void {
    for (const id of this.d.store.busyPrinters()) this.kick(id);
  }

  /** The job this process is sending on a printer right now, if any (resume leaves it alone). */
  sendingNow(printerId: number): number | undefined {
    return this.inFlight.get(printerId);
  }

  /** Resolves when every printer loop has nothing left (tests; shutdown after stop()). */
  async idle(): Promise<void> {
    while (this.loops.size) await Promise.all([...this.loops.values()]);
  }

  /** Stops after the jobs being sent now. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private async loop(printerId: number): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      const batch = this.d.store.nextBatch(printerId);
      if (!batch) return;
      this.current.set(printerId, batch.id);
      if (batch.state === 'queued') {
        this.d.store.setBatchState(batch.id, 'running', this.d.now());
        this.emit(batch.id, null, null);
      }
      await this.runBatch(batch.id);
    }
  }

  private async runBatch(batchId: number): Promise<void> {
    let tries = 0;
    let lastJob = 0;
    for (;;) {
      if (this.stopping) return;
      const batch = this.d.store.requireBatch(batchId);
      if (batch.state !== 'running') return; // paused or cancelled by a person: the job before was the last
      const job = this.d.store.nextQueued(batchId);
      if (!job) {
        this.d.outcomes.finish(batch, whoOfBatch(batch), this.d.now());
        this.emit(batchId, null, null);
        return;
      }
      if (job.id !== lastJob) tries = 0;
      lastJob = job.id;
      tries++;
      const step = await this.runJob(batch, job, tries);
      if (step === 'stop') return;
    }
  }

  private async runJob(batch: BatchRow, job: JobRow, tryNo: number): Promise<Step> {
    const who = whoOfBatch(batch);
    const now = this.d.now;
    if (batch.printer_id === null) return this.pause(batch, 'no_printer', `printer ${batch.printer_name} was removed; cancel this batch and print again`, who);

    // 1. The orders, again: anything that happened since the batch was queued wins over the batch.
    const stop = this.recheck(batch, job);
    if (stop) return this.cancel(batch, job, stop, who);

    // 2. The document, made now (its number, its address) and encoded for this printer.
    let target: PrintTarget;
    try {
      target = this.d.printers.target(batch.printer_id);
    } catch (e) {
      return this.pause(batch, 'no_printer', message(e), who);
    }
    if (target.language === 'os') return this.pause(batch, 'no_printer', `printer ${target.name} prints through the system driver; the print queue sends to network printers (ESC/POS, TSPL, ZPL)`, who);
    let made: { bytes: Buffer; waybill: { id: number; carrier: string; trackingNo: string } | null };
    try {
      made = await this.make(batch, job, target, who);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.d.outcomes.failed(job, batch, e.message, who, now());
      this.emit(batch.id, this.d.store.requireJob(job.id), e.message);
      return 'next';
    }

    // 3. Is the printer ready? Asked before 'sending' so a question that goes unanswered never makes a job uncertain.
    let status: PrinterStatus | null = null;
    if (!this.noStatus.has(batch.printer_id)) {
      try {
        status = await (this.o.status ?? ((p: PrintTarget) => queryPrinterStatus(p, this.o.statusTimeoutMs)))(target);
      } catch (e) {
        if (isPrinterError(e, 'refused') || isPrinterError(e, 'unreachable')) return this.retryOrPause(batch, job, e, tryNo, who);
        if (isPrinterError(e, 'bad_status')) return this.pause(batch, 'printer_error', e.message, who);
        if (!isPrinterError(e, 'timeout') && !isPrinterError(e, 'reset')) throw e;
        this.noStatus.add(batch.printer_id); // silent or hung up: status unknown, print (as sendToPrinter does)
      }
    }
    if (status?.paperOut) return this.pause(batch, 'paper_out', `printer ${target.name} is out of paper: load paper and resume`, who);
    const notReady = status && [status.headOpen && 'the print head is open', status.paused && 'it is paused', status.ribbonOut && 'the ribbon ran out', status.jammed && 'the paper is jammed'].filter(Boolean);
    if (notReady && notReady.length) return this.pause(batch, 'not_ready', `printer ${target.name} is not ready: ${notReady.join(', ')}`, who);

    // 4. Committed 'sending', then the bytes, then 'sent' with everything printing a label changes. The orders are
    //    checked once more first, with no wait between that check and 'sending' (making the label and asking the
    //    printer took time, and a refund may have come in meanwhile).
    const stopNow = this.recheck(batch, job);
    if (stopNow) return this.cancel(batch, job, stopNow, who);
    const sha256 = crypto.createHash('sha256').update(made.bytes).digest('hex');
    try {
      this.d.outcomes.sending(job, made.waybill, { sha256, length: made.bytes.length }, who, now());
    } catch (e) {
      // e.g. its number was shipped or voided in the moment between making the label and now: nothing was sent.
      if (!(e instanceof AppError)) throw e;
      this.d.outcomes.failed(job, batch, e.message, who, now());
      this.emit(batch.id, this.d.store.requireJob(job.id), e.message);
      return 'next';
    }
    this.inFlight.set(batch.printer_id, job.id);
    this.emit(batch.id, this.d.store.requireJob(job.id), null);
    try {
      await (this.o.send ?? ((p: PrintTarget, b: Buffer) => sendToPrinter(p, b, { checkStatus: false, timeoutMs: this.o.sendTimeoutMs })))(target, made.bytes);
    } catch (e) {
      this.inFlight.delete(batch.printer_id);
      const sent = this.d.store.requireJob(job.id);
      if (maybeReached(e)) {
        const why = `${message(e)} — the label may or may not have printed`;
        this.d.outcomes.uncertain(sent, batch.id, why, who, now());
        this.emit(batch.id, this.d.store.requireJob(job.id), why);
        return this.pause(batch, 'uncertain', `job ${job.seq} (${job.title}) may have printed: check the printer, then reprint it or mark it printed, and resume`, who);
      }
      this.d.outcomes.notSent(sent, message(e), now());
      return this.retryOrPause(batch, sent, e, tryNo, who);
    }
    this.inFlight.delete(batch.printer_id);
    this.d.outcomes.sent(this.d.store.requireJob(job.id), batch, who, now());
    this.emit(batch.id, this.d.store.requireJob(job.id), null);
    return 'next';
  }

  /** The job is not to print (its orders changed): cancelled with the reason; its number, never printed, goes back. */
  private async cancel(batch: BatchRow, job: JobRow, reason: string, who: Who): Promise<Step> {
    if (this.d.outcomes.cancelled(job, batch, reason, who, this.d.now())) {
      this.emit(batch.id, this.d.store.requireJob(job.id), reason);
      if (job.kind === 'label' && job.order_id !== null) {
        // Not printed, and the order must not ship: its number goes back now (the sweep after each sync would too).
        const r = await this.d.waybills.recycleUnused([job.order_id], who).catch((e: unknown) => ({ recycled: 0, failed: [{ orderId: job.order_id!, trackingNo: job.tracking_no ?? '', message: message(e) }] }));
        for (const f of r.failed) this.d.log(`print queue: number ${f.trackingNo} of order ${f.orderId} could not be recycled: ${f.message}`);
      }
    }
    return 'next';
  }

  /** A pick list covers many orders: one refunded since it was queued drops off the list rather than stopping it. */
  private stillToPick(ids: readonly number[]): number[] {
    const facts = loadPrintFacts(this.d.db, ids);
    return ids.filter((id) => {
      const f = facts.get(id);
      return f !== undefined && blockedNow(f) === null;
    });
  }

  /** Why the job must not print now, or null. Claims are renewed as the batch goes (they lapse after 10 minutes). */
  private recheck(batch: BatchRow, job: JobRow): string | null {
    const ids = jobOrderIds(job);
    if (job.kind === 'picklist') return this.stillToPick(ids).length ? null : 'every order on this pick list was intercepted, cancelled or shipped since it was queued';
    const facts = loadPrintFacts(this.d.db, ids);
    for (const id of ids) {
      const f = facts.get(id);
      if (!f) return `order ${id} no longer exists`;
      const why = blockedNow(f);
      if (why) return `${why.message} (found just before printing)`;
    }
    if (batch.station_id) {
      const s = { stationId: batch.station_id, operatorId: batch.operator_id, trusted: false };
      for (const id of ids) {
        try {
          this.d.claims.claim(id, 'print', s, this.d.now());
        } catch (e) {
          if (e instanceof AppError && e.code === 'conflict') return e.message;
          throw e;
        }
      }
    }
    return null;
  }

  private async make(batch: BatchRow, job: JobRow, target: PrintTarget, who: Who): Promise<{ bytes: Buffer; waybill: { id: number; carrier: string; trackingNo: string } | null }> {
    if (target.language === 'os') throw new AppError('invalid_input', `printer ${target.name} prints through the system driver`);
    const now = this.d.now();
    const t = job.parcel_id !== null ? ({ kind: 'parcel', id: job.parcel_id } as const) : ({ kind: 'order', id: job.order_id ?? 0 } as const);
    let data: DocData[typeof job.kind];
    let waybill: { id: number; carrier: string; trackingNo: string } | null = null;
    if (job.kind === 'label') {
      // The live number now (a reprint with a new number, or a void since, changes it); none left → a new one.
      const w = await this.d.waybills.ensure(t.kind, t.id, who);
      waybill = { id: w.id, carrier: w.carrier, trackingNo: w.trackingNo };
      data = await this.d.documents.label(t, w, who, now);
    } else if (job.kind === 'slip') data = this.d.documents.slip(t, now);
    else data = this.d.documents.picklist(batch.id, this.stillToPick(jobOrderIds(job)), now);
    const enc = encodeJob(target.language, undefined, job.kind, target.paper, data, target.settings);
    return { bytes: enc.bytes, waybill };
  }

  private async retryOrPause(batch: BatchRow, job: JobRow, e: unknown, tryNo: number, who: Who): Promise<Step> {
    if (tryNo < TRIES) {
      this.emit(batch.id, this.d.store.requireJob(job.id), `${message(e)} — trying again`);
      await this.o.sleep(this.o.retryDelaysMs[tryNo - 1] ?? this.o.retryDelaysMs.at(-1) ?? 1_000);
      return 'next';
    }
    return this.pause(batch, 'printer_error', `${message(e)} (tried ${TRIES} times); resume when the printer is back`, who);
  }

  private pause(batch: BatchRow, code: 'paper_out' | 'not_ready' | 'printer_error' | 'uncertain' | 'no_printer', reason: string, who: Who): Step {
    this.d.outcomes.pause(batch.id, code, reason, who, this.d.now());
    this.emit(batch.id, null, reason);
    return 'stop';
  }

  private emit(batchId: number, job: JobRow | null, msg: string | null): void {
    const b = this.d.store.requireBatch(batchId);
    try {
      this.d.emit({
        batchId,
        batchState: b.state,
        done: b.done,
        total: b.total,
        pauseCode: b.pause_code,
        jobId: job?.id ?? null,
        state: job?.state ?? null,
        orderId: job ? (jobOrderIds(job)[0] ?? null) : null,
        title: job?.title ?? null,
        message: msg,
      });
    } catch (e) {
      this.d.log(`print queue: progress event failed: ${message(e)}`);
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Could any byte have reached the printer? Refused, unreachable or a connect timeout: certainly not. A reset or a
 * timeout after bytes were written: perhaps, and a partly received label may print — so the job is uncertain.
 */
export function maybeReached(e: unknown): boolean {
  if (!isPrinterError(e)) return false;
  const err: PrinterError = e;
  if (err.reason !== 'timeout' && err.reason !== 'reset' && err.reason !== 'spooler') return false;
  const d = err.details ?? {};
  return !(d.phase === 'connecting' || d.bytesWritten === 0);
}
