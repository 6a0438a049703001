import { ImportFailure } from '../failure.js';
import type { TableRecord } from './csv-parser.js';

/*
 * SpreadsheetML scanning with indexOf and char codes instead of a regex per cell: the 200,000-row bench sheet is
 * 285 MB of XML with 8 million cells, and a regex match plus three attribute regexes and two slices per cell cost
 * ~25k rows/s; walking the text by position allocates only the values themselves.
 */

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: the five entities, numeric references, and OOXML's _xHHHH_ escapes for control characters. */
export function decodeXmlText(s: string): string {
  let out = s.indexOf('&') < 0 ? s : s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!,
  );
  if (out.indexOf('_x') >= 0) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** True when the char after an element name ends it (`<c` in `<c r=…>` but not in `<col>`). */
export function endsName(code: number): boolean {
  return code === 62 /* > */ || code === 47 /* / */ || code <= 32;
}

/**
 * The text of a string item (<si> or <is>) lying in s[from, to): every <t>, except phonetic runs (<rPh>) that are not
 * part of it. Rich text (<r><rPr/><t>…</t></r> runs) concatenates its <t>s.
 */
export function itemTextAt(s: string, from: number, to: number): string {
  let text = '';
  let p = from;
  for (;;) {
    const lt = s.indexOf('<', p);
    if (lt < 0 || lt >= to) break;
    if (s.startsWith('<rPh', lt) && endsName(s.charCodeAt(lt + 4))) {
      const end = s.indexOf('</rPh>', lt);
      p = end < 0 || end >= to ? to : end + 6;
      continue;
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0 || gt >= to) break;
    if (s.charCodeAt(lt + 1) === 116 /* t */ && endsName(s.charCodeAt(lt + 2)) && s.charCodeAt(gt - 1) !== 47) {
      const end = s.indexOf('</t>', gt);
      if (end < 0 || end >= to) break;
      // The common case is one <t>: keep its slice as is rather than concatenating onto ''.
      text = text === '' ? s.slice(gt + 1, end) : text + s.slice(gt + 1, end);
      p = end + 4;
    } else p = gt + 1;
  }
  return decodeXmlText(text);
}

/** Position of the value of attribute `name` (`name="`, preceded by whitespace) inside the tag s[from, to), or -1. */
function attrAt(s: string, from: number, to: number, name: string): number {
  let p = from;
  for (;;) {
    const i = s.indexOf(name, p);
    if (i < 0 || i >= to) return -1;
    if (s.charCodeAt(i - 1) <= 32) return i + name.length;
    p = i + name.length;
  }
}

/** Cell types (the t attribute) by their first letter and length, without slicing the attribute. */
const T_NUMBER = 0;
const T_SHARED = 1;
const T_INLINE = 2;
const T_BOOL = 3;
const T_OTHER = 4; // str (formula result), e (error), d (ISO date): the text as written

function cellType(s: string, at: number): number {
  if (at < 0) return T_NUMBER;
  const c = s.charCodeAt(at);
  const two = s.charCodeAt(at + 1) === 34; // one-letter value: t="s", t="n", t="b"
  if (c === 115 /* s */ && two) return T_SHARED;
  if (c === 110 /* n */ && two) return T_NUMBER;
  if (c === 98 /* b */ && two) return T_BOOL;
  if (c === 105 /* i */) return T_INLINE;
  return T_OTHER;
}

/**
 * Where the usual cell content, `<v>…</v></c>` right after the start tag at `at`, has its `</v>`; -1 for any other
 * shape (formulas, inline strings, whitespace), which takes the general path. Char codes, not indexOf: the value is a
 * few characters and a search call per cell was most of the scan's time.
 */
function plainValueEnd(s: string, at: number): number {
  if (s.charCodeAt(at) !== 60 || s.charCodeAt(at + 1) !== 118 || s.charCodeAt(at + 2) !== 62) return -1;
  let e = at + 3;
  for (let ch = s.charCodeAt(e); ch !== 60; ch = s.charCodeAt(++e)) if (ch !== ch) return -1; // NaN: past the end
  // "</v></c>"
  if (s.charCodeAt(e + 1) !== 47 || s.charCodeAt(e + 2) !== 118 || s.charCodeAt(e + 3) !== 62 || s.charCodeAt(e + 4) !== 60) return -1;
  return s.charCodeAt(e + 5) === 47 && s.charCodeAt(e + 6) === 99 && s.charCodeAt(e + 7) === 62 ? e : -1;
}

