import { ImportFailure } from '../failure.js';
import type { TableRecord } from './csv-parser.js';

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: the five entities, numeric references, and OOXML's _xHHHH_ escapes for control characters. */
export function decodeXmlText(s: string): string {
  let out = s.indexOf('&') < 0 ? s : s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!,
  );
  if (out.indexOf('_x') >= 0) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

/** The text of a string item (<si> or <is>): every <t>, except phonetic runs (<rPh>) that are not part of it. */
function itemText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) text += m[1];
  return decodeXmlText(text);
}

export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : itemText(m[1]));
  return out;
}

/** "AB12" → 27 (0-based column index). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ATTR_R = /\br="([A-Z]+)\d*"/;
const ATTR_T = /\bt="(\w+)"/;
const V = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;

/**
 * Turns worksheet XML (streamed in text chunks) into records. Rows without cells still count (a spreadsheet shows
 * them); gaps between cells (a blank cell Excel leaves out) become empty strings.
 */
export class SheetScanner {
  private rest = '';
  private lastRow = 0;
  constructor(
    private readonly shared: readonly string[],
    private readonly file: string,
  ) {}

  push(text: string, out: TableRecord[]): void {
    const s = this.rest + text;
    let pos = 0;
    for (;;) {
      const open = s.indexOf('<row', pos);
      if (open < 0) {
        // Keep a tail that may hold the start of "<row" cut by the chunk boundary.
        pos = Math.max(pos, s.length - 3);
        break;
      }
      const tagEnd = s.indexOf('>', open);
      if (tagEnd < 0) {
        pos = open;
        break;
      }
      const selfClosing = s.charCodeAt(tagEnd - 1) === 47; // '/>'
      let close: number;
      let bodyEnd: number;
      if (selfClosing) {
        close = tagEnd + 1;
        bodyEnd = tagEnd;
      } else {
        bodyEnd = s.indexOf('</row>', tagEnd);
        if (bodyEnd < 0) {
          pos = open;
          break;
        }
        close = bodyEnd + 6;
      }
      this.row(s.slice(open, tagEnd + 1), selfClosing ? '' : s.slice(tagEnd + 1, bodyEnd), out);
      pos = close;
    }
    this.rest = s.slice(pos);
    if (this.rest.length > 1 << 24) throw new ImportFailure('invalid_input', `${this.file}: a worksheet row is larger than 16 MB; the workbook is damaged`, { file: this.file });
  }

  end(out: TableRecord[]): void {
    void out;
    if (this.rest.indexOf('<row') >= 0) throw new ImportFailure('invalid_input', `${this.file}: the worksheet is cut off after row ${this.lastRow}`, { file: this.file, row: this.lastRow });
    this.rest = '';
  }

  private row(tag: string, body: string, out: TableRecord[]): void {
    const r = /\br="(\d+)"/.exec(tag);
    const rowNo = r ? Number(r[1]) : this.lastRow + 1;
    this.lastRow = rowNo;
    const cells: string[] = [];
    const numeric: boolean[] = [];
    let next = 0;
    CELL.lastIndex = 0;
    for (let m = CELL.exec(body); m; m = CELL.exec(body)) {
      const attrs = m[1]!;
      const inner = m[2];
      const ref = ATTR_R.exec(attrs);
      const col = ref ? columnIndex(ref[1]!) : next;
      while (next < col) {
        cells.push('');
        numeric.push(false);
        next++;
      }
      const type = ATTR_T.exec(attrs)?.[1] ?? 'n';
      let value = '';
      if (inner !== undefined) {
        if (type === 'inlineStr') value = itemText(inner);
        else {
          const v = V.exec(inner)?.[1];
          if (v !== undefined) {
            if (type === 's') {
              const s = this.shared[Number(v)];
              if (s === undefined) throw new ImportFailure('invalid_input', `${this.file}: row ${rowNo}: shared string ${v} does not exist; the workbook is damaged`, { file: this.file, row: rowNo });
              value = s;
            } else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
            else value = decodeXmlText(v);
          }
        }
      }
      cells.push(value);
      numeric.push(type === 'n' && value !== '');
      next = col + 1;
    }
    out.push({ row: rowNo, cells, numeric });
  }
}
