import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { runExport, type ParsedExportRequest } from '../../main/exports/run.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import { startServer } from '../../main/transport/ws-server.js';
import { ExportRequest, type ExportJob, type OrdersView } from '../../shared/contract/exports.js';
import type { OrderRow } from '../../shared/domain/order.js';
import { demoCore, TEST_CTX, tmpDir } from '../helpers/tmp.js';

let core: Core;
let dir: string;
const TZ = 'Asia/Shanghai';
const SHIP_DAY = Date.UTC(2030, 0, 1, 0, 0, 0) - 8 * 3600_000; // 2030-01-01 00:00 in China
const SHOP = 901; // a taobao shop of our own (masked PII, 19-digit ids)
const MANUAL = 902;

const NASTY = {
  name: '=HYPERLINK("http://evil.example","点我")',
  nick: '@SUM(A1:A9)',
  phone: '+86 138 0013 8000',
  memo: '-2+3+cmd|\' /C calc\'!A0',
  title: '保温杯, "限量" 款\n第二行',
};

function order(id: string, over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  return {
    shopId: SHOP,
    platform: 'taobao',
    platformOrderId: id,
    platformStatus: 'WAIT_SELLER_SEND_GOODS',
    platformState: 'to_ship',
    payment: 'paid',
    buyerNick: 'tb_nick',
    buyerName: '张**',
    buyerPhone: '138****8000',
    country: 'CN',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    address1: '文三路***号',
    piiMasked: true,
    currency: 'CNY',
    goodsMinor: 17800,
    totalMinor: 17800,
    placedAt: Date.UTC(2029, 11, 31, 1, 0, 0),
    lines: [
      { skuCode: 'CUP-500-WH', title: '真空保温杯', qty: 1, unitPriceMinor: 8900 },
      { skuCode: 'CUP-500-BK', title: NASTY.title, qty: 1, unitPriceMinor: 8900 },
    ],
    ...over,
  };
}

beforeAll(() => {
  core = demoCore(2000, 11);
  dir = tmpDir();
  const ins = core.db.prepare('INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
  ins.run(SHOP, 'taobao', '导出测试店', 'CNY');
  ins.run(MANUAL, 'manual', '电话订单', 'CNY');
  core.orders.writer.upsertMany(
    [
      order('3100000000000000001'),
      order('3100000000000000002', { buyerName: NASTY.name, buyerNick: NASTY.nick, sellerMemo: NASTY.memo, placedAt: Date.UTC(2029, 11, 31, 2, 0, 0) }),
      order('3100000000000000003', { placedAt: Date.UTC(2029, 11, 31, 3, 0, 0) }),
      order('M2912310001', {
        shopId: MANUAL,
        platform: 'manual',
        platformStatus: '待发货',
        buyerName: '李四',
        buyerPhone: NASTY.phone,
        address1: '文三路 100 号',
        piiMasked: false,
        placedAt: Date.UTC(2029, 11, 31, 4, 0, 0),
        lines: [{ title: '刻字服务', qty: 1, unitPriceMinor: 17800 }],
      }),
    ],
    'test',
  );
  const idOf = (pid: string) => (core.db.prepare('SELECT id FROM orders WHERE platform_order_id = ?').get(pid) as { id: number }).id;
  // Shipped on 1 Jan 2030 (China time), except 003, shipped the day after: outside a one-day range.
  core.sync.shipper.ship(idOf('3100000000000000002'), 'SF', 'SF1000000000002', TEST_CTX.session, SHIP_DAY + 9 * 3600_000);
  core.sync.shipper.ship(idOf('3100000000000000001'), 'SF', 'SF1000000000001', TEST_CTX.session, SHIP_DAY + 10 * 3600_000);
  core.sync.shipper.ship(idOf('M2912310001'), 'YTO', 'YT9000000000001', TEST_CTX.session, SHIP_DAY + 11 * 3600_000);
  core.sync.shipper.ship(idOf('3100000000000000003'), 'ZTO', 'ZT7000000000003', TEST_CTX.session, SHIP_DAY + 30 * 3600_000);
});

const req = (r: ExportRequest): ParsedExportRequest => ExportRequest.parse(r);
let n = 0;
const out = (ext: string) => path.join(dir, `e${++n}.${ext}`);

async function csvOf(r: ExportRequest): Promise<{ text: string; rows: string[][] }> {
  const file = out('csv');
  await runExport({ dbPath: core.dbPath, request: req(r), file });
  const text = fs.readFileSync(file, 'utf8');
  return { text, rows: parse(text.slice(1), { relax_column_count: false }) as string[][] };
}

/** Every id of a view, paging through orders.list as the screen does. */
async function listIds(view: OrdersView): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await core.dispatch('orders.list', { ...view, offset, limit: 500 }, TEST_CTX);
    if (!r.ok) throw new Error(r.error.message);
    const page = r.value as { rows: OrderRow[]; total: number };
    ids.push(...page.rows.map((x) => x.id));
    if (ids.length >= page.total) return ids;
  }
}

