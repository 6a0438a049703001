import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core.js';
import { encodeDocument, encodeJob } from '../../main/print/encode.js';
import { TEST_CODE128, TEST_QR } from '../../main/print/layouts/test-page.js';
import { renderDocument } from '../../main/print/render.js';
import { bitmapsEqual, getPixel } from '../../main/print/render/bitmap.js';
import { PrinterSettingsStore } from '../../main/print/settings-store.js';
import type { PrintSettingsInput, RawLanguage } from '../../main/print/settings.js';
import { testPagePreview, testPrint } from '../../main/print/test-print.js';
import { tmpDir } from '../helpers/tmp.js';
import { decodeJob, squash, squashedText } from '../sim/printer/decode.js';
import { composeImages, type DecodedPage } from '../sim/printer/decoded.js';
import { readCode128 } from '../sim/printer/read-symbols.js';
import { chineseLabel, chineseSlip, latinLabel, TZ } from '../sim/printer/sample-data.js';
import { startVirtualPrinter, type VirtualPrinter } from '../sim/printer/virtual-printer.js';

/** Calibration applied to output: offsets move what prints, darkness/speed/paper size reach the printer. */
const page = (language: RawLanguage, bytes: Buffer, width = 800): DecodedPage => decodeJob(language, bytes, { width }).pages[0]!;
const at = (p: DecodedPage) => ({
  texts: p.texts.map((t) => [t.text, t.x, t.y]),
  barcodes: p.barcodes.map((b) => [b.content, b.x, b.y]),
  qrs: p.qrs.map((q) => [q.content, q.x, q.y]),
});
const shifted = (p: DecodedPage, dx: number, dy: number) => ({
  texts: p.texts.map((t) => [t.text, t.x + dx, t.y + dy]),
  barcodes: p.barcodes.map((b) => [b.content, b.x + dx, b.y + dy]),
  qrs: p.qrs.map((q) => [q.content, q.x + dx, q.y + dy]),
});

describe('offsets', () => {
  // offsets in mm → dots at 8 dots/mm (203 dpi): +2 mm, +3 mm → (16, 24); −1.5 mm, −1 mm → (−12, −8)
  it.each([
    ['tspl', { zplCjkFont: undefined }],
    ['zpl', { zplCjkFont: 'E:SIMSUN.TTF' }],
  ] as const)('%s native: every text, barcode and QR moves by offset × dots per mm', (language, extra) => {
    const enc = (o: PrintSettingsInput) => encodeDocument(language, 'native', 'label', '100x150', chineseLabel, { ...extra, ...o }, { timeZone: TZ });
    const base = page(language, enc({}));
    expect(base.texts.length).toBeGreaterThan(10);
    expect(at(page(language, enc({ offsetXMm: 2, offsetYMm: 3 })))).toEqual(shifted(base, 16, 24));
    expect(at(page(language, enc({ offsetXMm: -1.5, offsetYMm: -1 })))).toEqual(shifted(base, -12, -8));
    expect(at(page(language, enc({ offsetXMm: 2, offsetYMm: 0, dpi: 300 })))).toEqual(shifted(page(language, enc({ dpi: 300 })), 24, 0));
  });

  it('escpos native: text moves with the left margin (GS L) and the first feed', () => {
    const enc = (o: PrintSettingsInput) => encodeDocument('escpos', 'native', 'slip', '80mm', chineseSlip, o, { timeZone: TZ });
    const base = page('escpos', enc({}), 576);
    const moved = page('escpos', enc({ offsetXMm: 2, offsetYMm: 3 }), 576);
    expect(moved.settings.leftMargin).toBe(16);
    expect(moved.texts.map((t) => [t.text, t.x, t.y])).toEqual(base.texts.map((t) => [t.text, t.x + 16, t.y + 24]));
    expect(moved.barcodes.map((b) => b.y)).toEqual(base.barcodes.map((b) => b.y + 24));
  });

  it.each(['tspl', 'zpl', 'escpos'] as const)('%s raster: the whole image moves, and the preview shows it moved', (language) => {
    const enc = (o: PrintSettingsInput) => encodeDocument(language, 'raster', 'label', '100x150', latinLabel, o, { timeZone: TZ });
    const img = (o: PrintSettingsInput) => composeImages(page(language, enc(o)), 800, 1200);
    const base = img({});
    const moved = img({ offsetXMm: 2, offsetYMm: 3 });
    expect(bitmapsEqual(moved, renderDocument('label', '100x150', latinLabel, { offsetXMm: 2, offsetYMm: 3 }, { timeZone: TZ }).bitmap)).toBe(true);
    let same = 0;
    let differ = 0;
    for (let y = 0; y < 1200 - 24; y += 7) {
      for (let x = 0; x < 800 - 16; x += 5) {
        if (getPixel(base, x, y) === getPixel(moved, x + 16, y + 24)) same++;
        else differ++;
      }
    }
    expect(differ).toBe(0);
    expect(same).toBeGreaterThan(20_000);
    // the layout's barcode box is x 6–94 mm, y 25–41 mm; inside the label frame
    const a = readCode128(base, { x: 6 * 8, y: 25 * 8, w: 88 * 8, h: 16 * 8 });
    const b = readCode128(moved, { x: 6 * 8 + 16, y: 25 * 8 + 24, w: 88 * 8, h: 16 * 8 });
    expect([a.text, b.text, b.x - a.x]).toEqual([latinLabel.trackingNo, latinLabel.trackingNo, 16]);
  });
});

