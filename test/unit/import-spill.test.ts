import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import type { ImportResult } from '../../shared/contract/imports.js';
import { douyinExport, shopsFor, T0, taobaoOrderReport, taobaoOrders, writeSheet, type SpecOrder } from '../helpers/import-files.js';
import { tmpDir } from '../helpers/tmp.js';

/*
 * The dry run keeps one order's consecutive rows in memory and spills finished runs to a file (run-store.ts); an
 * order whose rows are not consecutive, or a duplicate far from its twin, is merged from its runs at the end. These
 * cases must count exactly as commit stores them.
 */
let core: Core;
let dir: string;
beforeEach(() => {
  dir = tmpDir();
  core = createCore({ dbPath: path.join(dir, 'shop.db'), log: () => {}, checkOutputs: true });
  shopsFor(core.db, ['taobao', 'douyin']);
  return () => core.close();
});

async function preview(file: string, shopId?: number): Promise<ImportResult> {
  const up = core.imports.registerLocalFile(file);
  const { jobId } = await core.imports.preview({ files: [{ uploadId: up.uploadId }], ...(shopId ? { shopId } : {}) }, 'test');
  return core.imports.settled(jobId);
}
const leftovers = () => fs.readdirSync(core.imports.uploads.dir).filter((f) => f.endsWith('.db'));

describe('orders over non-consecutive rows', () => {
  it('Douyin sub-order rows of one order split by other orders are one order with all its lines', async () => {
    const spec: SpecOrder[] = Array.from({ length: 4 }, (_, i) => ({
      id: String(6900000000000000000n + BigInt(i)),
      placedAt: T0 + i * 1000,
      paidAt: T0 + i * 1000 + 10_000,
      status: '待发货',
      lines: [
        { sku: `A${i}`, title: `杯子${i}`, qty: 1, price: 1000 },
        { sku: `B${i}`, title: `杯套${i}`, qty: 2, price: 300, refunded: i === 0 },
      ],
    }));
    const sheet = douyinExport(spec);
    // Rows: o0 line 1, o1, o1, o0 line 2, o2, o2, o3, o3 — order 0 split around order 1.
    const [a, b, c, d, ...rest] = sheet.rows;
    const file = writeSheet(path.join(dir, 'split.csv'), { headers: sheet.headers, rows: [a!, c!, d!, b!, ...rest] }, 'utf-8-bom');
    const r = await preview(file);
    expect(r).toMatchObject({ state: 'ready', rows: 8, counts: { new: 4, updated: 0, unchanged: 0, invalid: 0 }, errorsTotal: 0 });
    expect(leftovers()).toEqual([]); // the spill file is gone once the preview is ready
    const c1 = await core.imports.commit(r.jobId);
    expect(c1.counts).toEqual(r.counts);
    const lines = core.db.prepare('SELECT l.sku_code FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.platform_order_id = ? ORDER BY l.line_no').all(spec[0]!.id);
    expect(lines).toEqual([{ sku_code: 'A0' }, { sku_code: 'B0' }]);
    expect(core.db.prepare('SELECT payment FROM orders WHERE platform_order_id = ?').get(spec[0]!.id)).toEqual({ payment: 'partly_refunded' });
  });

  it('a duplicate row far from its twin is skipped; the same order id far away with other values is refused', async () => {
    const spec = taobaoOrders(6);
    const sheet = taobaoOrderReport(spec);
    const changed = [...sheet.rows[2]!];
    changed[sheet.headers.indexOf('订单状态')] = '交易成功';
    const file = writeSheet(path.join(dir, 'far.csv'), { headers: sheet.headers, rows: [...sheet.rows, sheet.rows[0]!, changed] }, 'gbk');
    const r = await preview(file);
    expect(r.counts).toEqual({ new: 5, updated: 0, unchanged: 0, invalid: 1 });
    expect(r.errors).toEqual([
      { file: 'far.csv', row: 8, column: null, message: 'identical to row 2: skipped', severity: 'warning' },
      { file: 'far.csv', row: 9, column: null, message: `order ${spec[2]!.id} appears again with different values (first on row 4); remove one of the rows`, severity: 'error' },
    ]);
    const c = await core.imports.commit(r.jobId);
    expect(c.counts).toEqual(r.counts);
    expect((core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(5);
  });
});
