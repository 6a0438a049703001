import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJob } from '../../main/print/encode.js';
import type { DocData, DocKind } from '../../main/print/layout-types.js';
import type { PlacedCode128, PlacedQr } from '../../main/print/page.js';
import { renderDocument } from '../../main/print/render.js';
import { bitmapsEqual, type Bitmap } from '../../main/print/render/bitmap.js';
import { sendToPrinter, type PrintTarget } from '../../main/print/send.js';
import type { PrintSettingsInput, RawLanguage } from '../../main/print/settings.js';
import type { Paper } from '../../main/print/units.js';
import { decodeJob, squash, squashedText } from '../sim/printer/decode.js';
import { composeImages, renderDecoded, writeArtifact, type DecodedPage } from '../sim/printer/decoded.js';
import { qrMatches, readCode128 } from '../sim/printer/read-symbols.js';
import { chineseLabel, chineseSlip, latinLabel, latinSlip, pickList, TZ } from '../sim/printer/sample-data.js';
import { startVirtualPrinter, type VirtualPrinter } from '../sim/printer/virtual-printer.js';

/**
 * Every printer language × every layout, through a real TCP connection to the virtual printer and decoded back:
 * native jobs must carry the tracking number (or scan code) as text, the Code128 and the QR with the right content
 * and the address text; raster jobs must be the preview bitmap bit for bit, with the barcode where the layout put it.
 */
interface Case<K extends DocKind = DocKind> {
  name: string;
  kind: K;
  paper: Paper;
  data: DocData[K];
  /** text a packer or courier must find */
  mustRead: string[];
  code128: string;
  qr: string | null;
}

const label = (name: string, paper: Paper, data: DocData['label']): Case<'label'> => ({
  name,
  kind: 'label',
  paper,
  data,
  mustRead: [data.trackingNo, data.recipient.name, ...data.recipient.addressLines],
  code128: data.trackingNo,
  qr: data.qr,
});
const slip = (name: string, paper: Paper, data: DocData['slip']): Case<'slip'> => ({
  name,
  kind: 'slip',
  paper,
  data,
  mustRead: [data.barcode, data.buyer.name, ...(data.buyer.addressLines ?? []), ...data.lines.map((l) => l.sku)],
  code128: data.barcode,
  qr: null,
});
const picks = (paper: Paper): Case<'picklist'> => ({
  name: `pick list ${paper}`,
  kind: 'picklist',
  paper,
  data: pickList,
  mustRead: [pickList.batchId, ...pickList.rows.map((r) => r.sku), 'A-01-3'],
  code128: pickList.barcode,
  qr: null,
});

const CASES: Case[] = [
  label('label 100x150 chinese', '100x150', chineseLabel),
  label('label 100x150 latin', '100x150', latinLabel),
  label('label 76x130 chinese', '76x130', chineseLabel),
  label('label 76x130 latin', '76x130', latinLabel),
  slip('slip 80mm chinese', '80mm', chineseSlip),
  slip('slip 80mm latin', '80mm', latinSlip),
  slip('slip 58mm chinese', '58mm', chineseSlip),
  slip('slip 58mm latin', '58mm', latinSlip),
  picks('80mm'),
  picks('58mm'),
];

const LANGUAGES: RawLanguage[] = ['tspl', 'zpl', 'escpos'];
/** ZPL prints Chinese natively only with a font stored on the printer; without one it sends raster blocks. */
const NATIVE_SETTINGS: Record<RawLanguage, PrintSettingsInput> = { tspl: { mode: 'native' }, zpl: { mode: 'native', zplCjkFont: 'E:SIMSUN.TTF' }, escpos: { mode: 'native' } };

let vp: VirtualPrinter;
beforeAll(async () => {
  vp = await startVirtualPrinter();
});
afterAll(() => vp.close());

/** Sends through the real transport (status query first, then the job) and returns what the printer recorded. */
async function print(language: RawLanguage, paper: Paper, bytes: Buffer): Promise<Buffer> {
  const before = vp.jobs.length;
  const target: PrintTarget = { name: `virtual ${language}`, transport: 'tcp', address: vp.address, language, paper };
  await sendToPrinter(target, bytes);
  await vp.waitForJobs(before + 1);
  return vp.jobs[before]!.bytes;
}

function onlyPage(language: RawLanguage, bytes: Buffer, width: number): DecodedPage {
  const job = decodeJob(language, bytes, { width });
  expect(job.pages).toHaveLength(1);
  return job.pages[0]!;
}

