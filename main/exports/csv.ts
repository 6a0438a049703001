import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import { once } from 'node:events';
import type { CellValue } from './columns.js';
import { guardFormula, type CellPlan, type Sink } from './sink.js';

const BOM = '\uFEFF';
const BATCH = 256;

/** A CSV cell as text: times formatted, text guarded against formulas, nothing else touched. */
function csvCell(v: CellValue, kind: CellPlan['kinds'][number], plan: CellPlan): string {
  if (v === null) return '';
  if (kind === 'time') return plan.time(v as number);
  if (kind === 'text' || kind === 'id') return guardFormula(String(v));
  return String(v);
}

/**
 * RFC 4180 CSV (CRLF rows, quotes doubled) in UTF-8 with a BOM: Excel opens Chinese text correctly only with it.
 * Rows are stringified in small batches and written with backpressure, so memory stays flat however many rows come.
 */
export class CsvSink implements Sink {
  private readonly out: fs.WriteStream;
  private batch: string[][] = [];
  private failed: Error | null = null;

  constructor(
    private readonly file: string,
    headerRow: readonly string[],
    private readonly plan: CellPlan,
  ) {
    // 'wx': never overwrite; the caller picked a fresh name.
    this.out = fs.createWriteStream(file, { flags: 'wx' });
    this.out.on('error', (e) => (this.failed = e));
    this.out.write(BOM);
    this.batch.push(headerRow.map((h) => h));
  }

  write(cells: readonly CellValue[]): void {
    this.batch.push(cells.map((v, i) => csvCell(v, this.plan.kinds[i]!, this.plan)));
    if (this.batch.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (!this.batch.length) return;
    // A bare CR or LF inside a cell must be quoted too (csv-stringify quotes only the record delimiter itself).
    this.out.write(stringify(this.batch, { record_delimiter: 'windows', quoted_match: /[\r\n]/ }));
    this.batch = [];
  }

  async drain(): Promise<void> {
    this.flush();
    if (this.failed) throw this.failed;
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  async finish(): Promise<number> {
    this.flush();
    if (this.failed) throw this.failed;
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
    return fs.statSync(this.file).size;
  }

  async abort(): Promise<void> {
    this.batch = [];
    this.out.destroy();
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    fs.rmSync(this.file, { force: true });
  }
}
