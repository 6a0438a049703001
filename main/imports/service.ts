import path from 'node:path';
import { GENERIC_ONE_OF, GENERIC_REQUIRED, GenericMapping, type ImportCounts, type ImportFormat, type ImportResult, type InspectResult, type UploadResult } from '../../shared/contract/imports.js';
import { AppError } from '../../shared/errors.js';
import type { ShopInfo } from '../../shared/domain/shop.js';
import type { EventLog } from '../history/events.js';
import type { OrderWriter } from '../orders/ingest.js';
import { listShops } from '../shops/handlers.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import { ImportFailure } from './failure.js';
import { genericFormat, platformFormat, type FormatDef } from './formats/index.js';
import { inspectFile, suggestMapping } from './inspect.js';
import { ImportJob, type JobDeps } from './import-job.js';
import { PresetStore } from './presets.js';
import { newId, UploadStore } from './uploads.js';

export interface ImportServiceDeps {
  db: DB;
  dbPath: string;
  /** The writer sync uses; tests pass one that fails part-way to prove a failed commit changes nothing. */
  writer: Pick<OrderWriter, 'upsertOne'>;
  events: EventBus;
  log: EventLog;
  now?: () => number;
}

export interface PreviewInput {
  files: { uploadId: string; format?: ImportFormat | undefined }[];
  shopId?: number | undefined;
  mapping?: GenericMapping | undefined;
  presetId?: number | undefined;
}

/** Finished jobs kept for imports.result; older ones are forgotten first. */
const MAX_JOBS = 50;

/**
 * The import engine's front: uploads, presets, and jobs (preview → commit/cancel). See shared/contract/imports.ts for
 * the flow. Design choice: invalid orders do not block valid ones — commit stores the valid orders and the result
 * keeps listing the invalid ones — because a seller's 20 000-row export with three bad rows should not have to be
 * fixed in Excel before anything can be imported; re-importing the corrected file later is idempotent.
 */
export class ImportService {
  readonly uploads: UploadStore;
  readonly presets: PresetStore;
  private readonly jobs = new Map<string, ImportJob>();
  private readonly now: () => number;

  constructor(private readonly deps: ImportServiceDeps) {
    this.now = deps.now ?? Date.now;
    const dir = deps.dbPath === ':memory:' ? path.join(process.cwd(), 'imports') : path.join(path.dirname(path.resolve(deps.dbPath)), 'imports');
    this.uploads = new UploadStore(dir, this.now);
    this.presets = new PresetStore(deps.db);
    this.uploads.sweep();
  }

  registerLocalFile(file: string): UploadResult {
    return this.uploads.registerLocalFile(file);
  }

  async inspect(uploadId: string): Promise<InspectResult> {
    const u = this.uploads.get(uploadId);
    const i = await inspectFile(u.path, u.name);
    return {
      uploadId,
      name: u.name,
      bytes: u.bytes,
      encoding: i.encoding,
      headerRow: i.header.headerRow,
      headers: i.header.headers.map((h) => h.trim()),
      format: i.header.format?.name ?? null,
      platform: i.header.format?.platform ?? null,
      missing: i.header.format ? i.header.missing : (i.header.best ? i.header.missing : []),
      suggestedMapping: suggestMapping(i.header.headers),
      sample: i.sample,
    };
  }

