import fs from 'node:fs';
import type { ImportEncoding } from '../../../shared/contract/imports.js';
import { ImportFailure } from '../failure.js';
import { CsvParser, type TableRecord } from './csv-parser.js';
import { decoderFor, detectEncoding } from './encoding.js';
import { openXlsx } from './xlsx-reader.js';

export type { TableRecord };

const SAMPLE_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

/** An export file opened for reading: what it is, and its records in batches, streamed. */
export interface Table {
  kind: 'csv' | 'tsv' | 'xlsx';
  encoding: ImportEncoding;
  totalBytes: number;
  /** Record batches; `onBytes` reports progress through the file. */
  records(onBytes: (bytes: number) => void, signal?: AbortSignal): AsyncGenerator<TableRecord[]>;
  close(): void;
}

function readHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(n);
    const got = fs.readSync(fd, b, 0, n, 0);
    return b.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** Tab-separated when the first line has more tabs than commas (Amazon's .txt reports; Excel's "Unicode text"). */
function pickDelimiter(text: string): ',' | '\t' {
  const nl = text.search(/\r|\n/);
  const line = nl < 0 ? text : text.slice(0, nl);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? '\t' : ',';
}

/**
 * Opens `file` (shown to people as `name`). XLSX is recognised by its zip signature, not its extension; text files
 * get their encoding detected from the first 64 KB (`encoding` forces one: the reader restarts with it when the
 * bytes stop being valid UTF-8 further in).
 */
export async function openTable(file: string, name: string, encoding?: ImportEncoding): Promise<Table> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ImportFailure('not_found', `${name}: the uploaded file is gone (uploads are kept for a day); upload it again`, { file: name });
  }
  const totalBytes = stat.size;
  if (totalBytes === 0) throw new ImportFailure('invalid_input', `${name}: the file is empty`, { file: name });
  const head = readHead(file, SAMPLE_BYTES);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const x = await openXlsx(file, name);
    return {
      kind: 'xlsx',
      encoding: 'xlsx',
      totalBytes,
      async *records(onBytes, signal) {
        for await (const batch of x.records((read, total) => onBytes(total ? Math.floor((read / total) * totalBytes) : 0))) {
          if (signal?.aborted) return;
          yield batch;
        }
      },
      close: () => x.close(),
    };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new ImportFailure('invalid_input', `${name}: this is an old Excel .xls workbook; open it in Excel or WPS and save it as .xlsx or CSV`, { file: name });
  }
  const enc = encoding ?? detectEncoding(head, name);
  if (enc === 'xlsx') throw new ImportFailure('invalid_input', `${name}: not an XLSX workbook`, { file: name });
  const probe = decoderFor(enc);
  let sampleText: string;
  try {
    sampleText = probe.write(head);
  } catch {
    sampleText = '';
  }
  const delimiter = pickDelimiter(sampleText);
  let stream: fs.ReadStream | null = null;
  return {
    kind: delimiter === '\t' ? 'tsv' : 'csv',
    encoding: enc,
    totalBytes,
    async *records(onBytes, signal) {
      const decoder = decoderFor(enc);
      const parser = new CsvParser(delimiter, name);
      stream = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
      let bytes = 0;
      for await (const chunk of stream) {
        if (signal?.aborted) return;
        const buf = chunk as Buffer;
        const out: TableRecord[] = [];
        parser.push(decoder.write(buf), out);
        bytes += buf.length;
        onBytes(bytes);
        if (out.length) yield out;
      }
      const out: TableRecord[] = [];
      parser.push(decoder.end(), out);
      parser.end(out);
      if (out.length) yield out;
    },
    close: () => stream?.destroy(),
  };
}