describe('CSV export of the queue view', () => {
  it('is UTF-8 with a BOM and CRLF rows, headed in the chosen language, times in the named zone', async () => {
    const { text, rows } = await csvOf({ kind: 'orders', view: { shopIds: [SHOP] }, format: 'csv', lang: 'zh-CN', timeZone: TZ });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n').length).toBe(rows.length + 1); // ends with CRLF
    expect(rows[0]).toEqual(expect.arrayContaining(['订单编号', '店铺', '订单金额', '币种', `下单时间 (${TZ})`, '系统编号']));
    const head = rows[0]!;
    const byId = new Map(rows.slice(1).map((r) => [r[head.indexOf('订单编号')], r]));
    const r1 = byId.get('3100000000000000001')!;
    expect(r1[head.indexOf('订单金额')]).toBe('178.00');
    expect(r1[head.indexOf('币种')]).toBe('CNY');
    expect(r1[head.indexOf(`下单时间 (${TZ})`)]).toBe('2029-12-31 09:00:00');
  });

  it('honours the queue, shop, platform, search and sort of the view, row for row', async () => {
    const views: OrdersView[] = [
      {},
      { queue: 'to_print', sort: { field: 'total', dir: 'asc' } },
      { queue: 'shipped', shopIds: [1, 2], sort: { field: 'paidAt', dir: 'desc' } },
      { platforms: ['taobao'], sort: { field: 'platformOrderId', dir: 'asc' } },
      { search: 'CUP', sort: { field: 'placedAt', dir: 'asc' } },
      { queue: 'all', shopIds: [3], sort: { field: 'paidAt', dir: 'asc' } }, // unpaid orders: null paid times first
    ];
    for (const view of views) {
      const { rows } = await csvOf({ kind: 'orders', view, format: 'csv' });
      const col = rows[0]!.indexOf('ShopDesk ID');
      const expected = await listIds(view);
      expect(expected.length, JSON.stringify(view)).toBeGreaterThan(0);
      expect(rows.slice(1).map((r) => Number(r[col])), JSON.stringify(view)).toEqual(expected);
    }
  });

  it('guards text that a spreadsheet would run as a formula, and keeps commas, quotes and line breaks intact', async () => {
    const { text, rows } = await csvOf({ kind: 'orders', view: { shopIds: [SHOP] }, format: 'csv' });
    const head = rows[0]!;
    const r2 = rows.find((r) => r[0] === '3100000000000000002')!;
    expect(r2[head.indexOf('Recipient')]).toBe(`'${NASTY.name}`);
    expect(r2[head.indexOf('Buyer nick')]).toBe(`'${NASTY.nick}`);
    // Nothing in the file starts a cell with a bare = + - @.
    expect(text).not.toMatch(/(^|,)"?[=+@-]/m);
    const ship = await csvOf({ kind: 'shipments', from: SHIP_DAY, to: SHIP_DAY + 86_400_000, format: 'csv', timeZone: TZ });
    const sh = ship.rows[0]!;
    expect(ship.rows.map((r) => r[sh.indexOf('Title')])).toContain(NASTY.title);
    expect(ship.rows.map((r) => r[sh.indexOf('Phone')])).toContain(`'${NASTY.phone}`);
    // Money is ours and stays a plain number.
    expect(ship.rows.slice(1).every((r) => /^\d+\.\d{2}$/.test(r[sh.indexOf('Unit price')]!))).toBe(true);
  });
});

describe('shipments export', () => {
  it('lists each shipped line of the range in shipping order, addresses as stored: masked stays masked', async () => {
    const { rows } = await csvOf({ kind: 'shipments', from: SHIP_DAY, to: SHIP_DAY + 86_400_000, format: 'csv', timeZone: TZ });
    const h = rows[0]!;
    const pick = (r: string[], c: string) => r[h.indexOf(c)];
    expect(rows.slice(1).map((r) => [pick(r, 'Order ID'), pick(r, 'Line'), pick(r, 'Tracking no.'), pick(r, `Shipped at (${TZ})`)])).toEqual([
      ['3100000000000000002', '1', 'SF1000000000002', '2030-01-01 09:00:00'],
      ['3100000000000000002', '2', 'SF1000000000002', '2030-01-01 09:00:00'],
      ['3100000000000000001', '1', 'SF1000000000001', '2030-01-01 10:00:00'],
      ['3100000000000000001', '2', 'SF1000000000001', '2030-01-01 10:00:00'],
      ['M2912310001', '1', 'YT9000000000001', '2030-01-01 11:00:00'],
    ]);
    const masked = rows.find((r) => pick(r, 'Order ID') === '3100000000000000001')!;
    expect([pick(masked, 'Recipient'), pick(masked, 'Phone'), pick(masked, 'Address'), pick(masked, 'Masked')]).toEqual(['张**', '138****8000', '文三路***号', 'yes']);
    const manual = rows.find((r) => pick(r, 'Order ID') === 'M2912310001')!;
    expect([pick(manual, 'Recipient'), pick(manual, 'Address'), pick(manual, 'Masked'), pick(manual, 'Carrier')]).toEqual(['李四', '文三路 100 号', 'no', 'YTO']);
    // A shop filter narrows it; the next day holds only 003.
    const onlyManual = await csvOf({ kind: 'shipments', from: SHIP_DAY, to: SHIP_DAY + 86_400_000, shopIds: [MANUAL], format: 'csv' });
    expect(onlyManual.rows.length).toBe(2);
    const next = await csvOf({ kind: 'shipments', from: SHIP_DAY + 86_400_000, to: SHIP_DAY + 2 * 86_400_000, format: 'csv' });
    expect(next.rows.slice(1).map((r) => r[1])).toEqual(['3100000000000000003', '3100000000000000003']);
  });

  it('refuses a range that ends before it starts, naming the field', () => {
    const r = ExportRequest.safeParse({ kind: 'shipments', from: 10, to: 5, format: 'csv' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(['to']);
  });
});

describe('XLSX export', () => {
  it('reads back with exceljs: 19-digit ids as text, formulas as plain strings, money as decimal text', async () => {
    const file = out('xlsx');
    const r = await runExport({ dbPath: core.dbPath, request: req({ kind: 'shipments', from: SHIP_DAY, to: SHIP_DAY + 86_400_000, format: 'xlsx', lang: 'zh-CN', timeZone: TZ }), file });
    expect(r.rows).toBe(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Shipments')!;
    expect(ws.rowCount).toBe(6);
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 3)).toEqual([`发货时间 (${TZ})`, '订单编号', '平台']);
    const c = (row: number, name: string) => ws.getRow(row).getCell(head.indexOf(name) + 1);
    const id = c(2, '订单编号');
    expect(id.type).toBe(ExcelJS.ValueType.String);
    expect(id.value).toBe('3100000000000000002');
    expect(id.numFmt).toBe('@');
    const name = c(2, '收货人');
    expect(name.type).toBe(ExcelJS.ValueType.String); // not a formula: it cannot run
    expect(name.value).toBe(NASTY.name);
    expect(c(2, '单价').value).toBe('89.00');
    expect(c(2, '数量').value).toBe(1);
    expect(c(2, '已脱敏').value).toBe('是');
    expect(c(2, '商品名称').value).toBe('真空保温杯');
    expect(c(3, '商品名称').value).toBe(NASTY.title);
    expect(c(6, '联系电话').value).toBe(NASTY.phone);
    expect(c(6, '已脱敏').value).toBe('否');
  });
});

describe('export jobs (progress, cancel, download)', () => {
  const startJob = async (input: ExportRequest, ctx = TEST_CTX): Promise<ExportJob> => {
    const r = await core.dispatch('exports.start', input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ExportJob;
  };
  const waitDone = async (id: string): Promise<ExportJob> => {
    for (;;) {
      const r = await core.dispatch('exports.get', { id }, TEST_CTX);
      if (!r.ok) throw new Error(r.error.message);
      const j = r.value as ExportJob;
      if (j.state !== 'running') return j;
      await new Promise((res) => setTimeout(res, 20));
    }
  };

  it('runs in the background with progress events, then offers the file for download over HTTP', async () => {
    const seen: { state: string; rows: number; total: number | null }[] = [];
    const off = core.events.subscribe((name, p) => {
      if (name === 'exports.progress') seen.push(p as { state: string; rows: number; total: number | null });
    });
    const job = await startJob({ kind: 'orders', view: { queue: 'all' }, format: 'csv', timeZone: TZ });
    expect(job).toMatchObject({ state: 'running', kind: 'orders', format: 'csv', download: null });
    expect(job.fileName).toMatch(/^orders-all-\d{8}-\d{4}\.csv$/);
    const done = await waitDone(job.id);
    off();
    expect(done).toMatchObject({ state: 'done', rows: 2004, total: 2004, error: null });
    expect(seen[0]).toMatchObject({ state: 'running' });
    expect(seen.at(-1)).toEqual({ id: job.id, state: 'done', rows: 2004, total: 2004 });
    expect(core.db.prepare("SELECT action, actor FROM events WHERE entity = 'export'").all()).toContainEqual({ action: 'exported', actor: 'cli' });

    const server = await startServer({ dispatch: core.dispatch, events: core.events, auth: core.stationAuth, staticDir: dir, port: 0 });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}${done.download}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${done.fileName}`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBe(done.bytes);
      expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const unknown = await fetch(`http://127.0.0.1:${server.port}/exports/not-a-real-ticket-at-all`);
      expect(unknown.status).toBe(404);
      const post = await fetch(`http://127.0.0.1:${server.port}${done.download}`, { method: 'POST' });
      expect(post.status).toBe(405);
    } finally {
      await server.close();
    }
    // In a browser there is no save dialog: saving is the desktop app's.
    expect(await core.dispatch('exports.save', { id: job.id }, TEST_CTX)).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'no_dialog' } } });
  });

  it('can be cancelled: the partial file is removed', async () => {
    const before = fs.existsSync(path.join(path.dirname(core.dbPath), 'exports')) ? fs.readdirSync(path.join(path.dirname(core.dbPath), 'exports')).length : 0;
    const job = await startJob({ kind: 'orders', view: {}, format: 'xlsx' });
    expect(await core.dispatch('exports.cancel', { id: job.id }, TEST_CTX)).toEqual({ ok: true, value: { cancelled: true } });
    const end = await waitDone(job.id);
    expect(end).toMatchObject({ state: 'cancelled', download: null, error: null });
    expect(fs.readdirSync(path.join(path.dirname(core.dbPath), 'exports')).length).toBe(before);
    expect(await core.dispatch('exports.cancel', { id: job.id }, TEST_CTX)).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('is private to the station that started it, needs data.export, and names a bad time zone', async () => {
    const job = await startJob({ kind: 'orders', view: { queue: 'unpaid' }, format: 'csv' });
    core.people.operators.create('老板', 'owner', undefined);
    const station = core.people.sessions.forLocal();
    const packer = core.people.operators.create('小李', 'packer', undefined);
    const other = { origin: 'test', session: { ...station, trusted: false } };
    expect(await core.dispatch('exports.get', { id: job.id }, other)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const asPacker = { origin: 'test', session: { stationId: station.stationId, operatorId: packer.id, trusted: false } };
    expect(await core.dispatch('exports.start', { kind: 'orders', view: {}, format: 'csv' }, asPacker)).toMatchObject({ ok: false, error: { code: 'forbidden', details: { permission: 'data.export' } } });
    expect(await core.dispatch('exports.start', { kind: 'orders', view: {}, format: 'csv', timeZone: 'Mars/Olympus' }, TEST_CTX)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'timeZone' } },
    });
    await waitDone(job.id);
  });
});

