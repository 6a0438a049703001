import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { GenericMapping, ImportEncoding, ImportPhase } from '../../shared/contract/imports.js';
import type { Platform } from '../../shared/domain/ids.js';
import type { NormalizedOrder } from '../orders/model.js';
import { ImportFailure } from './failure.js';
import { locate, normHeader } from './formats/headers.js';
import type { CellProblem, FormatDef, MapContext, RowFacts } from './formats/types.js';
import { hasMojibake } from './formats/values.js';
import { encodingFailure, findHeader, HEADER_SCAN_ROWS, isBlank } from './inspect.js';
import { mergeOrder, type MergeContext } from './merge.js';
import { EncodingMismatch } from './source/encoding.js';
import { openTable, type TableRecord } from './source/table.js';
import type { Stage } from './stage.js';

export interface JobSource {
  name: string;
  path: string;
  format: FormatDef;
  encoding?: ImportEncoding;
}

export interface ReadResult {
  name: string;
  format: FormatDef;
  encoding: ImportEncoding;
  rows: number;
  bytes: number;
}

export interface Progress {
  phase: ImportPhase;
  rows: number;
  bytes: number;
  totalBytes: number;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** 32-bit FNV-1a of a row's cells: compared only among rows of the same order, where a collision is negligible. */
export function rowHash(cells: readonly string[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < cells.length; i++) {
    const s = cells[i]!;
    for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 16777619);
    h = Math.imul(h ^ 31, 16777619);
  }
  return h >>> 0;
}

/** Column indexes for a generic mapping: each named header must exist in the file. */
export function genericColumns(headers: readonly string[], mapping: GenericMapping, file: string): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = normHeader(h);
    if (k && !index.has(k)) index.set(k, i);
  });
  const col = new Map<string, number>();
  for (const [field, header] of Object.entries(mapping.columns)) {
    if (!header) continue;
    const i = index.get(normHeader(header));
    if (i === undefined) throw new ImportFailure('invalid_input', `${file}: the mapping reads ${field} from column '${header}', but the file has no such column`, { file, field, column: header });
    col.set(field, i);
  }
  return col;
}

/** Where read rows go: the dry run's accumulator, or commit's stage. */
export interface RowSink {
  /** A row naming no order (its problems say why). */
  unattributed(src: number, row: number, problems: readonly CellProblem[]): void;
  /** A row of order `facts.orderId`; `problems` non-empty marks it (and so its order) invalid. */
  row(src: number, rec: TableRecord, facts: RowFacts, problems: readonly CellProblem[], headers: readonly string[]): void;
}

export interface ReadOptions {
  src: number;
  source: JobSource;
  sink: RowSink;
  shopCurrency: string;
  mapping: GenericMapping | null;
  signal: AbortSignal;
  progress: (rows: number, bytes: number) => void;
}

/**
 * Reads one file: finds its header, checks every row through the format's mapper and hands the rows to the sink.
 * Returns the number of data rows (blank rows are not counted).
 */
export async function readSource(o: ReadOptions): Promise<ReadResult> {
  const { source, sink, src } = o;
  const table = await openTable(source.path, source.name, source.encoding);
  const head: TableRecord[] = [];
  let mapper: ((rec: TableRecord, problems: CellProblem[]) => RowFacts | null) | null = null;
  let headers: string[] = [];
  let headerRow = 0;
  let rows = 0;
  let bytesRead = 0;
  const checkMojibake = table.encoding === 'gb18030' || table.encoding === 'utf-16le' || table.encoding === 'utf-16be';

  const begin = () => {
    const found = findHeader(head.slice(0, HEADER_SCAN_ROWS), source.format.name);
    if (!found) throw new ImportFailure('invalid_input', `${source.name}: the file has no rows`, { file: source.name });
    headers = found.headers;
    headerRow = found.headerRow;
    let col: Map<string, number>;
    if (source.format.name === 'generic') col = genericColumns(headers, o.mapping!, source.name);
    else {
      col = locate(headers, source.format.columns);
      const missing = source.format.columns.filter((c) => c.required && !col.has(c.field)).map((c) => c.headers[0]!);
      if (missing.length) {
        throw new ImportFailure('invalid_input', `${source.name}: not a complete ${source.format.label}: the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`, {
          file: source.name,
          format: source.format.name,
          missing,
        });
      }
    }
    const ctx: MapContext = { file: source.name, col, headers, currency: o.shopCurrency, utcOffsetMinutes: o.mapping?.utcOffsetMinutes ?? 480 };
    mapper = source.format.mapper(ctx);
    for (const r of head) if (r.row > headerRow) handle(r);
  };

  const handle = (rec: TableRecord) => {
    if (isBlank(rec)) return;
    rows++;
    const problems: CellProblem[] = [];
    if (rec.truncated) problems.push({ column: null, message: 'the file ends inside a quoted value that starts on this row: the file is cut off (download it again)' });
    if (checkMojibake && rec.cells.some(hasMojibake)) problems.push({ column: null, message: `the row has bytes that are not ${table.encoding.toUpperCase()} text` });
    // A cut-off row's missing cells are not news: report the cut, still marking its order (when it has an id) invalid.
    const facts = mapper!(rec, rec.truncated ? [] : problems);
    if (!facts) sink.unattributed(src, rec.row, problems);
    else sink.row(src, rec, facts, problems, headers);
  };

  try {
    for await (const batch of table.records((b) => (bytesRead = b), o.signal)) {
      if (o.signal.aborted) throw new Cancelled();
      for (const rec of batch) {
        if (mapper) handle(rec);
        else {
          head.push(rec);
          if (head.length >= HEADER_SCAN_ROWS) begin();
        }
      }
      o.progress(rows, bytesRead);
    }
    if (o.signal.aborted) throw new Cancelled();
    if (!mapper) begin();
  } finally {
    table.close();
  }
  return { name: source.name, format: source.format, encoding: table.encoding, rows, bytes: table.totalBytes };
}

/** Reads a source, starting over once in the encoding the bytes fit when UTF-8 turns out wrong partway. */
export async function readSourceWithRetry(o: ReadOptions, resetSource: () => void): Promise<ReadResult> {
  try {
    return await readSource(o);
  } catch (e) {
    if (!(e instanceof EncodingMismatch) || o.source.encoding) throw e instanceof EncodingMismatch ? encodingFailure(o.source.name, e) : e;
    if (!e.suggested) throw encodingFailure(o.source.name, e);
    resetSource();
    return readSource({ ...o, source: { ...o.source, encoding: e.suggested } });
  }
}

export interface CheckTotals {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

/**
 * Walks the staged orders: merges each, and hands valid ones to `visit` (the dry run's predictor or commit's
 * writer); invalid ones are counted and (in the dry run) their problems staged. Yields to the event loop now and
 * then when `yieldEvery` is set (the dry run runs beside the app; commit is one synchronous transaction).
 */
export function* walkOrders(stage: Stage, ctx: MergeContext, onProblem: ((src: number, row: number, message: string) => void) | null): Generator<{ order: NormalizedOrder } | { invalid: true }> {
  for (const [key, rows] of stage.orders()) {
    const m = mergeOrder(key, rows, ctx);
    if (m.ok) yield { order: m.order };
    else {
      if (onProblem) for (const p of m.problems) onProblem(p.src, p.row, p.message);
      yield { invalid: true };
    }
  }
}

export async function pause(): Promise<void> {
  await yieldToLoop();
}

export type { MergeContext, Platform };