/**
 * Turns worksheet XML (streamed in text chunks) into records. Rows without cells still count (a spreadsheet shows
 * them); gaps between cells (a blank cell Excel leaves out) become empty strings.
 */
export class SheetScanner {
  private rest = '';
  private lastRow = 0;
  private width = 0;
  constructor(
    private readonly shared: readonly string[],
    private readonly file: string,
  ) {}

  push(text: string, out: TableRecord[]): void {
    // join, not +: it builds a flat string, where + builds a cons string whose other map deoptimizes row() on
    // every chunk boundary (measured: the scan ran at half speed).
    const s = this.rest === '' ? text : [this.rest, text].join('');
    let pos = 0;
    for (;;) {
      const open = s.indexOf('<row', pos);
      if (open < 0) {
        // Keep a tail that may hold the start of "<row" cut by the chunk boundary.
        pos = Math.max(pos, s.length - 4);
        break;
      }
      if (open + 4 >= s.length) {
        pos = open;
        break;
      }
      if (!endsName(s.charCodeAt(open + 4))) {
        pos = open + 4; // <rowBreaks> and the like
        continue;
      }
      const tagEnd = s.indexOf('>', open);
      if (tagEnd < 0) {
        pos = open;
        break;
      }
      if (s.charCodeAt(tagEnd - 1) === 47) {
        this.row(s, open, tagEnd, tagEnd, tagEnd, out);
        pos = tagEnd + 1;
        continue;
      }
      const bodyEnd = s.indexOf('</row>', tagEnd);
      if (bodyEnd < 0) {
        pos = open;
        break;
      }
      this.row(s, open, tagEnd, tagEnd + 1, bodyEnd, out);
      pos = bodyEnd + 6;
    }
    this.rest = pos >= s.length ? '' : s.slice(pos);
    if (this.rest.length > 1 << 24) throw new ImportFailure('invalid_input', `${this.file}: a worksheet row is larger than 16 MB; the workbook is damaged`, { file: this.file });
  }

  end(out: TableRecord[]): void {
    void out;
    if (this.rest.indexOf('<row') >= 0) throw new ImportFailure('invalid_input', `${this.file}: the worksheet is cut off after row ${this.lastRow}`, { file: this.file, row: this.lastRow });
    this.rest = '';
  }

