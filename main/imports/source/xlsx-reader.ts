import type { Readable, TransformOptions } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { ImportFailure } from '../failure.js';
import type { TableRecord } from './csv-parser.js';
import { parseSharedStrings } from './xlsx-shared-strings.js';
import { decodeXmlText, SheetScanner } from './xlsx-xml.js';

/*
 * XLSX reading: yauzl opens the zip (central directory, raw entry streams, inflated here in 1 MiB chunks); the sheet
 * XML is scanned by SheetScanner. exceljs's streaming WorkbookReader measured ~20k rows/s and saxes alone ~56k rows/s here, both
 * under the 50k rows/s import budget once mapping and checking are added; the worksheet part of SpreadsheetML is
 * regular enough (<row>, <c r t>, <v>, <is><t>) that a targeted scanner reads it several times faster (~100k rows/s
 * for the 200,000-row bench file, read alone). The shared string table is held in memory (it is what Excel
 * deduplicates text into; see xlsx-shared-strings.ts for its size); rows are streamed.
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

/** The entry's stored bytes: still deflated when `compressed` (method 8), so that they are inflated here. */
function openRaw(zip: ZipFile, e: Entry, compressed: boolean): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, s: Readable) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s));
    // yauzl allows `decompress` only on compressed entries; a stored entry's stream is its bytes already.
    if (compressed) zip.openReadStream(e, { decompress: false, decrypt: null, start: null, end: null }, done);
    else zip.openReadStream(e, done);
  });
}

/** Inflated chunks: yauzl's own inflate hands out 16 KiB ones, and a sheet is hundreds of MB of XML. */
const INFLATE_CHUNK = 1 << 20;

/**
 * An entry's bytes, inflated here rather than by yauzl (see INFLATE_CHUNK); the inflated size is checked against the
 * central directory at the end, as yauzl would, so a damaged entry is not read as a shorter sheet.
 */
async function* entryBytes(zip: ZipFile, e: Entry, name: string): AsyncGenerator<Buffer> {
  if (e.isEncrypted()) throw new ImportFailure('invalid_input', `${name}: the workbook is encrypted; save it without a password and upload it again`, { file: name });
  if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
    throw new ImportFailure('invalid_input', `${name}: ${e.fileName} uses zip compression method ${e.compressionMethod}, which Excel does not write; save the workbook again from Excel`, { file: name });
  }
  const raw = await openRaw(zip, e, e.compressionMethod === 8);
  let source: Readable = raw;
  if (e.compressionMethod === 8) {
    // A few chunks of read-ahead so inflating (on the thread pool) overlaps with scanning the previous chunk.
    // (zlib hands its options to the Transform it is, though ZlibOptions does not list the stream ones.)
    const opts: zlib.ZlibOptions & Pick<TransformOptions, 'readableHighWaterMark'> = { chunkSize: INFLATE_CHUNK, readableHighWaterMark: 4 * INFLATE_CHUNK };
    const inflate = zlib.createInflateRaw(opts);
    raw.on('error', (err) => inflate.destroy(err));
    source = raw.pipe(inflate);
  }
  let size = 0;
  try {
    for await (const chunk of source) {
      size += (chunk as Buffer).length;
      if (size > e.uncompressedSize) break;
      yield chunk as Buffer;
    }
  } finally {
    raw.destroy();
    source.destroy();
  }
  if (size !== e.uncompressedSize) {
    throw new ImportFailure('invalid_input', `${name}: ${e.fileName} inflates to ${size} bytes, not the ${e.uncompressedSize} its zip directory says; the workbook is damaged`, { file: name });
  }
}

/** Larger shared-string parts than this are refused rather than read into memory (Excel's own limit is far lower). */
const MAX_SHARED_STRINGS_BYTES = 512 * 2 ** 20;

/** A whole (small) entry in one buffer sized from the zip directory; entryBytes never yields past that size. */
async function entryBuffer(zip: ZipFile, e: Entry, name: string): Promise<Buffer> {
  if (e.uncompressedSize > MAX_SHARED_STRINGS_BYTES) {
    throw new ImportFailure('invalid_input', `${name}: ${e.fileName} is ${Math.round(e.uncompressedSize / 2 ** 20)} MB, more than the ${MAX_SHARED_STRINGS_BYTES / 2 ** 20} MB ShopDesk reads; export fewer rows per file`, { file: name });
  }
  const buf = Buffer.allocUnsafe(e.uncompressedSize);
  let at = 0;
  for await (const c of entryBytes(zip, e, name)) at += c.copy(buf, at);
  return buf;
}

async function entryText(zip: ZipFile, e: Entry, name: string): Promise<string> {
  const dec = new StringDecoder('utf8');
  let text = '';
  for await (const c of entryBytes(zip, e, name)) text += dec.write(c);
  return text + dec.end();
}

/** The first worksheet's part name, in workbook order (sheet1.xml is not always the first tab). */
async function firstSheetPath(zip: ZipFile, entries: Map<string, Entry>, name: string): Promise<string> {
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (wb && rels) {
    const wbXml = await entryText(zip, wb, name);
    const relXml = await entryText(zip, rels, name);
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
    const shared = ssEntry ? parseSharedStrings(await entryBuffer(zip, ssEntry, name)) : [];
    const sheet = entries.get(sheetPath)!;
    return {
      async *records(onBytes) {
        const total = sheet.uncompressedSize;
        let read = 0;
        const scanner = new SheetScanner(shared, name);
        const dec = new StringDecoder('utf8');
        try {
          for await (const chunk of entryBytes(zip, sheet, name)) {
            read += chunk.length;
            const out: TableRecord[] = [];
            scanner.push(dec.write(chunk), out);
            onBytes(read, total);
            if (out.length) yield out;
          }
        } catch (e) {
          if (e instanceof ImportFailure) throw e;
          throw new ImportFailure('invalid_input', `${name}: the workbook is damaged or cut off (${(e as Error).message})`, { file: name });
        }
        const out: TableRecord[] = [];
        scanner.push(dec.end(), out);
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