  /** Checks what can be checked at once (files, layout, shop, mapping), then starts the dry run in the background. */
  async preview(input: PreviewInput, actor: string): Promise<{ jobId: string }> {
    const mapping = input.mapping ? GenericMapping.parse(input.mapping) : input.presetId !== undefined ? this.presets.get(input.presetId).mapping : null;
    const files = await Promise.all(
      input.files.map(async (f) => {
        const u = this.uploads.get(f.uploadId);
        const i = await inspectFile(u.path, u.name, f.format ?? null);
        let format: FormatDef | null = f.format && f.format !== 'generic' ? platformFormat(f.format) : (f.format === 'generic' ? null : i.header.format);
        const generic = f.format === 'generic' || (!format && mapping !== null);
        if (!format && !generic) {
          const hint = i.header.best ? `; closest is ${i.header.best.label}, which lacks ${i.header.missing.join(', ')}` : '';
          throw new ImportFailure('invalid_input', `${u.name}: the header is not a layout ShopDesk knows${hint}. Map its columns (generic import) instead`, {
            file: u.name,
            closest: i.header.best?.name ?? null,
            missing: i.header.missing,
          });
        }
        if (generic) format = null;
        return { uploadId: f.uploadId, name: u.name, path: u.path, bytes: u.bytes, format, encoding: i.encoding };
      }),
    );
    const platforms = [...new Set(files.map((f) => f.format?.platform).filter((p) => p != null))];
    if (platforms.length > 1) throw new ImportFailure('invalid_input', `the files are from different platforms (${platforms.join(', ')}); import them one at a time`, { platforms });
    if (files.length === 2) {
      const names = files.map((f) => f.format?.name).sort();
      if (names[0] !== 'taobao-items' || names[1] !== 'taobao-orders') {
        throw new ImportFailure('invalid_input', 'two files can be imported together only when they are a Taobao order report (订单报表) and its item report (宝贝报表)', { formats: names });
      }
    }
    const lone = files.find((f) => f.format?.needsJoin);
    if (lone && files.length === 1) {
      throw new ImportFailure('invalid_input', `${lone.name}: a Taobao item report (宝贝报表) has no order dates or statuses; import it together with its order report (订单报表) — they join on 订单编号`, {
        file: lone.name,
      });
    }
    const shop = this.resolveShop(input.shopId, platforms[0] ?? null, files[0]!.format?.label ?? 'generic');
    let currency = shop.currency;
    if (files.some((f) => !f.format)) {
      if (!mapping) throw new ImportFailure('invalid_input', 'a generic import needs a column mapping (or a saved preset)', { field: 'mapping' });
      checkMapping(mapping);
      currency = mapping.currency ?? shop.currency;
    }
    const sources = files.map((f) => ({ name: f.name, path: f.path, format: f.format ?? genericFormat(currency), encoding: f.encoding, uploadId: f.uploadId, bytes: f.bytes }));
    this.evict();
    const job = new ImportJob(newId(), { shop, sources, mapping, actor }, this.jobDeps());
    this.jobs.set(job.id, job);
    job.start();
    return { jobId: job.id };
  }

  private jobDeps(): JobDeps {
    return { db: this.deps.db, writer: this.deps.writer, events: this.deps.events, log: this.deps.log, uploads: this.uploads, now: this.now };
  }

  private resolveShop(shopId: number | undefined, platform: ShopInfo['platform'] | null, label: string): ShopInfo {
    const shops = listShops(this.deps.db);
    if (shopId !== undefined) {
      const s = shops.find((x) => x.id === shopId);
      if (!s) throw new AppError('not_found', `shop ${shopId} does not exist`, { shopId });
      if (platform && s.platform !== platform) {
        throw new ImportFailure('invalid_input', `shop ${s.id} (${s.name}) is a ${s.platform} shop; a ${label} goes to a ${platform} shop`, { shopId, shopPlatform: s.platform, platform });
      }
      return s;
    }
    const fit = shops.filter((s) => s.active && (!platform || s.platform === platform));
    if (fit.length === 1) return fit[0]!;
    if (fit.length === 0) throw new ImportFailure('invalid_input', platform ? `there is no ${platform} shop to import into: add the shop first` : 'there is no shop to import into: add a shop first', { platform });
    throw new ImportFailure('invalid_input', `choose the shop to import into: ${fit.map((s) => `${s.id} (${s.name})`).join(', ')}`, { field: 'shopId', shops: fit.map((s) => s.id) });
  }

  private job(jobId: string): ImportJob {
    const j = this.jobs.get(jobId);
    if (!j) throw new AppError('not_found', `import job ${jobId} does not exist (jobs are forgotten when ShopDesk restarts)`, { jobId });
    return j;
  }

  result(jobId: string): ImportResult {
    return this.job(jobId).result();
  }

  /** Waits for a preview to finish (CLI, tests). */
  async settled(jobId: string): Promise<ImportResult> {
    await this.job(jobId).done;
    return this.result(jobId);
  }

  commit(jobId: string): Promise<{ jobId: string; counts: ImportCounts; changed: number }> {
    return this.job(jobId).commit();
  }

  async cancel(jobId: string): Promise<{ cancelled: boolean }> {
    return { cancelled: await this.job(jobId).cancel() };
  }

  private evict(): void {
    if (this.jobs.size < MAX_JOBS) return;
    for (const [id, j] of this.jobs) {
      if (j.finished) {
        j.dispose();
        this.jobs.delete(id);
        if (this.jobs.size < MAX_JOBS) return;
      }
    }
  }

  /** Stops running previews and removes their stage files (the app is closing). */
  close(): void {
    for (const j of this.jobs.values()) j.dispose();
    this.jobs.clear();
  }
}

/** A generic mapping must name the required fields; the message lists every one missing. */
export function checkMapping(m: GenericMapping): void {
  const missing: string[] = GENERIC_REQUIRED.filter((f) => !m.columns[f]);
  for (const group of GENERIC_ONE_OF) if (!group.some((f) => m.columns[f])) missing.push(group.join(' or '));
  if (missing.length) throw new ImportFailure('invalid_input', `the column mapping does not say where to read: ${missing.join(', ')}`, { field: 'mapping', missing });
}
