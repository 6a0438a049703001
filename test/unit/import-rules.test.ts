import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { ImportService } from '../../main/imports/service.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import type { ImportResult } from '../../shared/contract/imports.js';
import { amazonAllOrders, encodeText, shopsFor, taobaoOrderReport, taobaoOrders, toCsv, writeLargeTaobao, writeSheet } from '../helpers/import-files.js';
import { tmpDir } from '../helpers/tmp.js';

let core: Core;
let dir: string;
beforeEach(() => {
  dir = tmpDir();
  core = createCore({ dbPath: path.join(dir, 'shop.db'), log: () => {}, checkOutputs: true });
  shopsFor(core.db, ['taobao']);
  return () => core.close();
});

async function preview(file: string, svc: ImportService = core.imports): Promise<ImportResult> {
  const up = svc.registerLocalFile(file);
  const { jobId } = await svc.preview({ files: [{ uploadId: up.uploadId }] }, 'test');
  return svc.settled(jobId);
}
const orderCount = () => (core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
const dbFingerprint = () => JSON.stringify(core.db.prepare('SELECT (SELECT count(*) FROM orders) o, (SELECT count(*) FROM order_lines) l, (SELECT count(*) FROM events) e, (SELECT count(*) FROM import_runs) r, (SELECT total(id) FROM orders) s').get());

describe('broken files', () => {
  it('a file cut off inside a quoted value: the last row is refused as truncated, the rest import', async () => {
    const text = toCsv(taobaoOrderReport(taobaoOrders(4)));
    const cut = text.slice(0, text.lastIndexOf('周末送货') + 3); // the 4th order's message opens a quote
    fs.writeFileSync(path.join(dir, 'cut.csv'), encodeText(cut, 'gbk'));
    const r = await preview(path.join(dir, 'cut.csv'));
    expect(r.counts).toEqual({ new: 3, updated: 0, unchanged: 0, invalid: 1 });
    expect(r.errors).toEqual([{ file: 'cut.csv', row: 5, column: null, message: expect.stringContaining('cut off'), severity: 'error' }]);
  });

  it('GBK bytes after 64 KB of ASCII: UTF-8 is detected first, then the read starts over as GB18030', async () => {
    shopsFor(core.db, ['amazon']);
    const spec = Array.from({ length: 600 }, (_, i) => ({
      id: `111-${String(1000000 + i)}-${String(2000000 + i)}`,
      placedAt: Date.UTC(2024, 4, 1),
      status: 'Unshipped',
      lines: [{ sku: `SKU-${i}`, title: i < 500 ? 'Kettle' : '电热水壶', qty: 1, price: 1999 }],
    }));
    const file = writeSheet(path.join(dir, 'late-gbk.txt'), amazonAllOrders(spec), 'gbk', { delimiter: '\t' });
    expect(fs.readFileSync(file).subarray(0, 64 * 1024).every((b) => b < 0x80)).toBe(true);
    const r = await preview(file);
    expect(r.files[0]!.encoding).toBe('gb18030');
    expect(r.counts).toEqual({ new: 600, updated: 0, unchanged: 0, invalid: 0 });
    await core.imports.commit(r.jobId);
    expect(core.db.prepare('SELECT title FROM order_lines WHERE sku_code = ?').get('SKU-599')).toEqual({ title: '电热水壶' });
  });

  it('a missing required column is named; nothing is read', async () => {
    const sheet = taobaoOrderReport(taobaoOrders(2));
    const drop = sheet.headers.indexOf('总金额');
    const file = writeSheet(path.join(dir, 'nototal.csv'), { headers: sheet.headers.filter((_, i) => i !== drop), rows: sheet.rows.map((r) => r.filter((_, i) => i !== drop)) }, 'gbk');
    const r = await preview(file);
    expect(r.state).toBe('failed');
    expect(r.failure).toMatchObject({ code: 'invalid_input', message: 'nototal.csv: not a complete 淘宝/天猫 订单报表: the column 总金额 is missing', details: { missing: ['总金额'] } });
    expect(orderCount()).toBe(0);
  });

  it('duplicate rows: an identical row is skipped with a warning; the same order with other values is refused', async () => {
    const sheet = taobaoOrderReport(taobaoOrders(3));
    const changed = [...sheet.rows[1]!];
    changed[sheet.headers.indexOf('订单状态')] = '交易成功';
    const file = writeSheet(path.join(dir, 'dups.csv'), { headers: sheet.headers, rows: [...sheet.rows, sheet.rows[0]!, changed] }, 'gbk');
    const r = await preview(file);
    expect(r.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 1 });
    expect(r.errors).toEqual([
      { file: 'dups.csv', row: 5, column: null, message: 'identical to row 2: skipped', severity: 'warning' },
      { file: 'dups.csv', row: 6, column: null, message: `order ${taobaoOrders(3)[1]!.id} appears again with different values (first on row 3); remove one of the rows`, severity: 'error' },
    ]);
  });

  it('row errors name the column and the value: scientific ids, impossible dates, unknown statuses, bad amounts', async () => {
    const sheet = taobaoOrderReport(taobaoOrders(5));
    const h = (name: string) => sheet.headers.findIndex((x) => x.trim() === name);
    sheet.rows[0]![h('订单编号')] = '3.00000E+18';
    sheet.rows[1]![h('订单付款时间')] = '2024/13/01 10:00:00';
    sheet.rows[2]![h('订单状态')] = '神秘状态';
    sheet.rows[3]![h('总金额')] = '12.3.4';
    const r = await preview(writeSheet(path.join(dir, 'bad.csv'), sheet, 'gbk'));
    expect(r.counts).toEqual({ new: 1, updated: 0, unchanged: 0, invalid: 4 });
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '订单编号', expect.stringContaining("'3.00000E+18' is in scientific notation: Excel has already cut off the last digits")],
      [3, '订单付款时间', "not a date: '2024/13/01 10:00:00'"],
      [4, '订单状态', "unknown status '神秘状态'"],
      [5, '总金额', "not an amount: '12.3.4'"],
    ]);
  });
});

