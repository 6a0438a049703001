import { ImportFailure } from '../failure.js';

/** One record of a table file: its row number as a spreadsheet shows it, and its cells as text. */
export interface TableRecord {
  row: number;
  cells: string[];
  /** XLSX only: which cells were stored as numbers (an id stored as a number has lost digits past 15). */
  numeric?: boolean[];
  /** The file ended inside this record's quoted value (a truncated file). */
  truncated?: boolean;
}

/** A quoted value longer than this is an unmatched quote swallowing the file, not data. */
const MAX_RECORD_CHARS = 1 << 20;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * A streaming CSV/TSV parser written for speed (csv-parse measured at ~100k rows/s here, which alone would eat the
 * 50k rows/s import budget; this one runs several times faster). It follows what Excel writes and reads:
 * RFC 4180 quoting ("" inside quotes), newlines inside quoted values, CRLF/LF/CR line ends — and Excel's leniency:
 * a quote inside an unquoted value is literal (`="123"`, the formula-protected ids platforms export), text after a
 * closing quote is kept. Rows are numbered per record, as a spreadsheet shows them (a quoted newline does not start
 * a row). Memory is one record at a time plus the current chunk.
 */
export class CsvParser {
  private rest = '';
  private row = 0;
  private readonly delim: number;

  constructor(
    delimiter: ',' | '\t',
    private readonly file: string,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Parses what is complete in `text` (after what was left over) into `out`. */
  push(text: string, out: TableRecord[]): void {
    const s = this.rest.length ? this.rest + text : text;
    const done = this.parse(s, false, out);
    this.rest = s.slice(done);
    if (this.rest.length > MAX_RECORD_CHARS) {
      throw new ImportFailure('invalid_input', `${this.file}: row ${this.row + 1}: a quoted value runs on for more than ${MAX_RECORD_CHARS} characters — an unmatched quote (") in the file?`, {
        file: this.file,
        row: this.row + 1,
      });
    }
  }

  /** The end of the file: the last record, even without a final newline or with an unclosed quote. */
  end(out: TableRecord[]): void {
    if (this.rest.length) this.parse(this.rest, true, out);
    this.rest = '';
  }

  /** Returns how many characters of `s` were consumed (whole records only, unless final). */
  private parse(s: string, final: boolean, out: TableRecord[]): number {
    const len = s.length;
    const delim = this.delim;
    let start = 0; // start of the current record
    let i = 0;
    let cells: string[] = [];
    for (;;) {
      // One field starting at i.
      if (i >= len) {
        // End of input right after a delimiter (or at a record start).
        if (!final) return start;
        if (i > start || cells.length) {
          cells.push('');
          out.push({ row: ++this.row, cells });
        }
        return len;
      }
      let c = s.charCodeAt(i);
      let value: string;
      if (c === QUOTE) {
        let j = i + 1;
        value = '';
        let closed = false;
        for (;;) {
          const k = s.indexOf('"', j);
          if (k < 0) break;
          if (k + 1 >= len && !final) break; // cannot tell "" from a closing quote yet
          if (s.charCodeAt(k + 1) === QUOTE) {
            value += s.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          value += s.slice(j, k);
          i = k + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (!final) return start;
          // The file ends inside quotes: keep what there is and say the record is cut off.
          value += s.slice(j);
          cells.push(value);
          out.push({ row: ++this.row, cells, truncated: true });
          return len;
        }
        // Lenient: text between the closing quote and the delimiter is kept as is.
        if (i < len) {
          c = s.charCodeAt(i);
          if (c !== delim && c !== LF && c !== CR) {
            const e = this.scanUnquoted(s, i);
            if (e === len && !final) return start;
            value += s.slice(i, e);
            i = e;
          }
        }
      } else {
        const e = this.scanUnquoted(s, i);
        if (e === len && !final) return start;
        value = s.slice(i, e);
        i = e;
      }
      cells.push(value);
      if (i >= len) {
        if (!final) return start;
        out.push({ row: ++this.row, cells });
        return len;
      }
      c = s.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      // End of record: CRLF, LF or a lone CR.
      if (c === CR) {
        if (i + 1 >= len && !final) return start;
        i += s.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i++;
      out.push({ row: ++this.row, cells });
      cells = [];
      start = i;
    }
  }

  private scanUnquoted(s: string, i: number): number {
    const len = s.length;
    const delim = this.delim;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === delim || c === LF || c === CR) return i;
      i++;
    }
    return len;
  }
}
