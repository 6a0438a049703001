import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import type { ImportResult } from '../../shared/contract/imports.js';
import { amazonAllOrders, amazonUnshipped, douyinExport, genericSheet, pddExport, shopifyCsv, shopsFor, T0, taobaoItemReport, taobaoOrderReport, taobaoOrders, writeSheet, writeXlsx, type FileEncoding } from '../helpers/import-files.js';
import { TEST_CTX, tmpDir } from '../helpers/tmp.js';

let core: Core;
let dir: string;
let shops: Record<string, number>;
beforeEach(() => {
  dir = tmpDir();
  core = createCore({ dbPath: path.join(dir, 'shop.db'), log: () => {}, checkOutputs: true });
  shops = shopsFor(core.db, ['taobao', 'douyin', 'pinduoduo', 'amazon', 'shopify', 'manual']);
  return () => core.close();
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input, TEST_CTX);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Registers the files, runs the preview through the contract, waits for it, and commits unless told not to. */
async function importFiles(files: string[], extra: Record<string, unknown> = {}, commit = true): Promise<{ preview: ImportResult; commit: { counts: ImportResult['counts'] } | null }> {
  const ups = files.map((f) => core.imports.registerLocalFile(f));
  const { jobId } = await call<{ jobId: string }>('imports.preview', { files: ups.map((u) => ({ uploadId: u.uploadId })), ...extra });
  await core.imports.settled(jobId);
  const preview = await call<ImportResult>('imports.result', { jobId });
  if (preview.state !== 'ready') throw new Error(`preview ${preview.state}: ${preview.failure?.message}`);
  return { preview, commit: commit ? await call('imports.commit', { jobId }) : null };
}

const order = (platform: string, id: string) =>
  core.db.prepare('SELECT * FROM orders WHERE platform = ? AND platform_order_id = ?').get(platform, id) as Record<string, unknown> | undefined;
const lines = (orderId: unknown) => core.db.prepare('SELECT sku_code, title, qty, unit_price_minor, discount_minor FROM order_lines WHERE order_id = ? ORDER BY line_no').all(orderId) as Record<string, unknown>[];

describe('Taobao order report', () => {
  for (const [encoding, idStyle] of [
    ['gbk', 'formula'],
    ['gb18030', 'tab'],
    ['utf-8-bom', 'apostrophe'],
    ['utf-8', 'plain'],
    ['utf-16le', 'formula'],
  ] as [FileEncoding, 'formula' | 'tab' | 'apostrophe' | 'plain'][]) {
    it(`reads the classic layout in ${encoding} with ${idStyle} ids, quoted newlines and "1,234.50" amounts`, async () => {
      const spec = taobaoOrders(6);
      const file = writeSheet(path.join(dir, `tb-${encoding}.csv`), taobaoOrderReport(spec, { idStyle, thousands: true }), encoding, encoding === 'utf-16le' ? { delimiter: '\t' } : {});
      const { preview, commit } = await importFiles([file]);
      expect(preview.files[0]).toMatchObject({ format: 'taobao-orders', encoding: encoding === 'gbk' ? 'gb18030' : encoding, rows: 6 });
      expect(preview.counts).toEqual({ new: 6, updated: 0, unchanged: 0, invalid: 0 });
      expect(preview.errors).toEqual([]);
      expect(commit!.counts).toEqual(preview.counts);
      const o = order('taobao', spec[0]!.id)!;
      // goods 2 × 1234.50 + 9.90, shipping 10.00: exact fen, no floats.
      expect(o).toMatchObject({ platform_status: 'WAIT_SELLER_SEND_GOODS', platform_state: 'to_ship', payment: 'paid', goods_minor: 123450 * 1 + 990, shipping_minor: 1000, total_minor: 123450 + 990 + 1000, currency: 'CNY' });
      expect(o.buyer_message).toBe('周末送货\n放门卫');
      expect(o).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路1号', pii_masked: 1 });
      expect(o.placed_at).toBe(T0);
      expect(lines(o.id)).toEqual([{ sku_code: null, title: '保温杯0，杯套', qty: 2, unit_price_minor: Math.ceil((123450 + 990) / 2), discount_minor: Math.ceil((123450 + 990) / 2) * 2 - (123450 + 990) }]);
    });
  }

  it('joins the item report on 订单编号: exact lines with SKU codes (classic and current generations)', async () => {
    for (const generation of ['classic', 'current'] as const) {
      const spec = taobaoOrders(4).map((o) => ({ ...o, id: generation === 'current' ? `4${o.id.slice(1)}` : o.id }));
      const orders = writeSheet(path.join(dir, `tb-orders-${generation}.csv`), taobaoOrderReport(spec, { generation, idStyle: 'formula' }), 'gbk');
      const items = writeSheet(path.join(dir, `tb-items-${generation}.csv`), taobaoItemReport(spec, { generation, idStyle: 'formula' }), 'utf-8-bom');
      const { preview } = await importFiles([items, orders]);
      expect(preview.files.map((f) => f.format)).toEqual(['taobao-items', 'taobao-orders']);
      expect(preview.counts).toEqual({ new: 4, updated: 0, unchanged: 0, invalid: 0 });
      const o = order('taobao', spec[0]!.id)!;
      const expected = spec[0]!.lines.map((l) => ({ title: l.title, qty: l.qty, unit_price_minor: l.price }));
      expect(lines(o.id).map(({ title, qty, unit_price_minor }) => ({ title, qty, unit_price_minor }))).toEqual(expected);
      if (generation === 'classic') expect(lines(o.id).map((l) => l.sku_code)).toEqual(['SKU-0', 'SKU-B0']);
      expect(o.pii_masked).toBe(1);
    }
  });

  it('refuses an item report alone, naming what it needs', async () => {
    const items = writeSheet(path.join(dir, 'items.csv'), taobaoItemReport(taobaoOrders(2)), 'gbk');
    const up = core.imports.registerLocalFile(items);
    const r = await core.dispatch('imports.preview', { files: [{ uploadId: up.uploadId }] }, TEST_CTX);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toContain('订单报表');
  });

  it('reads an XLSX export (shared strings, a title row above the header, ids stored as text)', async () => {
    const spec = taobaoOrders(5);
    const file = await writeXlsx(path.join(dir, 'tb.xlsx'), taobaoOrderReport(spec), { sharedStrings: true, titleRow: '订单报表 2024-05-01' });
    const { preview } = await importFiles([file]);
    expect(preview.files[0]).toMatchObject({ format: 'taobao-orders', encoding: 'xlsx', rows: 5 });
    expect(preview.counts.new).toBe(5);
    expect(order('taobao', spec[4]!.id)).toMatchObject({ buyer_message: null, total_minor: 123454 + 990 + 1000 });
  });
});

describe('other platforms', () => {
  it('Douyin: sub-order rows make one order with its lines; a refunded sub-order makes it partly refunded', async () => {
    const spec = [
      { id: '6920000000000000001', placedAt: T0, paidAt: T0, status: '待发货', lines: [{ sku: 'D1', title: '连衣裙', qty: 1, price: 19900 }, { sku: 'D2', title: '腰带', qty: 2, price: 2500, refunded: true }], shipping: 0, discount: 1000 },
      { id: '6920000000000000002', placedAt: T0, paidAt: T0, status: '已完成', lines: [{ sku: 'D3', title: '帽子', qty: 1, price: 5900 }] },
    ];
    const file = writeSheet(path.join(dir, 'dy.csv'), douyinExport(spec, { idStyle: 'tab' }), 'utf-8-bom');
    const { preview } = await importFiles([file]);
    expect(preview.files[0]!.format).toBe('douyin-orders');
    expect(preview.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 0 });
    const o = order('douyin', spec[0]!.id)!;
    expect(o).toMatchObject({ platform_status: '2', platform_state: 'to_ship', payment: 'partly_refunded', goods_minor: 19900 + 5000, discount_minor: 1000, total_minor: 23900 });
    expect(lines(o.id).map((l) => [l.sku_code, l.qty, l.unit_price_minor])).toEqual([['D1', 1, 19900], ['D2', 2, 2500]]);
    expect(order('douyin', spec[1]!.id)).toMatchObject({ platform_status: '5', platform_state: 'completed' });
  });

  it('Pinduoduo: order_sn ids, 商家实收金额, 售后状态 refund', async () => {
    const spec = [
      { id: '240501-123456789012345', placedAt: T0, paidAt: T0, status: '待发货', lines: [{ sku: 'P1', title: '纸巾', qty: 3, price: 1000 }], shipping: 0 },
      { id: '240501-123456789012346', placedAt: T0, paidAt: T0, status: '已发货，待收货', lines: [{ sku: 'P2', title: '拖鞋', qty: 1, price: 1590, refunded: true }] },
    ];
    const { preview } = await importFiles([writeSheet(path.join(dir, 'pdd.csv'), pddExport(spec), 'gbk')]);
    expect(preview.files[0]!.format).toBe('pinduoduo-orders');
    expect(preview.counts.new).toBe(2);
    expect(order('pinduoduo', spec[0]!.id)).toMatchObject({ platform_status: '1', platform_state: 'to_ship', payment: 'paid', total_minor: 3000 });
    expect(order('pinduoduo', spec[1]!.id)).toMatchObject({ platform_status: '2', platform_state: 'shipped', payment: 'refunded', refunded_minor: 1590 });
  });

  it('Amazon All Orders (TSV, UTF-16LE from Excel): items summed, promotions negative, last-updated-date kept', async () => {
    const spec = [{ id: '111-2223334-4445556', placedAt: T0, status: 'Unshipped', currency: 'USD', lines: [{ sku: 'AZ-1', title: 'Kettle', qty: 2, price: 2499 }, { sku: 'AZ-2', title: 'Filter', qty: 1, price: 999 }], shipping: 599, discount: 500 }];
    const file = writeSheet(path.join(dir, 'amazon.txt'), amazonAllOrders(spec, () => T0 + 3600_000), 'utf-16le', { delimiter: '\t', eol: '\n' });
    const { preview } = await importFiles([file]);
    expect(preview.files[0]).toMatchObject({ format: 'amazon-all-orders', encoding: 'utf-16le' });
    const o = order('amazon', spec[0]!.id)!;
    expect(o).toMatchObject({ platform_status: 'Unshipped', platform_state: 'to_ship', goods_minor: 2 * 2499 + 999, shipping_minor: 599, discount_minor: 500, total_minor: 2 * 2499 + 999 + 599 - 500, platform_updated_at: T0 + 3600_000, currency: 'USD' });
    // An older report never takes back what a newer one (or a sync) said.
    const older = writeSheet(path.join(dir, 'amazon-old.txt'), amazonAllOrders([{ ...spec[0]!, status: 'Shipped' }], () => T0), 'utf-8', { delimiter: '\t' });
    expect((await importFiles([older], {}, false)).preview.counts).toEqual({ new: 0, updated: 0, unchanged: 1, invalid: 0 });
  });

  it('Amazon Unshipped: addresses, order-item ids, no prices', async () => {
    const spec = [{ id: '111-2223334-4445557', placedAt: T0, status: '', lines: [{ sku: 'AZ-9', title: 'Mug', qty: 1, price: 0, lineId: '12345678901234' }], name: 'Jane Roe' }];
    const { preview } = await importFiles([writeSheet(path.join(dir, 'unshipped.txt'), amazonUnshipped(spec), 'utf-8', { delimiter: '\t' })]);
    expect(preview.files[0]!.format).toBe('amazon-unshipped');
    expect(order('amazon', spec[0]!.id)).toMatchObject({ platform_status: 'Unshipped', buyer_name: 'Jane Roe', address1: '1 Main St', total_minor: 0, currency: 'USD' });
  });

  it('Shopify: line rows grouped by Name, stored by Id, statuses as the sync adapter writes them', async () => {
    const spec = [
      { id: '#1001', legacyId: '5000000001', placedAt: T0, paidAt: T0, status: 'paid', fulfillment: 'unfulfilled', lines: [{ sku: 'S1', title: 'Tee', qty: 2, price: 1500 }, { sku: 'S2', title: 'Cap', qty: 1, price: 1200 }], shipping: 500 },
      { id: '#1002', legacyId: '5000000002', placedAt: T0, paidAt: T0, status: 'partially_refunded', fulfillment: 'fulfilled', lines: [{ sku: 'S3', title: 'Sock', qty: 3, price: 500 }] },
    ];
    const { preview } = await importFiles([writeSheet(path.join(dir, 'orders_export.csv'), shopifyCsv(spec), 'utf-8')]);
    expect(preview.files[0]!.format).toBe('shopify-orders');
    expect(preview.counts.new).toBe(2);
    const o = order('shopify', '5000000001')!;
    expect(o).toMatchObject({ platform_status: 'PAID/UNFULFILLED', platform_state: 'to_ship', payment: 'paid', total_minor: 4700, goods_minor: 4200 });
    expect(lines(o.id).map((l) => l.sku_code)).toEqual(['S1', 'S2']);
    expect(order('shopify', '5000000002')).toMatchObject({ platform_status: 'PARTIALLY_REFUNDED/FULFILLED', platform_state: 'shipped', payment: 'partly_refunded' });
  });

  it('generic XLSX with a saved preset mapping goes to any shop (here a manual one)', async () => {
    const spec = [{ id: 'WX-0001', placedAt: T0, status: '待发货', lines: [{ sku: 'G1', title: '茶叶', qty: 2, price: 8800 }, { sku: 'G2', title: '茶杯', qty: 1, price: 1200 }], shipping: 800 }];
    const file = await writeXlsx(path.join(dir, 'mine.xlsx'), genericSheet(spec), { sharedStrings: false, numericColumns: [7] });
    const up = core.imports.registerLocalFile(file);
    const inspect = await call<{ format: string | null; headers: string[]; suggestedMapping: { columns: Record<string, string> } }>('imports.inspect', { uploadId: up.uploadId });
    expect(inspect.format).toBeNull();
    expect(inspect.headers).toContain('货品编码');
    const preset = await call<{ id: number }>('imports.presets.save', {
      name: '微信表',
      mapping: { columns: { orderId: '单号', placedAt: '日期', buyerName: '客户', buyerPhone: '电话', address1: '地址', skuCode: '货品编码', title: '货品', qty: '数量', unitPrice: '单价', shipping: '运费', status: '状态' } },
    });
    expect(await call<unknown[]>('imports.presets.list', {})).toHaveLength(1);
    const { jobId } = await call<{ jobId: string }>('imports.preview', { files: [{ uploadId: up.uploadId, format: 'generic' }], shopId: shops.manual, presetId: preset.id });
    const preview = await core.imports.settled(jobId);
    expect(preview).toMatchObject({ state: 'ready', counts: { new: 1, updated: 0, unchanged: 0, invalid: 0 } });
    await call('imports.commit', { jobId });
    const o = order('manual', 'WX-0001')!;
    expect(o).toMatchObject({ shop_id: shops.manual, platform_state: 'to_ship', goods_minor: 18800, shipping_minor: 800, total_minor: 19600, buyer_name: '赵六' });
    expect(lines(o.id).map((l) => [l.sku_code, l.qty])).toEqual([['G1', 2], ['G2', 1]]);
    expect(await call('imports.presets.remove', { id: preset.id })).toEqual({ removed: true });
  });

  it('a platform file goes only to a shop of its platform; with one such shop it is chosen by itself', async () => {
    const file = writeSheet(path.join(dir, 'tb.csv'), taobaoOrderReport(taobaoOrders(1)), 'gbk');
    const up = core.imports.registerLocalFile(file);
    const wrong = await core.dispatch('imports.preview', { files: [{ uploadId: up.uploadId }], shopId: shops.douyin }, TEST_CTX);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!wrong.ok && wrong.error.message).toMatch(/shop \d+ \(douyin shop\) is a douyin shop; a 淘宝\/天猫 订单报表 goes to a taobao shop/);
    const auto = await call<{ jobId: string }>('imports.preview', { files: [{ uploadId: up.uploadId }] });
    expect((await core.imports.settled(auto.jobId)).shopId).toBe(shops.taobao);
  });
});
