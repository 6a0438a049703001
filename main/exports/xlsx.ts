import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { EventEmitter, once } from 'node:events';
import type { CellValue, Column } from './columns.js';
import type { CellPlan, Sink } from './sink.js';

/** A stream with the buffer state every Node-style Writable keeps (readable-stream's too, which lacks writableLength). */
interface BufferedStream extends EventEmitter {
  _writableState: { length: number; highWaterMark: number };
}

/** The streams exceljs pipes a worksheet into (its internals: found defensively, none if they change shape). */
function zipEntries(sheet: ExcelJS.Worksheet): BufferedStream[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return [];
  return pipes.filter((p): p is BufferedStream => {
    const st = (p as Partial<BufferedStream>)._writableState;
    return p instanceof EventEmitter && typeof st?.length === 'number' && typeof st.highWaterMark === 'number';
  });
}

/** A cell as XLSX holds it: counts as numbers; ids, text, money text and times as strings (string cells are text). */
function xlsxCell(v: CellValue, kind: CellPlan['kinds'][number], plan: CellPlan): string | number | null {
  if (v === null) return null;
  if (kind === 'time') return plan.time(v as number);
  if (kind === 'int') return v;
  return String(v);
}

/**
 * XLSX through exceljs's streaming writer: each row is committed (serialized into the zip) as soon as it is added,
 * so a million rows never sit in memory. Strings go in as string cells, never formulas, so text from buyers cannot
 * run; id and text columns are also formatted as Text ("@") so a cell edited in Excel stays text.
 */
export class XlsxSink implements Sink {
  private readonly out: fs.WriteStream;
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private failed: Error | null = null;

  constructor(
    private readonly file: string,
    sheetName: string,
    columns: readonly Column<never>[],
    headerRow: readonly string[],
    private readonly plan: CellPlan,
  ) {
    this.out = fs.createWriteStream(file, { flags: 'wx' });
    this.out.on('error', (e) => (this.failed = e));
    // Inline strings (no shared-string table): a shared table would have to hold every distinct string until the end.
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true, useSharedStrings: false });
    this.sheet = this.book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = columns.map((c) => ({ width: c.width, ...(c.kind === 'id' || c.kind === 'text' ? { style: { numFmt: '@' } } : {}) }));
    const head = this.sheet.addRow([...headerRow]);
    head.font = { bold: true };
    head.commit();
  }

  write(cells: readonly CellValue[]): void {
    this.sheet.addRow(cells.map((v, i) => xlsxCell(v, this.plan.kinds[i]!, this.plan))).commit();
  }

  /**
   * Waits for the zip to take what was written. exceljs's sheet stream (a StreamBuf) passes data to the zip entry
   * without heeding its backpressure, so rows produced faster than zlib compresses would pile up in memory (measured:
   * ~1 GiB for a million rows). The entry is a plain stream with its own buffer: wait on that, then on the file.
   */
  async drain(): Promise<void> {
    if (this.failed) throw this.failed;
    for (const entry of zipEntries(this.sheet)) {
      if (entry._writableState.length >= entry._writableState.highWaterMark) await once(entry, 'drain');
    }
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  async finish(): Promise<number> {
    this.sheet.commit();
    await this.book.commit();
    if (!this.out.closed) await once(this.out, 'close');
    if (this.failed) throw this.failed;
    return fs.statSync(this.file).size;
  }

  async abort(): Promise<void> {
    this.out.destroy();
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    fs.rmSync(this.file, { force: true });
  }
}