describe('streaming a big queue', () => {
  /** 100k orders straight into the table (the triggers keep the tab counts), one line each. */
  function bigDb(rows: number): string {
    const db = path.join(tmpDir(), 'big.db');
    const big = createCore({ dbPath: db, log: () => {} });
    big.db.prepare("INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (1, 'taobao', '大店', 'CNY', 0, 0)").run();
    big.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
      INSERT INTO orders (shop_id, platform, platform_order_id, platform_status, platform_state, payment, queue, buyer_name, province, city,
        currency, goods_minor, total_minor, item_count, sku_summary, placed_at, paid_at, created_at, updated_at)
      SELECT 1, 'taobao', '31' || printf('%017d', i), 'WAIT_SELLER_SEND_GOODS', 'to_ship', 'paid',
        CASE i % 3 WHEN 0 THEN 'pending_audit' WHEN 1 THEN 'to_print' ELSE 'shipped' END, '王**', '浙江省', '杭州市',
        'CNY', 1000 + i, 1000 + i, 1, 'CUP-500-WH×1', 1790000000000 + i * 1000, 1790000000000 + i * 1000 + 60000, 0, 0 FROM n`);
    big.close();
    return db;
  }

  /**
   * Runs `shopdesk export` in a fresh process and reads that process's peak RSS (a tiny --import hook prints it at
   * exit): measured in-process, vitest's own garbage would swamp the figure.
   */
  function exportInChild(db: string, args: string[]): { rows: number; bytes: number; ms: number; maxRssMb: number } {
    const hook = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss:"+process.resourceUsage().maxRSS+"\\n"))';
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', hook, 'main/cli.ts', '--db', db, 'export', 'orders', ...args, '--json'], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const kb = Number(/maxrss:(\d+)/.exec(r.stderr)?.[1]);
    return { ...(JSON.parse(r.stdout) as { rows: number; bytes: number; ms: number }), maxRssMb: kb / 1024 };
  }

  it('writes 100k orders to CSV and XLSX with flat memory (figures printed)', () => {
    const ROWS = 100_000;
    const db = bigDb(ROWS);
    for (const format of ['csv', 'xlsx'] as const) {
      // The same command on a one-order view: what loading ShopDesk and opening the database cost by themselves.
      const small = exportInChild(db, ['--search', '3100000000000000001', '--format', format, '--out', out(format)]);
      expect(small.rows).toBe(1);
      const file = out(format);
      const big = exportInChild(db, ['--queue', 'all', '--sort', 'placedAt', '--dir', 'asc', '--format', format, '--out', file]);
      const growth = big.maxRssMb - small.maxRssMb;
      console.log(`export ${ROWS} orders → ${format}: ${big.ms} ms, ${(big.bytes / 2 ** 20).toFixed(1)} MiB file, peak RSS ${big.maxRssMb.toFixed(0)} MiB (one-order export: ${small.maxRssMb.toFixed(0)} MiB)`);
      expect(big.rows).toBe(ROWS);
      // Held at once, 100k rows are ~100 MiB of row objects (CSV) and ~1 GiB as an exceljs in-memory workbook (XLSX);
      // streamed, the growth is the writers' buffers (measured: CSV ~15 MiB, XLSX ~90 MiB; a million rows the same).
      expect(growth).toBeLessThan(format === 'csv' ? 48 : 128);
      if (format === 'csv') {
        const lines = fs.readFileSync(file, 'utf8').split('\r\n');
        expect(lines.length).toBe(ROWS + 2); // header, rows, final CRLF
        expect(lines[1]!.startsWith('3100000000000000001,')).toBe(true);
        expect(lines[ROWS]!.startsWith('3100000000000100000,')).toBe(true);
      }
    }
  }, 180_000);

  it('an XLSX of 100k rows reads back whole, in order', async () => {
    const file = out('xlsx');
    const db = bigDb(100_000);
    let updates = 0;
    const r = await runExport({ dbPath: db, request: req({ kind: 'orders', view: { sort: { field: 'platformOrderId', dir: 'desc' } }, format: 'xlsx' }), file, onProgress: () => updates++ });
    expect(r.rows).toBe(100_000);
    expect(updates).toBeGreaterThanOrEqual(100_000 / 500);
    let count = 0;
    let first: unknown = null;
    let last: unknown = null;
    for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache' })) {
      for await (const row of ws) {
        if (++count === 2) first = (row.values as unknown[])[1];
        last = (row.values as unknown[])[1];
      }
    }
    expect([count, first, last]).toEqual([100_001, '3100000000000100000', '3100000000000000001']);
  }, 180_000);
});

describe('shopdesk export (CLI)', () => {
  function shopdesk(...args: string[]): { code: number; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', '--db', core.dbPath, ...args], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', env: { ...process.env, TZ } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  it('exports a queue and a shipments range, and names bad options', async () => {
    const file = out('csv');
    const r = shopdesk('export', 'orders', '--queue', 'to_print', '--sort', 'total', '--dir', 'asc', '--out', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { rows: number; format: string; kind: string; file: string };
    const ids = await listIds({ queue: 'to_print', sort: { field: 'total', dir: 'asc' } });
    expect(summary).toMatchObject({ kind: 'orders', format: 'csv', rows: ids.length, file });
    const rows = parse(fs.readFileSync(file, 'utf8').slice(1)) as string[][];
    expect(rows.slice(1).map((x) => Number(x.at(-1)))).toEqual(ids);

    expect(core.db.prepare("SELECT actor, data FROM events WHERE entity = 'export' ORDER BY id DESC LIMIT 1").get()).toMatchObject({ actor: 'cli', data: expect.stringContaining(file) });
    const xlsx = out('xlsx');
    const s = shopdesk('export', 'shipments', '--from', '2030-01-01', '--to', '2030-01-01', '--out', xlsx, '--lang', 'zh-CN', '--json');
    expect(s.code, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ kind: 'shipments', format: 'xlsx', rows: 5 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('Shipments')!.getRow(2).getCell(2).value).toBe('3100000000000000002');

    const noRange = shopdesk('export', 'shipments', '--out', out('csv'), '--json');
    expect(noRange.code).toBe(2);
    expect(JSON.parse(noRange.stderr).error).toMatchObject({ code: 'invalid_input', details: { field: 'from' } });
    const badQueue = shopdesk('export', 'orders', '--queue', 'lost', '--out', out('csv'), '--json');
    expect(badQueue.code).toBe(2);
    expect(JSON.parse(badQueue.stderr).error.message).toContain('view.queue');
    const exists = shopdesk('export', 'orders', '--out', file, '--json');
    expect(exists.code).toBe(1);
    expect(JSON.parse(exists.stderr).error).toMatchObject({ code: 'conflict', details: { file } });
    const noFormat = shopdesk('export', 'orders', '--out', path.join(dir, 'x.txt'), '--json');
    expect(noFormat.code).toBe(2);
    expect(JSON.parse(noFormat.stderr).error.message).toContain('format');
    expect(fs.existsSync(path.join(dir, 'x.txt'))).toBe(false);
  }, 60_000);
});
