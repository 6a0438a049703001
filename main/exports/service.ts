import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportJob } from '../../shared/contract/exports.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { Session, Sessions } from '../people/sessions.js';
import { toErrorPayload } from '../transport/dispatch.js';
import type { EventBus } from '../transport/event-bus.js';
import { exportSaveDialog, offerDownload, withdrawDownload } from './download.js';
import { checkTimeZone, defaultTimeZone, runExport, type ParsedExportRequest } from './run.js';
import { timeFormatter } from './columns.js';

export interface ExportServiceDeps {
  dbPath: string;
  events: EventBus;
  log: EventLog;
  sessions: Sessions;
  now?: () => number;
}

interface Job {
  info: ExportJob;
  file: string;
  stationId: number | null;
  abort: AbortController;
  done: Promise<ExportJob>;
}

/** Files in exports/ are a staging area (downloaded or saved elsewhere from there): kept this long, then removed. */
const KEEP_FILES_MS = 24 * 3600_000;
/** Progress events at most this often per job (plus one at every change of state). */
const PROGRESS_EVERY_MS = 200;

/** "orders-pending_audit-20261125-1530" / "shipments-20261101-20261130": what the file is, readable in a folder. */
function baseName(req: ParsedExportRequest, zone: string, now: number): string {
  const day = (ms: number) => timeFormatter(zone)(ms).slice(0, 10).replace(/-/g, '');
  if (req.kind === 'shipments') return `shipments-${day(req.from)}-${day(req.to - 1)}`;
  const stamp = timeFormatter(zone)(now).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
  return `orders-${req.view.queue}-${stamp}`;
}

/**
 * Export jobs: each runs in the background (runExport streams it from a snapshot), announces progress, can be
 * cancelled, and when done is offered for download (serve) or saving (desktop). A job is visible to the station that
 * started it (and the CLI), like its other work.
 */
export class ExportService {
  private readonly jobs = new Map<string, Job>();
  private readonly now: () => number;

  constructor(private readonly d: ExportServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  /** exports/ beside the database. */
  dir(): string {
    return path.join(path.dirname(this.d.dbPath), 'exports');
  }

  start(req: ParsedExportRequest, s: Session): ExportJob {
    const zone = checkTimeZone(req.timeZone ?? defaultTimeZone());
    const request = { ...req, timeZone: zone };
    const startedAt = this.now();
    const id = crypto.randomBytes(12).toString('base64url');
    const fileName = `${baseName(request, zone, startedAt)}.${req.format}`;
    fs.mkdirSync(this.dir(), { recursive: true });
    this.prune(startedAt);
    const file = path.join(this.dir(), `${path.basename(fileName, `.${req.format}`)}-${id.slice(0, 8)}.${req.format}`);
    const info: ExportJob = { id, kind: req.kind, format: req.format, state: 'running', rows: 0, total: null, fileName, bytes: null, startedAt, finishedAt: null, error: null, download: null };
    const abort = new AbortController();
    let lastEmit = 0;
    const progress = (force: boolean) => {
      const t = this.now();
      if (!force && t - lastEmit < PROGRESS_EVERY_MS) return;
      lastEmit = t;
      this.d.events.emit('exports.progress', { id, state: info.state, rows: info.rows, total: info.total });
    };
    const done = runExport({
      dbPath: this.d.dbPath,
      request,
      file,
      signal: abort.signal,
      onProgress: (rows, total) => {
        info.rows = rows;
        info.total = total;
        progress(false);
      },
    }).then(
      (r) => {
        Object.assign(info, { state: 'done', rows: r.rows, total: r.total, bytes: r.bytes, finishedAt: this.now(), download: offerDownload(file, fileName) });
        this.d.log.record({
          actor: this.d.sessions.actor(s),
          operatorId: s.operatorId,
          stationId: s.stationId,
          entity: 'export',
          entityId: null,
          action: 'exported',
          data: { kind: req.kind, format: req.format, rows: r.rows, fileName, ...(req.kind === 'orders' ? { view: req.view } : { from: req.from, to: req.to, shopIds: req.shopIds ?? null }) },
        });
        progress(true);
        return { ...info };
      },
      (e: unknown) => {
        const err = toErrorPayload(e);
        const wasCancelled = abort.signal.aborted;
        Object.assign(info, { state: wasCancelled ? 'cancelled' : 'failed', finishedAt: this.now(), error: wasCancelled ? null : { code: err.code, message: err.message } });
        progress(true);
        return { ...info };
      },
    );
    this.jobs.set(id, { info, file, stationId: s.stationId, abort, done });
    progress(true);
    return { ...info };
  }

  private job(id: string, s: Session): Job {
    const j = this.jobs.get(id);
    // Another station's export is not this one's business: it does not exist as far as this caller knows.
    if (!j || (!s.trusted && j.stationId !== s.stationId)) throw new AppError('not_found', `export ${id} does not exist (or was started elsewhere)`, { id });
    return j;
  }

  get(id: string, s: Session): ExportJob {
    return { ...this.job(id, s).info };
  }

  /** The job once it has finished, whichever way (tests, the CLI). */
  finished(id: string, s: Session): Promise<ExportJob> {
    return this.job(id, s).done;
  }

  cancel(id: string, s: Session): { cancelled: boolean } {
    const j = this.job(id, s);
    if (j.info.state !== 'running') return { cancelled: false };
    j.abort.abort();
    return { cancelled: true };
  }

  async save(id: string, s: Session): Promise<{ savedTo: string | null }> {
    const j = this.job(id, s);
    if (j.info.state !== 'done') throw new AppError('conflict', `export ${id} is ${j.info.state}, not done: nothing to save yet`, { id, state: j.info.state });
    const dialog = exportSaveDialog();
    if (!dialog) throw new AppError('conflict', 'saving with a dialog works in the desktop app; in a browser, use the download link', { id, reason: 'no_dialog' });
    return { savedTo: await dialog(j.file, j.info.fileName) };
  }

  /** Cancels running exports (the app is closing). */
  stop(): void {
    for (const j of this.jobs.values()) if (j.info.state === 'running') j.abort.abort();
  }

  /** Drops staged files older than KEEP_FILES_MS and the jobs that pointed at them. */
  private prune(now: number): void {
    for (const [id, j] of this.jobs) {
      if (j.info.state !== 'running' && (j.info.finishedAt ?? now) < now - KEEP_FILES_MS) {
        withdrawDownload(j.file);
        this.jobs.delete(id);
      }
    }
    for (const name of fs.readdirSync(this.dir())) {
      const f = path.join(this.dir(), name);
      const st = fs.statSync(f, { throwIfNoEntry: false });
      if (st?.isFile() && st.mtimeMs < now - KEEP_FILES_MS && /\.(csv|xlsx)$/.test(name)) fs.rmSync(f, { force: true });
    }
  }
}
