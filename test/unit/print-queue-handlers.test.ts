import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printHandlers, type PrintHandlers } from '../../main/print/queue/handlers.js';
import { bitmapToPng } from '../../main/print/render/bitmap.js';
import { PrintSettingsInput } from '../../main/print/settings.js';
import { PrinterCalibrationInput, printChannels, type PrintChannel } from '../../shared/contract/print.js';
import { PERMISSIONS } from '../../shared/domain/people.js';
import { composeImages } from '../sim/printer/decoded.js';
import { decodeJob } from '../sim/printer/decode.js';
import { mixedLines, startPrintWorld, T0, type PrintWorld } from '../helpers/print-queue-world.js';
import { tmpDir } from '../helpers/tmp.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

/** What the transport does for a channel: validate the input, run the handler, hold the output to the contract. */
async function call(h: PrintHandlers, w: PrintWorld, name: PrintChannel, input: unknown): Promise<unknown> {
  const ch = printChannels[name];
  const parsed = ch.input.safeParse(input);
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`);
  const ctx = { origin: 'test', session: { stationId: w.stationId, operatorId: w.who.operatorId ?? null, trusted: false } };
  const out = await (h[name] as (i: unknown, c: typeof ctx) => unknown)(parsed.data, ctx);
  const checked = ch.output.safeParse(out);
  if (!checked.success) throw new Error(`${name} broke its output contract: ${checked.error.message}`);
  return out;
}

describe('print channels', () => {
  it('every channel names a real permission; printing needs print.labels and calibration stations.manage', () => {
    for (const [name, ch] of Object.entries(printChannels)) expect(PERMISSIONS, name).toContain(ch.permission);
    expect(printChannels['print.reprint'].permission).toBe('print.labels');
    expect(printChannels['print.preview'].permission).toBe('print.labels');
    expect(printChannels['print.resolve'].permission).toBe('print.labels');
    expect(printChannels['printers.saveCalibration'].permission).toBe('stations.manage');
    // The contract's calibration fields are the ones main validates per printer language.
    expect(Object.keys(PrinterCalibrationInput.shape).sort()).toEqual(Object.keys(PrintSettingsInput.shape).sort());
  });

  it('queues, lists, previews exactly what prints, calibrates and test-prints through the handlers', async () => {
    const { w, vp, close } = await startPrintWorld(path.join(tmpDir('print-handlers-'), 'shop.db'), { settings: { mode: 'raster' }, now: () => T0 });
    open.push({ close });
    const h = printHandlers(w.queue, w.core.people.sessions);
    const ids = w.orders(mixedLines(3, 31));

    const r = (await call(h, w, 'print.labels', { orderIds: ids })) as { batch: { id: number; total: number } };
    expect(r.batch.total).toBe(3);
    await w.queue.runner.idle();
    const batches = (await call(h, w, 'print.batches', { states: ['done'] })) as { rows: { id: number; counts: { sent: number } }[]; total: number };
    expect(batches).toMatchObject({ total: 1, rows: [{ id: r.batch.id, counts: { sent: 3 } }] });
    const jobs = (await call(h, w, 'print.jobs', { batchId: r.batch.id })) as { rows: { id: number; orderId: number; state: string }[] };
    expect(jobs.rows.map((j) => j.state)).toEqual(['sent', 'sent', 'sent']);
    expect(((await call(h, w, 'print.jobs', { orderId: jobs.rows[1]!.orderId })) as { rows: unknown[] }).rows).toHaveLength(1);

    // The preview is the raster the printer received, dot for dot.
    const first = jobs.rows[0]!.orderId;
    const preview = (await call(h, w, 'print.preview', { orderId: first, kind: 'label' })) as { dataUrl: string; widthDots: number; heightDots: number; dpi: number };
    expect(preview).toMatchObject({ widthDots: 800, heightDots: 1200, dpi: 203 });
    const page = decodeJob('tspl', vp.jobs[0]!.bytes).pages[0]!;
    const printed = bitmapToPng(composeImages(page, page.width!, page.height!), 8);
    expect(Buffer.from(preview.dataUrl.slice('data:image/png;base64,'.length), 'base64').equals(printed)).toBe(true);

    // Calibration: saved for the printer's language, recorded before → after, used by the next print.
    expect(await call(h, w, 'printers.calibration', { printerId: w.printerId })).toMatchObject({ mode: 'raster', offsetXMm: 0, dpi: 203 });
    const saved = await call(h, w, 'printers.saveCalibration', { printerId: w.printerId, settings: { mode: 'raster', offsetXMm: 1.5, darkness: 20, gapMm: 3 }, reason: 'box landed 1.5 mm left' });
    expect(saved).toMatchObject({ offsetXMm: 1.5, darkness: 20, gapMm: 3 });
    const ev = w.core.db.prepare("SELECT actor, reason, data FROM events WHERE entity = 'printer' AND action = 'settings.changed'").get() as { actor: string; reason: string; data: string };
    expect(ev).toMatchObject({ actor: 'operator:Li Packer', reason: 'box landed 1.5 mm left' });
    expect(JSON.parse(ev.data)).toMatchObject({ before: { mode: 'raster' }, after: { offsetXMm: 1.5, darkness: 20 } });
    await expect(call(h, w, 'printers.saveCalibration', { printerId: w.printerId, settings: { darkness: 99 } })).rejects.toThrow('settings.darkness');
    await expect(call(h, w, 'printers.saveCalibration', { printerId: w.printerId, settings: { escposModel: 'epson' } })).rejects.toThrow('printer setting escposModel: only applies to ESC/POS printers, not tspl');

    const test = (await call(h, w, 'printers.testPrint', { printerId: w.printerId })) as { bytes: number };
    expect(vp.jobs).toHaveLength(4);
    expect(vp.jobs[3]!.bytes.length).toBe(test.bytes);
    const testPage = decodeJob('tspl', vp.jobs[3]!.bytes).pages[0]!;
    expect(testPage.settings).toMatchObject({ DENSITY: expect.anything(), GAP: expect.stringContaining('3') });
    expect(w.core.db.prepare("SELECT count(*) AS n FROM events WHERE entity = 'printer' AND action = 'test_printed'").get()).toEqual({ n: 1 });

    // Reprint, pause, resume, cancel and resolve through their channels.
    const re = (await call(h, w, 'print.reprint', { jobId: jobs.rows[0]!.id, reason: 'torn' })) as { batch: { id: number }; job: { reprintOf: number } };
    await w.queue.runner.idle();
    expect(w.queue.batch(re.batch.id).state).toBe('done');
    await w.queue.stop();
    const more = w.orders(mixedLines(2, 32));
    const b2 = (await call(h, w, 'print.labels', { orderIds: more })) as { batch: { id: number } };
    expect(await call(h, w, 'print.pause', { batchId: b2.batch.id })).toMatchObject({ state: 'paused', pauseCode: 'person' });
    expect(await call(h, w, 'print.resume', { batchId: b2.batch.id })).toMatchObject({ state: 'queued' });
    expect(await call(h, w, 'print.cancel', { batchId: b2.batch.id })).toMatchObject({ state: 'cancelled', counts: { cancelled: 2 } });
    await expect(call(h, w, 'print.resolve', { jobId: re.job.reprintOf, action: 'markPrinted' })).rejects.toThrow(/is sent: only an undecided uncertain job is resolved/);
  });

  it('refuses malformed input at the boundary, naming the field', async () => {
    const { w, close } = await startPrintWorld(path.join(tmpDir('print-handlers-'), 'shop.db'));
    open.push({ close });
    const h = printHandlers(w.queue, w.core.people.sessions);
    await expect(call(h, w, 'print.labels', {})).rejects.toThrow('print.labels: orderIds: give either orderIds or view (all orders to print in the view), not both or neither');
    await expect(call(h, w, 'print.labels', { orderIds: [1], view: {} })).rejects.toThrow('give either orderIds or view');
    await expect(call(h, w, 'print.labels', { orderIds: [] })).rejects.toThrow('orderIds: choose at least one order');
    await expect(call(h, w, 'print.reprint', { jobId: 1, trackingNo: '751000000001' })).rejects.toThrow('trackingNo: a tracking number is given only with newNumber');
    await expect(call(h, w, 'print.resolve', { jobId: 1, action: 'retry' })).rejects.toThrow(/action/);
    await expect(call(h, w, 'print.preview', { orderId: 12345 })).rejects.toThrow('order 12345 does not exist');
    // A receipt printer cannot take a 100×150 label: refused before anything is queued, naming both.
    const id = w.addPrinter('Receipt', '127.0.0.1:9', 'escpos', '80mm', 'label');
    expect(id).toBeGreaterThan(0);
    await expect(call(h, w, 'print.labels', { orderIds: w.orders(mixedLines(1, 3)) })).rejects.toThrow('there is no label layout for paper 80mm; label prints on 100x150 or 76x130');
  });
});
