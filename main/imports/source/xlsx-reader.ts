import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportFailure } from '../failure.js';
import type { TableRecord } from './csv-parser.js';
import { decodeXmlText, parseSharedStrings, SheetScanner } from './xlsx-xml.js';

/*
 * XLSX reading: yauzl opens the zip (central directory, entries inflated as streams); the sheet XML is scanned by
 * SheetScanner. exceljs's streaming WorkbookReader measured ~20k rows/s and saxes alone ~56k rows/s here, both
 * under the 50k rows/s import budget once mapping and checking are added; the worksheet part of SpreadsheetML is
 * regular enough (<row>, <c r t>, <v>, <is><t>) that a targeted scanner reads it several times faster. The shared
 * string table is held in memory (it is what Excel deduplicates text into); rows are streamed.
 */

type ZipFile = yauzl.ZipFile;
type Entry = yauzl.Entry;

function openZip(file: string, name: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true }, (err, zip) => {
      if (err || !zip) reject(new ImportFailure('invalid_input', `${name}: not a readable XLSX workbook (${err?.message ?? 'no zip'}); is the file complete?`, { file: name }));
      else resolve(zip);
    }),
  );
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const map = new Map<string, Entry>();
    zip.on('entry', (e: Entry) => {
      map.set(e.fileName.replace(/^\/+/, ''), e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(map));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function entryStream(zip: ZipFile, e: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(e, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))));
}

async function entryText(zip: ZipFile, e: Entry): Promise<string> {
  const s = await entryStream(zip, e);
  s.setEncoding('utf8');
  let text = '';
  for await (const c of s) text += c as string;
  return text;
}

/** The first worksheet's part name, in workbook order (sheet1.xml is not always the first tab). */
async function firstSheetPath(zip: ZipFile, entries: Map<string, Entry>, name: string): Promise<string> {
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (wb && rels) {
    const wbXml = await entryText(zip, wb);
    const relXml = await entryText(zip, rels);
    const sheet = /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(wbXml) ?? /<(?:\w+:)?sheet\b[^>]*?\bid="([^"]+)"/.exec(wbXml);
    if (sheet) {
      const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${sheet[1]}"[^>]*>`).exec(relXml);
      const target = rel && /\bTarget="([^"]+)"/.exec(rel[0]);
      if (target?.[1]) {
        const t = decodeXmlText(target[1]);
        const p = t.startsWith('/') ? t.slice(1) : `xl/${t}`;
        if (entries.has(p)) return p;
      }
    }
  }
  const fallback = [...entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort()[0];
  if (!fallback) throw new ImportFailure('invalid_input', `${name}: the workbook has no worksheet`, { file: name });
  return fallback;
}

export interface XlsxSource {
  /** Compressed bytes of the sheet read so far, and in all (for progress). */
  records(onBytes: (read: number, total: number) => void): AsyncGenerator<TableRecord[]>;
  close(): void;
}

export async function openXlsx(file: string, name: string): Promise<XlsxSource> {
  const zip = await openZip(file, name);
  try {
    const entries = await listEntries(zip);
    const sheetPath = await firstSheetPath(zip, entries, name);
    const ssEntry = entries.get('xl/sharedStrings.xml');
    const shared = ssEntry ? parseSharedStrings(await entryText(zip, ssEntry)) : [];
    const sheet = entries.get(sheetPath)!;
    return {
      async *records(onBytes) {
        const raw = await entryStream(zip, sheet);
        const total = sheet.uncompressedSize;
        let read = 0;
        const scanner = new SheetScanner(shared, name);
        raw.setEncoding('utf8');
        try {
          for await (const chunk of raw) {
            const text = chunk as string;
            read += text.length;
            const out: TableRecord[] = [];
            scanner.push(text, out);
            onBytes(Math.min(read, total), total);
            if (out.length) yield out;
          }
        } catch (e) {
          if (e instanceof ImportFailure) throw e;
          throw new ImportFailure('invalid_input', `${name}: the workbook is damaged or cut off (${(e as Error).message})`, { file: name });
        }
        const out: TableRecord[] = [];
        scanner.end(out);
        if (out.length) yield out;
      },
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}