describe('preview and commit', () => {
  it('dry-run counts equal commit counts, against a database that already holds some of the orders', async () => {
    const spec = taobaoOrders(10);
    // Seed: 3 orders already synced as to_ship (unchanged), 2 as unpaid (will be updated), 1 already completed (stale: unchanged).
    const seed = (i: number, status: string, state: NormalizedOrder['platformState']) =>
      core.orders.writer.upsertMany([{ shopId: 1, platform: 'taobao', platformOrderId: spec[i]!.id, platformStatus: status, platformState: state, payment: state === 'unpaid' ? 'unpaid' : 'paid', currency: 'CNY', goodsMinor: 1, totalMinor: 1, placedAt: 1, lines: [{ title: 'x', qty: 1, unitPriceMinor: 1 }] }], 'sync');
    for (const i of [0, 1, 2]) seed(i, 'WAIT_SELLER_SEND_GOODS', 'to_ship');
    for (const i of [3, 4]) seed(i, 'WAIT_BUYER_PAY', 'unpaid');
    seed(5, 'TRADE_FINISHED', 'completed');
    const before = dbFingerprint();
    const file = writeSheet(path.join(dir, 'mix.csv'), taobaoOrderReport(spec), 'gbk');
    const up = core.imports.registerLocalFile(file);
    const { jobId } = await core.imports.preview({ files: [{ uploadId: up.uploadId }] }, 'test');
    const r = await core.imports.settled(jobId);
    expect(dbFingerprint()).toBe(before); // the dry run wrote nothing
    expect(r.counts).toEqual({ new: 4, updated: 2, unchanged: 4, invalid: 0 });
    const c = await core.imports.commit(jobId);
    expect(c.counts).toEqual(r.counts);
    // Re-importing the same file changes nothing.
    const again = await preview(file);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 10, invalid: 0 });
    const after = dbFingerprint();
    await core.imports.commit(again.jobId);
    expect(JSON.parse(dbFingerprint()).o).toBe(JSON.parse(after).o);
    expect(JSON.parse(dbFingerprint()).l).toBe(JSON.parse(after).l);
    expect(core.db.prepare("SELECT platform_status FROM orders WHERE platform_order_id = ?").get(spec[5]!.id)).toEqual({ platform_status: 'TRADE_FINISHED' });
  });

  it('a commit that fails part-way changes nothing and can be retried', async () => {
    let calls = 0;
    const failing = {
      upsertOne: (o: NormalizedOrder, actor: string, now: number) => {
        if (++calls === 5) throw new Error('disk full');
        return core.orders.writer.upsertOne(o, actor, now);
      },
    };
    const svc = new ImportService({ db: core.db, dbPath: path.join(dir, 'shop.db'), writer: failing, events: core.events, log: core.eventLog });
    const r = await preview(writeSheet(path.join(dir, 'f.csv'), taobaoOrderReport(taobaoOrders(8)), 'gbk'), svc);
    const before = dbFingerprint();
    await expect(svc.commit(r.jobId)).rejects.toMatchObject({ code: 'io_error', message: expect.stringContaining('nothing changed') });
    expect(dbFingerprint()).toBe(before);
    expect(svc.result(r.jobId).state).toBe('ready');
    expect((await svc.commit(r.jobId)).counts.new).toBe(8);
    expect(orderCount()).toBe(8);
  });

  it('cancel mid-preview stops it and leaves nothing: no orders, no stage file, no upload', async () => {
    const file = await writeLargeTaobao(path.join(dir, 'big.csv'), 60_000);
    const up = core.imports.registerLocalFile(file);
    const seen: string[] = [];
    core.events.subscribe((n, p) => n === 'imports.progress' && seen.push((p as { phase: string }).phase));
    const { jobId } = await core.imports.preview({ files: [{ uploadId: up.uploadId }] }, 'test');
    await new Promise((r) => setTimeout(r, 150));
    expect(await core.imports.cancel(jobId)).toEqual({ cancelled: true });
    expect(core.imports.result(jobId).state).toBe('cancelled');
    expect(seen).toContain('reading');
    expect(seen.at(-1)).toBe('cancelled');
    expect(orderCount()).toBe(0);
    expect(fs.readdirSync(core.imports.uploads.dir).filter((f) => !f.startsWith('.'))).toEqual([]);
    expect(fs.existsSync(file)).toBe(true); // a file registered in place is never deleted
  });

  it('streams 200,000 rows (≈64 MB) with bounded memory and exact counts', async () => {
    const file = await writeLargeTaobao(path.join(dir, 'huge.csv'), 200_000);
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const r = await preview(file);
    clearInterval(t);
    expect(r).toMatchObject({ state: 'ready', rows: 200_000, counts: { new: 200_000, updated: 0, unchanged: 0, invalid: 0 }, errorsTotal: 0 });
    // Per-order state, not the file: well under the file's own size in growth.
    expect(peak - rss0).toBeLessThan(fs.statSync(file).size * 2.5);
    // Finished orders are spilled to disk (run-store.ts): before, per-order records alone grew ~0.8 KB per order
    // (≈160 MiB here); now growth is the parser's chunks, the spill file's page cache and uncollected garbage.
    expect((peak - rss0) / 2 ** 20).toBeLessThan(150);
    expect(fs.readdirSync(core.imports.uploads.dir).filter((f) => f.endsWith('.db'))).toEqual([]);
  }, 120_000);
});
