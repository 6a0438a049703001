import { create } from 'zustand';
import type { GenericField, GenericMapping, ImportCounts, ImportProgress, ImportResult, InspectResult } from '../../../shared/contract/imports.js';
import type { RowId } from '../../../shared/domain/ids.js';
import { api } from '../api/client.js';
import { ApiError, asApiError } from '../api/errors.js';
import { fileSource, isAbort, type UploadResult } from '../api/upload.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * The import flow (issue #5), one at a time per window: pick → upload + inspect → setup (shop, mapping) → dry run
 * (running) → preview → commit → done. Kept in a store, not in the screen, so a long dry run goes on while the seller
 * looks at the order queue, and the screen shows where it is when they come back.
 */
export type ImportStep = 'pick' | 'uploading' | 'setup' | 'running' | 'preview' | 'committing' | 'done';

/** One file on its way to main: bytes sent so far, then what inspect said about it. */
export interface PickedFile {
  name: string;
  size: number;
  loaded: number;
  phase: 'waiting' | 'uploading' | 'inspecting' | 'done';
}

export interface MappingDraft {
  columns: Partial<Record<GenericField, string>>;
  /** null: the shop's currency. */
  currency: string | null;
  utcOffsetMinutes: number;
}

export interface ImportFailure {
  /** What was being done, in the UI's words. */
  title: MessageKey;
  error: ApiError;
}

interface ImportsState {
  step: ImportStep;
  files: PickedFile[];
  inspects: InspectResult[];
  shopId: RowId | null;
  mapping: MappingDraft;
  jobId: string | null;
  progress: ImportProgress | null;
  result: ImportResult | null;
  committed: { counts: ImportCounts; changed: number; shopId: RowId } | null;
  failure: ImportFailure | null;
  /** A word for the pick step after a cancel, so the seller knows nothing was stored. */
  notice: 'cancelled' | null;
  /** A call to main for this flow is on its way (start, commit, cancel): buttons ignore repeats. */
  busy: boolean;
}

export const EMPTY_MAPPING: MappingDraft = { columns: {}, currency: null, utcOffsetMinutes: 480 };

const INITIAL: ImportsState = {
  step: 'pick',
  files: [],
  inspects: [],
  shopId: null,
  mapping: EMPTY_MAPPING,
  jobId: null,
  progress: null,
  result: null,
  committed: null,
  failure: null,
  notice: null,
  busy: false,
};

export const useImports = create<ImportsState>(() => INITIAL);

const set = useImports.setState;
const get = useImports.getState;

/** A fallback beside the progress events: a lost event must not leave the bar stuck, and the end comes by result. */
const POLL_MS = 1000;
/** Two files at most: a Taobao order report and its item report. */
export const MAX_FILES = 2;

let uploadAbort: AbortController | null = null;
let stopWatching: (() => void) | null = null;

function fail(title: MessageKey, e: unknown, step: ImportStep): void {
  set({ step, failure: { title, error: asApiError(e) }, busy: false });
}

function patchFile(index: number, patch: Partial<PickedFile>): void {
  set((s) => ({ files: s.files.map((f, i) => (i === index ? { ...f, ...patch } : f)) }));
}

/** The mapping screen starts from what main guessed from the headers (times default to China's offset). */
function draftOf(m: GenericMapping): MappingDraft {
  return { columns: { ...m.columns }, currency: m.currency ?? null, utcOffsetMinutes: m.utcOffsetMinutes ?? 480 };
}

async function inspectAll(uploads: UploadResult[]): Promise<void> {
  const inspects: InspectResult[] = [];
  for (const [i, u] of uploads.entries()) {
    patchFile(i, { phase: 'inspecting', loaded: u.bytes });
    inspects.push(await api.invoke('imports.inspect', { uploadId: u.uploadId }));
    patchFile(i, { phase: 'done' });
  }
  const only = inspects.length === 1 ? inspects[0] : undefined;
  set({ step: 'setup', inspects, mapping: only && only.format === null ? draftOf(only.suggestedMapping) : EMPTY_MAPPING });
}

/** Sends the picked files (browser) one after the other, then inspects them. */
export function chooseFiles(list: readonly File[]): void {
  if (get().step !== 'pick' && get().step !== 'setup') return;
  if (list.length === 0) return;
  if (list.length > MAX_FILES) {
    set({ failure: { title: 'imports.uploadError', error: new ApiError({ code: 'invalid_input', message: `${list.length} files: at most ${MAX_FILES} at once` }) } });
    return;
  }
  const empty = list.find((f) => f.size === 0);
  if (empty) {
    set({ failure: { title: 'imports.uploadError', error: new ApiError({ code: 'invalid_input', message: `${empty.name}: the file is empty`, details: { file: empty.name } }) } });
    return;
  }
  const files: PickedFile[] = list.map((f) => ({ name: f.name, size: f.size, loaded: 0, phase: 'waiting' }));
  set({ ...INITIAL, step: 'uploading', files });
  const abort = new AbortController();
  uploadAbort = abort;
  void (async () => {
    try {
      const uploads: UploadResult[] = [];
      for (const [i, file] of list.entries()) {
        patchFile(i, { phase: 'uploading' });
        uploads.push(await fileSource().upload(file, { signal: abort.signal, onProgress: (p) => patchFile(i, { loaded: p.loaded }) }));
      }
      if (abort.signal.aborted) return;
      await inspectAll(uploads);
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return; // cancelAll already reset the flow
      fail(get().files.some((f) => f.phase === 'inspecting') ? 'imports.inspectError' : 'imports.uploadError', e, 'pick');
    } finally {
      if (uploadAbort === abort) uploadAbort = null;
    }
  })();
}