describe.each(LANGUAGES)('%s', (language) => {
  it.each(CASES)('native: $name carries its text, Code128 and QR', async (c) => {
    const preview = renderDocument(c.kind, c.paper, c.data, {}, { timeZone: TZ });
    const job = encodeJob(language, undefined, c.kind, c.paper, c.data, NATIVE_SETTINGS[language], { timeZone: TZ });
    expect(job.mode).toBe('native');
    const received = await print(language, c.paper, job.bytes);
    expect(received.equals(job.bytes)).toBe(true);
    const page = onlyPage(language, received, preview.bitmap.width);
    writeArtifact(`${language}-native-${c.name}`, renderDecoded(page, preview.bitmap.width, Math.max(preview.bitmap.height, page.height ?? 0)));

    const text = squashedText(page);
    for (const s of c.mustRead) expect(text, `"${s}" printed as text`).toContain(squash(s));
    expect(page.barcodes.map((b) => b.content)).toEqual([c.code128]);
    if (c.qr) {
      // a QR that shares its band with text is a raster block on a line printer (ESC/POS): then the block must hold the symbol
      const native = page.qrs.map((q) => q.content);
      if (native.length) expect(native).toEqual([c.qr]);
      else {
        const q = preview.page.items.find((i): i is PlacedQr => i.kind === 'qr')!;
        expect(language).toBe('escpos');
        const composed = composeImages(page, preview.bitmap.width, page.height ?? preview.bitmap.height);
        const found = page.images.some(() => {
          for (let dy = -8; dy <= 8; dy++) for (let dx = -8; dx <= 8; dx++) if (qrMatches(composed, q.x + dx, q.y + dy, q.module, c.qr!)) return true;
          return false;
        });
        expect(found, 'QR drawn inside a raster band').toBe(true);
      }
    } else expect(page.qrs).toEqual([]);
  });

  it.each(CASES)('raster: $name is the preview bit for bit', async (c) => {
    const preview = renderDocument(c.kind, c.paper, c.data, {}, { timeZone: TZ });
    const job = encodeJob(language, 'raster', c.kind, c.paper, c.data, {}, { timeZone: TZ });
    const received = await print(language, c.paper, job.bytes);
    const page = onlyPage(language, received, preview.bitmap.width);
    expect(page.texts).toEqual([]);
    expect(page.barcodes).toEqual([]);
    if (language !== 'escpos') {
      expect(page.images).toHaveLength(1);
      expect([page.width, page.height]).toEqual([preview.bitmap.width, preview.bitmap.height]);
    }
    const composed: Bitmap = composeImages(page, preview.bitmap.width, preview.bitmap.height);
    expect(bitmapsEqual(composed, preview.bitmap)).toBe(true);
    writeArtifact(`${language}-raster-${c.name}`, composed);

    const bar = preview.page.items.find((i): i is PlacedCode128 => i.kind === 'code128')!;
    const read = readCode128(composed, { x: bar.boxX, y: bar.y, w: bar.maxW, h: bar.h });
    expect(read).toEqual({ text: c.code128, module: bar.module, x: bar.x });
    if (c.qr) {
      const q = preview.page.items.find((i): i is PlacedQr => i.kind === 'qr')!;
      expect(qrMatches(composed, q.x, q.y, q.module, c.qr)).toBe(true);
      expect(qrMatches(composed, q.x + q.module, q.y, q.module, c.qr)).toBe(false); // the check can fail
    }
  });
});

describe('dialects and fallbacks', () => {
  it('Star printers get Star Line Mode raster graphics that decode to the preview', async () => {
    const preview = renderDocument('slip', '80mm', chineseSlip, {}, { timeZone: TZ });
    const job = encodeJob('escpos', undefined, 'slip', '80mm', chineseSlip, { escposModel: 'star' }, { timeZone: TZ });
    const received = await print('escpos', '80mm', job.bytes);
    expect(received.subarray(0, 6)).toEqual(Buffer.from([0x1b, 0x40, 0x1b, 0x2a, 0x72, 0x41])); // ESC @, ESC * r A
    expect(() => decodeJob('escpos', received)).toThrow(/unknown command ESC 0x2a/); // not Epson ESC/POS
    const [page, ...rest] = decodeJob('escpos', received, { dialect: 'star', width: 576 }).pages;
    expect(rest).toEqual([]);
    expect(page!.cut).toBe('partial');
    expect(bitmapsEqual(composeImages(page!, 576, preview.bitmap.height), preview.bitmap)).toBe(true);
  });

  it('ZPL without a printer font sends Chinese lines as graphics where the layout puts them, Latin as text', () => {
    const job = encodeJob('zpl', 'native', 'label', '100x150', chineseLabel, {}, { timeZone: TZ });
    const page = decodeJob('zpl', job.bytes).pages[0]!;
    const text = squashedText(page);
    expect(text).toContain(chineseLabel.trackingNo);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(page.barcodes.map((b) => b.content)).toEqual([chineseLabel.trackingNo]);
    expect(page.qrs.map((q) => q.content)).toEqual([chineseLabel.qr]);
    // one graphic per Chinese line, each at the line's place on the raster preview (which draws the same line)
    const preview = renderDocument('label', '100x150', chineseLabel, {}, { timeZone: TZ });
    const chineseLines = preview.page.items.filter((i) => i.kind === 'text' && /[\u4e00-\u9fff]/.test(i.text));
    expect(page.images.map((i) => [i.x, i.y])).toEqual(chineseLines.map((t) => [t.x, t.y]));
  });
});