  /** One <row> whose start tag is s[open, tagEnd] and whose cells lie in s[from, to). */
  private row(s: string, open: number, tagEnd: number, from: number, to: number, out: TableRecord[]): void {
    const r = attrAt(s, open, tagEnd, 'r="');
    let rowNo = 0;
    if (r >= 0) for (let i = r, c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) rowNo = rowNo * 10 + (c - 48);
    if (rowNo === 0) rowNo = this.lastRow + 1;
    this.lastRow = rowNo;
    // Sized like the previous row (rows of a sheet are about equally wide): one allocation instead of growing by
    // doubling, which was a measurable share of the garbage collector's work.
    const cells: string[] = new Array<string>(this.width);
    // Only rows holding a number get the flags (all false is the same as none to the reader of numeric, and most
    // exports store every cell as text): 8 million pushes fewer on the bench sheet.
    let numeric: boolean[] | undefined;
    let next = 0;
    let p = from;
    for (;;) {
      // The next cell usually starts right where the last one ended; search only when it does not.
      const c = s.charCodeAt(p) === 60 && s.charCodeAt(p + 1) === 99 && p < to ? p : s.indexOf('<c', p);
      if (c < 0 || c >= to) break;
      if (!endsName(s.charCodeAt(c + 2))) {
        p = c + 2;
        continue;
      }
      // The start tag's attributes, char by char (an indexOf per attribute costs more than the few bytes it skips).
      let ref = -1;
      let tAt = -1;
      let gt = c + 2;
      for (let ch = s.charCodeAt(gt); ch !== 62 /* > */; ch = s.charCodeAt(++gt)) {
        if (ch !== ch) throw new ImportFailure('invalid_input', `${this.file}: row ${rowNo}: a cell tag is not closed; the workbook is damaged`, { file: this.file, row: rowNo });
        if (ch === 34 /* " */) {
          gt = s.indexOf('"', gt + 1);
          if (gt < 0 || gt > to) throw new ImportFailure('invalid_input', `${this.file}: row ${rowNo}: a cell attribute is not closed; the workbook is damaged`, { file: this.file, row: rowNo });
        } else if (ch <= 32 && s.charCodeAt(gt + 2) === 61 /* = */ && s.charCodeAt(gt + 3) === 34) {
          const n = s.charCodeAt(gt + 1);
          if (n === 114 /* r */) ref = gt + 4;
          else if (n === 116 /* t */) tAt = gt + 4;
        }
      }
      let col = next;
      if (ref >= 0) {
        // "AB12" → 27: the column letters only.
        col = 0;
        for (let i = ref, ch = s.charCodeAt(i); ch >= 65 && ch <= 90; ch = s.charCodeAt(++i)) col = col * 26 + (ch - 64);
        // A reference behind the previous cell (a damaged or hand-made sheet) does not overwrite it: file order wins.
        col = Math.max(col - 1, next);
      }
      while (next < col) cells[next++] = '';
      const type = cellType(s, tAt);
      let value = '';
      const plainEnd = type === T_INLINE ? -1 : plainValueEnd(s, gt + 1);
      if (s.charCodeAt(gt - 1) === 47) p = gt + 1;
      else if (plainEnd >= 0) {
        value = this.valueAt(s, gt + 4, plainEnd, type, rowNo);
        p = plainEnd + 8;
      } else {
        const end = s.indexOf('</c>', gt);
        if (end < 0 || end > to) throw new ImportFailure('invalid_input', `${this.file}: row ${rowNo}: a cell is not closed; the workbook is damaged`, { file: this.file, row: rowNo });
        if (type === T_INLINE) value = itemTextAt(s, gt + 1, end);
        else value = this.cellValue(s, gt + 1, end, type, rowNo);
        p = end + 4;
      }
      if (type === T_NUMBER && value !== '') {
        numeric ??= [];
        while (numeric.length < col) numeric.push(false);
        numeric.push(true);
      }
      cells[col] = value;
      next = col + 1;
    }
    cells.length = next;
    this.width = next;
    if (numeric) while (numeric.length < next) numeric.push(false);
    out.push({ row: rowNo, cells, numeric });
  }

  /** The <v> of a cell whose content is s[from, to). */
  private cellValue(s: string, from: number, to: number, type: number, rowNo: number): string {
    let v = s.indexOf('<v', from);
    while (v >= 0 && v < to && !endsName(s.charCodeAt(v + 2))) v = s.indexOf('<v', v + 2);
    if (v < 0 || v >= to) return '';
    const gt = s.indexOf('>', v);
    if (s.charCodeAt(gt - 1) === 47) return '';
    const end = s.indexOf('</v>', gt);
    if (end < 0 || end > to) return '';
    return this.valueAt(s, gt + 1, end, type, rowNo);
  }

  /** A cell value whose text is s[gt + 1, end) (the <v> content), by cell type. */
  private valueAt(s: string, from: number, end: number, type: number, rowNo: number): string {
    if (type === T_SHARED) {
      let idx = 0;
      let i = from;
      for (let ch = s.charCodeAt(i); ch >= 48 && ch <= 57 && i < end; ch = s.charCodeAt(++i)) idx = idx * 10 + (ch - 48);
      const str = i === end && i > from ? this.shared[idx] : undefined;
      if (str === undefined) {
        const raw = s.slice(from, end);
        throw new ImportFailure('invalid_input', `${this.file}: row ${rowNo}: shared string ${raw} does not exist; the workbook is damaged`, { file: this.file, row: rowNo });
      }
      return str;
    }
    const raw = s.slice(from, end);
    if (type === T_BOOL) return raw === '1' ? 'TRUE' : 'FALSE';
    return decodeXmlText(raw);
  }
}
