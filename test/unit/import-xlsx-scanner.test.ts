import { describe, expect, it } from 'vitest';
import type { TableRecord } from '../../main/imports/source/csv-parser.js';
import { parseSharedStrings } from '../../main/imports/source/xlsx-shared-strings.js';
import { decodeXmlText, SheetScanner } from '../../main/imports/source/xlsx-xml.js';

/*
 * The SpreadsheetML scanner on hand-written parts: every shape Excel and other writers produce (shared, inline and
 * rich-text strings, entities, gaps, formulas, booleans, empty and self-closing cells, rows without r; numeric flags
 * only on rows holding a number), fed in chunks
 * of every small size so that each construct is cut by a chunk boundary somewhere.
 */

const SST =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">' +
  '<si><t>订单编号</t></si>' +
  '<si><r><rPr><b/><sz val="11"/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r></si>' +
  '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>' +
  '<si/>' +
  '<si><t>A &amp; B &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot;</t></si>' +
  '<si><t>line1_x000D_\nline2</t></si>' +
  '</sst>';

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="3" width="12"/></cols><sheetData>' +
  '<row r="1" spans="1:27"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="AA1" t="s"><v>2</v></c></row>' +
  '<row r="2"><c r="A2"><v>3100000000000000000</v></c><c r="B2" s="3"><v>45413.5</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c></row>' +
  '<row r="3"><c r="A3" t="inlineStr"><is><t>in &amp; line</t></is></c><c r="B3" t="inlineStr"><is><r><t>a</t></r><r><rPr><i/></rPr><t>b</t></r></is></c><c r="C3" t="str"><f>A3&amp;"x"</f><v>in &amp; linex</v></c><c r="D3" t="e"><v>#N/A</v></c></row>' +
  '<row r="4"><c r="A4" s="1"/><c r="B4" t="s"><v>3</v></c><c r="C4"><v/></c><c r="D4" t="s"><v>4</v></c><c r="E4" t="s"><v>5</v></c></row>' +
  '<row r="7" customHeight="1" ht="20"/>' +
  '<row>\n  <c\n    r="B8"\n    t="s">\n    <v>0</v>\n  </c>\n</row>' +
  '<row><c t="s"><v>1</v></c><c><v>2.5</v></c></row>' +
  '<row r="10"><c r="C10"><v>7</v></c><c r="D10" t="s"><v>0</v></c></row>' +
  '<row r="11"><c r="B11" t="s"><v>0</v></c><c r="A11" t="s"><v>1</v></c></row>' +
  '</sheetData><rowBreaks count="1" manualBreakCount="1"><brk id="4" max="16383" man="1"/></rowBreaks><pageMargins left="0.7"/></worksheet>';

const shared = parseSharedStrings(Buffer.from(SST));

function scan(xml: string, chunk: number, strings: readonly string[] = shared): TableRecord[] {
  const scanner = new SheetScanner(strings, 'orders.xlsx');
  const out: TableRecord[] = [];
  for (let i = 0; i < xml.length; i += chunk) scanner.push(xml.slice(i, i + chunk), out);
  scanner.end(out);
  return out;
}

const EXPECTED: TableRecord[] = [
  { row: 1, cells: ['订单编号', '', 'Rich text', ...Array<string>(23).fill(''), '漢字'], numeric: undefined },
  { row: 2, cells: ['3100000000000000000', '45413.5', 'TRUE', 'FALSE'], numeric: [true, true, false, false] },
  { row: 3, cells: ['in & line', 'ab', 'in & linex', '#N/A'], numeric: undefined },
  { row: 4, cells: ['', '', '', 'A & B <c> 中文 "q"', 'line1\r\nline2'], numeric: undefined },
  { row: 7, cells: [], numeric: undefined },
  { row: 8, cells: ['', '订单编号'], numeric: undefined },
  { row: 9, cells: ['Rich text', '2.5'], numeric: [false, true] },
  { row: 10, cells: ['', '', '7', '订单编号'], numeric: [false, false, true, false] },
  // A cell referring back to an earlier column (a damaged sheet) is kept after the others, not written over them.
  { row: 11, cells: ['', '订单编号', 'Rich text'], numeric: undefined },
];

describe('XLSX shared strings', () => {
  it('reads plain, rich-text (runs concatenated), phonetic (left out), empty and entity-escaped items', () => {
    expect(shared).toEqual(['订单编号', 'Rich text', '漢字', '', 'A & B <c> 中文 "q"', 'line1\r\nline2']);
  });

  it('decodes the five entities, decimal and hex references and _xHHHH_ escapes, and leaves plain text as is', () => {
    expect(decodeXmlText('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;_x0009_')).toBe('<>&"\'AB\t');
    expect(decodeXmlText('plain 文本')).toBe('plain 文本');
  });
});

describe('XLSX sheet scanner', () => {
  it('reads every cell shape, whole', () => {
    expect(scan(SHEET, SHEET.length)).toEqual(EXPECTED);
  });

  it('reads the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7, 13, 64, 333]) expect(scan(SHEET, size), `chunks of ${size}`).toEqual(EXPECTED);
  });

  it('names the file and row of a shared-string index that does not exist', () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>9</v></c></row></sheetData>';
    expect(() => scan(xml, 10)).toThrow(/orders\.xlsx: row 2: shared string 9 does not exist/);
  });

  it('rejects a non-numeric shared-string index instead of reading string 0', () => {
    const xml = '<sheetData><row r="3"><c r="A3" t="s"><v>x1</v></c></row></sheetData>';
    expect(() => scan(xml, 1000)).toThrow(/row 3: shared string x1 does not exist/);
  });

  it('reports a sheet cut off inside a row, naming the last whole row', () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>0</v>';
    expect(() => scan(xml, 16)).toThrow(/orders\.xlsx: the worksheet is cut off after row 1/);
  });

  it('reports a cell that is never closed inside its row', () => {
    const xml = '<sheetData><row r="5"><c r="A5" t="s"><v>0</v></row></sheetData>';
    expect(() => scan(xml, 1000)).toThrow(/row 5: a cell is not closed/);
  });
});