describe('darkness, speed and paper size reach the printer', () => {
  it('TSPL: DENSITY, SPEED, SIZE and GAP', () => {
    const p = page('tspl', encodeDocument('tspl', 'raster', 'label', '100x150', latinLabel, { darkness: 20, speed: 4, pageWidthMm: 104, pageHeightMm: 148, gapMm: 3 }, { timeZone: TZ }));
    expect(p.settings).toMatchObject({ DENSITY: '10', SPEED: '4', GAP: '3 mm,0 mm' });
    expect([p.width, p.height, p.images[0]!.bitmap.width, p.images[0]!.bitmap.height]).toEqual([832, 1184, 832, 1184]);
  });

  it('ZPL: ~SD, ^PR, ^PW and ^LL', () => {
    const p = page('zpl', encodeDocument('zpl', 'raster', 'label', '76x130', latinLabel, { darkness: 22, speed: 5, pageWidthMm: 78 }, { timeZone: TZ }));
    expect(p.settings).toMatchObject({ SD: 22, PR: '5' });
    expect([p.width, p.height]).toEqual([624, 1040]);
  });

  it('ESC/POS: print density (GS ( K) from darkness, and the cut', () => {
    const light = page('escpos', encodeDocument('escpos', 'raster', 'slip', '80mm', chineseSlip, { darkness: 0 }, { timeZone: TZ }), 576);
    const dark = page('escpos', encodeDocument('escpos', 'native', 'slip', '80mm', chineseSlip, { darkness: 30, cut: 'full' }, { timeZone: TZ }), 576);
    expect([light.settings.density, light.cut]).toEqual([-6, 'partial']);
    expect([dark.settings.density, dark.cut]).toEqual([6, 'full']);
    expect(page('escpos', encodeDocument('escpos', 'raster', 'label', '100x150', latinLabel, {}, { timeZone: TZ })).cut).toBeUndefined();
  });
});

describe('test print', () => {
  let vp: VirtualPrinter;
  beforeAll(async () => {
    vp = await startVirtualPrinter();
  });
  afterAll(() => vp.close());

  it('prints the test page with the printer name, its settings, both barcodes and Chinese text', async () => {
    const printer = { name: '打包台 Bench 1', transport: 'tcp' as const, address: vp.address, language: 'tspl' as const, paper: '100x150' as const, settings: { mode: 'native' as const, offsetXMm: 1, darkness: 18 } };
    const { bytes } = await testPrint(printer, { timeZone: TZ, now: 0 });
    await vp.waitForJobs(1);
    expect(vp.jobs[0]!.bytes.equals(bytes)).toBe(true);
    const p = page('tspl', bytes);
    const text = squashedText(p);
    for (const s of ['打包台 Bench 1', 'TSPL · 203 dpi · native', 'offset x 1 mm, y 0 mm', 'darkness 18', '浙江省杭州市西湖区文三路', TEST_CODE128]) expect(text).toContain(squash(s));
    expect(p.barcodes.map((b) => b.content)).toEqual([TEST_CODE128]);
    expect(p.qrs.map((q) => q.content)).toEqual([TEST_QR]);
    expect(p.settings).toMatchObject({ DENSITY: '9', REFERENCE: '8,0' });
  });

  it('prints in raster exactly what the setup screen previews', async () => {
    const printer = { name: 'Zebra', transport: 'tcp' as const, address: vp.address, language: 'zpl' as const, paper: '76x130' as const, settings: { offsetYMm: 1 } };
    const { bytes } = await testPrint(printer, { timeZone: TZ, now: 0 });
    const preview = testPagePreview(printer, { timeZone: TZ, now: 0 });
    expect(bitmapsEqual(composeImages(page('zpl', bytes), 608, 1040), preview.bitmap)).toBe(true);
  });
});

describe('PrinterSettingsStore', () => {
  const core = createCore({ dbPath: path.join(tmpDir(), 'shop.db'), log: () => {} });
  afterAll(() => core.close());
  const id = core.people.printers.save(undefined, { name: 'Label 1', transport: 'tcp', address: '192.168.1.50:9100', language: 'zpl', paper: '100x150' }).id;
  const store = new PrinterSettingsStore(core.db);
  const events = () => core.db.prepare("SELECT actor, action, reason, data FROM events WHERE entity = 'printer' AND entity_id = ? ORDER BY id").all(id) as { actor: string; action: string; reason: string | null; data: string }[];

  it('saves calibration with an event saying who changed what, and the print functions read it back', () => {
    expect(store.get(id)).toMatchObject({ mode: 'raster', offsetXMm: 0, darkness: null });
    const saved = store.save(id, { offsetXMm: 1.5, offsetYMm: -0.5, darkness: 24 }, { actor: 'operator:1', operatorId: null, reason: 'labels printed 1.5 mm left' });
    expect(saved).toMatchObject({ offsetXMm: 1.5, offsetYMm: -0.5, darkness: 24 });
    expect(events()).toEqual([{ actor: 'operator:1', action: 'settings.changed', reason: 'labels printed 1.5 mm left', data: JSON.stringify({ printer: 'Label 1', before: {}, after: { offsetXMm: 1.5, offsetYMm: -0.5, darkness: 24 } }) }]);
    const target = store.target(id);
    const p = page('zpl', encodeJob(target.language as 'zpl', undefined, 'label', '100x150', latinLabel, target.settings, { timeZone: TZ }).bytes);
    expect(p.settings).toMatchObject({ SD: 24 });
  });

  it('refuses settings the printer cannot use, naming the field, and changes nothing', () => {
    const before = events().length;
    expect(() => store.save(id, { speed: 40 }, { actor: 'owner' })).toThrow(/printer setting speed/);
    expect(() => store.save(id, { cjkText: 'printer' }, { actor: 'owner' })).toThrow(/zplCjkFont/);
    expect(() => store.save(9999, {}, { actor: 'owner' })).toThrow(/printer 9999 does not exist/);
    expect(events()).toHaveLength(before);
    expect(store.get(id).darkness).toBe(24);
  });
});