/** Electron: main's own file dialog registers the files; then the same inspect step. */
export function pickWithDialog(): void {
  if (get().busy) return;
  set({ failure: null, notice: null, busy: true });
  fileSource()
    .pick()
    .then(async (uploads) => {
      set({ busy: false });
      if (!uploads.length) return;
      if (uploads.length > MAX_FILES) throw new ApiError({ code: 'invalid_input', message: `${uploads.length} files: at most ${MAX_FILES} at once` });
      set({ ...INITIAL, step: 'uploading', files: uploads.map((u) => ({ name: u.name, size: u.bytes, loaded: u.bytes, phase: 'waiting' })) });
      await inspectAll(uploads);
    })
    .catch((e: unknown) => fail('imports.inspectError', e, 'pick'));
}

/** Stops an upload in flight and goes back to the file picker. */
export function cancelUpload(): void {
  uploadAbort?.abort();
  uploadAbort = null;
  set({ ...INITIAL, notice: 'cancelled' });
}

export function setShop(shopId: RowId | null): void {
  set({ shopId, failure: null });
}

export function setMapping(mapping: MappingDraft): void {
  set({ mapping });
}

/** True when the files go through the column mapping: one file whose layout main did not recognise. */
export function isGeneric(inspects: readonly InspectResult[]): boolean {
  return inspects.length === 1 && inspects[0]?.format === null;
}

export function mappingInput(m: MappingDraft): GenericMapping {
  return { columns: m.columns, utcOffsetMinutes: m.utcOffsetMinutes, ...(m.currency ? { currency: m.currency } : {}) };
}

/** Starts the dry run for the inspected files into the chosen shop. */
export function startPreview(): void {
  const s = get();
  if (s.step !== 'setup' || s.busy || s.shopId === null) return;
  const generic = isGeneric(s.inspects);
  set({ busy: true, failure: null, notice: null });
  api
    .invoke('imports.preview', {
      files: s.inspects.map((i) => ({ uploadId: i.uploadId })),
      shopId: s.shopId,
      ...(generic ? { mapping: mappingInput(s.mapping) } : {}),
    })
    .then(
      ({ jobId }) => {
        set({ step: 'running', jobId, busy: false, progress: null, result: null });
        watch(jobId);
      },
      (e: unknown) => fail('imports.startError', e, 'setup'),
    );
}

/** Follows a job by its progress events, and by polling its result until it is no longer running. */
function watch(jobId: string): void {
  stopWatching?.();
  let live = true;
  let asking = false;
  const ask = () => {
    if (asking || !live) return;
    asking = true;
    api.invoke('imports.result', { jobId }).then(
      (result) => {
        asking = false;
        if (!live || get().jobId !== jobId) return;
        set({ progress: result.progress });
        if (result.state === 'running') return;
        stop();
        if (result.state === 'cancelled') set({ ...INITIAL, notice: 'cancelled' });
        else set({ step: 'preview', result });
      },
      (e: unknown) => {
        asking = false;
        if (!live) return;
        // A job main no longer knows (restarted, discarded elsewhere) cannot come back: say so and start over.
        if (asApiError(e).code === 'not_found') {
          stop();
          fail('imports.resultError', e, 'pick');
        } else set({ failure: { title: 'imports.resultError', error: asApiError(e) } });
      },
    );
  };
  const off = api.subscribe('imports.progress', (p) => {
    if (p.jobId !== jobId || !live) return;
    set({ progress: p });
    if (p.phase !== 'reading' && p.phase !== 'checking') ask();
  });
  const timer = setInterval(ask, POLL_MS);
  const stop = () => {
    live = false;
    off();
    clearInterval(timer);
    if (stopWatching === stop) stopWatching = null;
  };
  stopWatching = stop;
  ask();
}

/** Cancel while the dry run reads, or Discard its preview: main drops the job and its uploads. */
export function cancelJob(): void {
  const { jobId, busy } = get();
  if (!jobId || busy) return;
  set({ busy: true });
  api.invoke('imports.cancel', { jobId }).then(
    () => {
      stopWatching?.();
      set({ ...INITIAL, notice: 'cancelled' });
    },
    (e: unknown) => set({ busy: false, failure: { title: 'imports.cancelError', error: asApiError(e) } }),
  );
}

/** Stores the preview's valid orders in one transaction. */
export function commit(): void {
  const { jobId, result, busy } = get();
  if (!jobId || !result || result.state !== 'ready' || busy) return;
  if (result.counts.new + result.counts.updated === 0) return;
  set({ step: 'committing', busy: true, failure: null });
  api.invoke('imports.commit', { jobId }).then(
    (r) => set({ step: 'done', busy: false, committed: { counts: r.counts, changed: r.changed, shopId: result.shopId } }),
    (e: unknown) => fail('imports.commitError', e, 'preview'),
  );
}

/** Back to the file picker (after done, or to drop what was picked before the dry run started). */
export function resetImport(): void {
  stopWatching?.();
  uploadAbort?.abort();
  set(INITIAL);
}

export function clearFailure(): void {
  set({ failure: null });
}
