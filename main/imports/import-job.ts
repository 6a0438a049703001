import fs from 'node:fs';
import path from 'node:path';
import { ERRORS_SHOWN, type GenericMapping, type ImportCounts, type ImportEncoding, type ImportPhase, type ImportResult, type RowError } from '../../shared/contract/imports.js';
import { AppError } from '../../shared/errors.js';
import type { ShopInfo } from '../../shared/domain/shop.js';
import type { EventLog } from '../history/events.js';
import type { OrderWriter } from '../orders/ingest.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import { Accumulator } from './accumulator.js';
import { OutcomePredictor } from './classify.js';
import type { FormatDef } from './formats/types.js';
import { Cancelled, readSourceWithRetry, walkOrders, type ReadResult, type RowSink } from './job.js';
import type { MergeContext } from './merge.js';
import { RunStore } from './run-store.js';
import { Stage } from './stage.js';
import type { UploadStore } from './uploads.js';

export interface JobDeps {
  db: DB;
  writer: Pick<OrderWriter, 'upsertOne'>;
  events: EventBus;
  log: EventLog;
  uploads: UploadStore;
  now: () => number;
}

export interface JobSource {
  uploadId: string;
  name: string;
  path: string;
  bytes: number;
  format: FormatDef;
  encoding?: ImportEncoding;
}

export interface JobSpec {
  shop: ShopInfo;
  sources: JobSource[];
  mapping: GenericMapping | null;
  actor: string;
}

type State = ImportResult['state'];
const PROGRESS_EVERY_MS = 200;

const fingerprint = (p: string) => {
  const st = fs.statSync(p);
  return `${st.size}:${st.mtimeMs}`;
};

/**
 * One import. The dry run streams every file once, keeping a compact state per order (accumulator.ts) and asking
 * the database read-only what the writer would do. Commit reads the files again into a stage file (asynchronously,
 * with progress), then stores the valid orders in ONE synchronous transaction through the writer — a transaction
 * cannot stay open across awaits without swallowing whatever else the app writes meanwhile.
 */
