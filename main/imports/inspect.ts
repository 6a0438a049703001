import type { GenericField, GenericMapping, ImportEncoding, ImportFormat } from '../../shared/contract/imports.js';
import type { Platform } from '../../shared/domain/ids.js';
import { ImportFailure } from './failure.js';
import { normHeader } from './formats/headers.js';
import { detectFormat, GENERIC_COLUMNS, platformFormat, type FormatDef } from './formats/index.js';
import { EncodingMismatch } from './source/encoding.js';
import { openTable, type TableRecord } from './source/table.js';

/** Title rows above the header some exports carry ("订单报表 2024-05-01"): look this far for the header. */
export const HEADER_SCAN_ROWS = 30;
const SAMPLE_ROWS = 5;

export function isBlank(rec: TableRecord): boolean {
  return rec.cells.every((c) => c.trim() === '');
}

export interface HeaderFound {
  headerRow: number;
  headers: string[];
  format: FormatDef | null;
  /** Best partial match and what it lacks, when no layout matched. */
  best: FormatDef | null;
  missing: string[];
}

/**
 * The header is the first row (within HEADER_SCAN_ROWS) that is a known layout's header; failing that, the first
 * non-blank row. With `forced`, the first row carrying that format's signature columns.
 */
export function findHeader(head: readonly TableRecord[], forced: ImportFormat | null): HeaderFound | null {
  const candidates = head.filter((r) => !isBlank(r));
  if (candidates.length === 0) return null;
  for (const rec of candidates) {
    const d = detectFormat(rec.cells);
    if (forced && forced !== 'generic') {
      const f = platformFormat(forced)!;
      const det = detectFormat(rec.cells);
      if (det.format === f || det.best === f) return { headerRow: rec.row, headers: rec.cells, format: f, best: f, missing: det.missing };
      continue;
    }
    if (d.format) return { headerRow: rec.row, headers: rec.cells, ...d };
  }
  const first = candidates[0]!;
  const d = detectFormat(first.cells);
  if (forced && forced !== 'generic') {
    const f = platformFormat(forced)!;
    return { headerRow: first.row, headers: first.cells, format: f, best: f, missing: f.columns.filter((c) => c.required).map((c) => c.headers[0]!) };
  }
  return { headerRow: first.row, headers: first.cells, format: null, best: d.best, missing: d.missing };
}

export interface Inspection {
  kind: 'csv' | 'tsv' | 'xlsx';
  encoding: ImportEncoding;
  totalBytes: number;
  header: HeaderFound;
  sample: string[][];
}

/** Reads just the head of a file: encoding, header, layout, a few rows. Restarts once when UTF-8 turns out wrong. */
export async function inspectFile(path: string, name: string, forced: ImportFormat | null = null, encoding?: ImportEncoding): Promise<Inspection> {
  const table = await openTable(path, name, encoding);
  const head: TableRecord[] = [];
  try {
    outer: for await (const batch of table.records(() => {})) {
      for (const r of batch) {
        head.push(r);
        if (head.length >= HEADER_SCAN_ROWS + SAMPLE_ROWS) break outer;
      }
    }
  } catch (e) {
    table.close();
    if (e instanceof EncodingMismatch && !encoding) {
      if (e.suggested) return inspectFile(path, name, forced, e.suggested);
      throw encodingFailure(name, e);
    }
    throw e;
  }
  table.close();
  const header = findHeader(head.slice(0, HEADER_SCAN_ROWS), forced);
  if (!header) throw new ImportFailure('invalid_input', `${name}: the file has no rows`, { file: name });
  const sample = head.filter((r) => r.row > header.headerRow && !isBlank(r)).slice(0, SAMPLE_ROWS).map((r) => r.cells);
  return { kind: table.kind, encoding: table.encoding, totalBytes: table.totalBytes, header, sample };
}

export function encodingFailure(name: string, e: EncodingMismatch): ImportFailure {
  return new ImportFailure('invalid_input', `${name}: the bytes at offset ${e.byteOffset} are not valid UTF-8, and the text is not GBK/GB18030 either; save the file as "CSV UTF-8" and import it again`, {
    file: name,
    byteOffset: e.byteOffset,
  });
}

/** The generic mapping the headers suggest: each field's first alias found, each header used once. */
export function suggestMapping(headers: readonly string[]): GenericMapping & { utcOffsetMinutes: number } {
  const byNorm = new Map<string, string>();
  for (const h of headers) if (h.trim() && !byNorm.has(normHeader(h))) byNorm.set(normHeader(h), h.trim());
  const used = new Set<string>();
  const columns: Partial<Record<GenericField, string>> = {};
  for (const spec of GENERIC_COLUMNS) {
    for (const alias of spec.headers) {
      const h = byNorm.get(normHeader(alias));
      if (h && !used.has(h)) {
        columns[spec.field as GenericField] = h;
        used.add(h);
        break;
      }
    }
  }
  return { columns, utcOffsetMinutes: 480 };
}

export function platformOf(f: FormatDef | null): Platform | null {
  return f?.platform ?? null;
}