export class ImportJob {
  state: State = 'running';
  private phase: ImportPhase = 'reading';
  private rows = 0;
  private bytes = 0;
  private readonly totalBytes: number;
  private files: ReadResult[] = [];
  private counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, invalid: 0 };
  private errors: RowError[] = [];
  private errorsTotal = 0;
  private sample: ImportResult['sample'] = [];
  private failure: ImportResult['failure'] = null;
  private readonly startedAt: number;
  private finishedAt: number | null = null;
  private fingerprints: string[] = [];
  private stage: Stage | null = null;
  private runs: RunStore | null = null;
  private abort = new AbortController();
  private lastEmit = 0;
  done: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly spec: JobSpec,
    private readonly deps: JobDeps,
  ) {
    this.startedAt = deps.now();
    this.totalBytes = spec.sources.reduce((n, s) => n + s.bytes, 0);
  }

  get finished(): boolean {
    return this.state !== 'running' && this.state !== 'committing';
  }

  start(): void {
    this.done = this.preview();
  }

  private emit(force = false): void {
    const t = Date.now();
    if (!force && t - this.lastEmit < PROGRESS_EVERY_MS) return;
    this.lastEmit = t;
    this.deps.events.emit('imports.progress', { jobId: this.id, phase: this.phase, rows: this.rows, bytes: Math.min(this.bytes, this.totalBytes), totalBytes: this.totalBytes });
  }

  private mergeContext(): MergeContext {
    return {
      shopId: this.spec.shop.id,
      platform: this.spec.shop.platform,
      sources: this.spec.sources.map((s) => ({ format: s.format, name: s.name })),
      hasItemFile: this.spec.sources.some((s) => s.format.needsJoin),
    };
  }

  /** Reads every source into `sink`, with progress; an encoding found wrong partway restarts that file. */
  private async readAll(sink: RowSink, reset: (src: number) => void): Promise<ReadResult[]> {
    const results: ReadResult[] = [];
    this.rows = 0;
    this.bytes = 0;
    let bytesBefore = 0;
    for (let src = 0; src < this.spec.sources.length; src++) {
      const source = this.spec.sources[src]!;
      const rowsBefore = this.rows;
      const r = await readSourceWithRetry(
        {
          src,
          source,
          sink,
          shopCurrency: this.spec.shop.currency,
          mapping: this.spec.mapping,
          signal: this.abort.signal,
          progress: (rows, bytes) => {
            this.rows = rowsBefore + rows;
            this.bytes = bytesBefore + bytes;
            this.emit();
          },
        },
        () => reset(src),
      );
      // Commit reads each file as the dry run found it to be (encoding included).
      source.encoding = r.encoding;
      results.push(r);
      this.rows = rowsBefore + r.rows;
      bytesBefore += r.bytes;
      this.bytes = bytesBefore;
    }
    return results;
  }

  private async preview(): Promise<void> {
    try {
      this.emit(true);
      this.fingerprints = this.spec.sources.map((s) => fingerprint(s.path));
      this.runs = new RunStore(path.join(this.deps.uploads.dir, `${this.id}.preview.db`));
      const acc = new Accumulator(this.mergeContext(), ERRORS_SHOWN, this.runs, new OutcomePredictor(this.deps.db, this.spec.shop.platform, this.spec.shop.id));
      // A restart in another encoding: what was gathered from that file's wrong decoding is thrown away.
      this.files = await this.readAll(acc, (src) => acc.resetSource(src));
      this.phase = 'checking';
      this.emit(true);
      const r = await acc.finish();
      if (this.abort.signal.aborted) throw new Cancelled();
      this.counts = r.counts;
      this.errors = r.errors;
      this.errorsTotal = acc.errorsTotal;
      this.sample = r.sample;
      this.state = 'ready';
      this.phase = 'ready';
      this.finishedAt = this.deps.now();
      this.emit(true);
    } catch (e) {
      this.fail(e);
    } finally {
      this.runs?.destroy();
      this.runs = null;
    }
  }

  private fail(e: unknown): void {
    this.finishedAt = this.deps.now();
    if (e instanceof Cancelled || this.abort.signal.aborted) {
      this.state = 'cancelled';
      this.phase = 'cancelled';
      this.removeUploads();
    } else {
      this.state = 'failed';
      this.phase = 'failed';
      this.failure =
        e instanceof AppError
          ? { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }
          : { code: 'internal', message: `the import failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    this.emit(true);
  }

  private removeUploads(): void {
    for (const s of this.spec.sources) this.deps.uploads.remove(s.uploadId);
  }

  result(): ImportResult {
    return {
      jobId: this.id,
      state: this.state,
      progress: { jobId: this.id, phase: this.phase, rows: this.rows, bytes: Math.min(this.bytes, this.totalBytes), totalBytes: this.totalBytes },
      shopId: this.spec.shop.id,
      platform: this.spec.shop.platform,
      files: this.files.map((f, i) => ({ uploadId: this.spec.sources[i]!.uploadId, name: f.name, format: f.format.name, encoding: f.encoding, rows: f.rows, bytes: f.bytes })),
      counts: this.counts,
      rows: this.rows,
      errors: this.errors,
      errorsTotal: this.errorsTotal,
      sample: this.sample,
      failure: this.failure,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
    };
  }

  /**
   * Stores the valid orders. Counts are the writer's own outcomes (equal to the preview's unless the database
   * changed in between). Any failure rolls everything back and leaves the job ready to try again.
   */
  async commit(): Promise<{ jobId: string; counts: ImportCounts; changed: number }> {
    if (this.state === 'running') throw new AppError('conflict', 'the preview is still running: wait for it to finish', { jobId: this.id, state: this.state });
    if (this.state !== 'ready') throw new AppError('conflict', `this import is ${this.state}; it cannot be committed`, { jobId: this.id, state: this.state });
    const changedFile = this.spec.sources.find((s, i) => {
      try {
        return fingerprint(s.path) !== this.fingerprints[i];
      } catch {
        return true;
      }
    });
    if (changedFile) throw new AppError('conflict', `${changedFile.name} changed (or disappeared) since the preview: preview it again`, { file: changedFile.name });
    this.state = 'committing';
    this.phase = 'committing';
    this.abort = new AbortController();
    const stage = new Stage(path.join(this.deps.uploads.dir, `${this.id}.stage.db`));
    this.stage = stage;
    let counts: ImportCounts;
    try {
      this.emit(true);
      await this.readAll(stage, (src) => stage.resetSource(src));
      counts = this.store(stage);
    } catch (e) {
      stage.destroy();
      this.stage = null;
      this.state = 'ready';
      this.phase = 'ready';
      this.emit(true);
      if (e instanceof AppError) throw e;
      throw new AppError('io_error', `the import was not stored (nothing changed): ${e instanceof Error ? e.message : String(e)}`, { jobId: this.id });
    }
    stage.destroy();
    this.stage = null;
    this.state = 'committed';
    this.phase = 'committed';
    this.counts = counts;
    this.finishedAt = this.deps.now();
    this.removeUploads();
    this.emit(true);
    if (counts.new + counts.updated > 0) this.deps.events.emit('orders.changed', {});
    return { jobId: this.id, counts, changed: counts.new + counts.updated };
  }

  /** The one transaction: every valid order through the writer, the run recorded, the event logged. */
  private store(stage: Stage): ImportCounts {
    const now = this.deps.now();
    const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, invalid: this.counts.invalid };
    const files = this.files.map((f) => ({ name: f.name, format: f.format.name, encoding: f.encoding, rows: f.rows, bytes: f.bytes }));
    this.deps.db.transaction(() => {
      // The dry run's invalid count covers rows without an order id, which the stage never sees; orders refused here
      // are those the dry run refused too, so they are not counted twice.
      for (const item of walkOrders(stage, this.mergeContext(), null)) {
        if ('invalid' in item) continue;
        const [outcome] = this.deps.writer.upsertOne(item.order, this.spec.actor, now);
        counts[outcome === 'created' ? 'new' : outcome]++;
      }
      this.deps.db
        .prepare('INSERT INTO import_runs (job_id, shop_id, files, created, updated, unchanged, invalid, actor, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(this.id, this.spec.shop.id, JSON.stringify(files), counts.new, counts.updated, counts.unchanged, counts.invalid, this.spec.actor, now);
      this.deps.log.record({ at: now, actor: this.spec.actor, entity: 'shop', entityId: this.spec.shop.id, action: 'orders_imported', data: { jobId: this.id, files, ...counts } });
    })();
    return counts;
  }

  /** Stops a running preview (resolves once it has stopped) or discards a finished one. */
  async cancel(): Promise<boolean> {
    if (this.state === 'running') {
      this.abort.abort();
      await this.done;
      return (this.state as State) === 'cancelled';
    }
    if (this.state === 'ready' || this.state === 'failed') {
      this.state = 'cancelled';
      this.phase = 'cancelled';
      this.finishedAt = this.deps.now();
      this.removeUploads();
      this.emit(true);
      return true;
    }
    return false;
  }

  /** The app is closing: stop reading and remove a stage file (a running preview removes its own spill file). */
  dispose(): void {
    this.abort.abort();
    if (this.state !== 'committing') {
      this.stage?.destroy();
      this.stage = null;
    }
  }
}
