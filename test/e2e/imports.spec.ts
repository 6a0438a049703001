import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { GENERIC_FIELDS, type ImportPreset } from '../../shared/contract/imports.js';
import type { ShopInfo } from '../../shared/domain/shop.js';
import type { OrderRow } from '../../shared/domain/order.js';
import { keepScreenshot, ownServe, rpc } from './people-helpers.js';
import { expect, test } from './serve-fixture.js';

/*
 * Importing order files end to end (issue #5): files made here — a Taobao order report in GBK as 千牛 exports it, a
 * spreadsheet of the seller's own layout, broken files — picked or dropped in the real UI, sent to `shopdesk serve`
 * over HTTP with the page's token, read by the real engine, previewed, committed into the real SQLite, then found in
 * the order queue; a second import of the same file changes nothing.
 */

let shop: Awaited<ReturnType<typeof ownServe>>;
let dir: string;
test.beforeAll(async () => {
  shop = await ownServe({ demo: true });
  dir = fs.mkdtempSync(path.join(shop.dir, 'files-'));
});
test.afterAll(async () => {
  await shop?.dispose();
});
test.describe.configure({ mode: 'serial' });

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const c = await rpc(shop);
  try {
    const r = await c.call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  } finally {
    c.close();
  }
}

async function findOrders(search: string): Promise<OrderRow[]> {
  return (await call<{ rows: OrderRow[] }>('orders.list', { queue: 'all', search, limit: 50, offset: 0 })).rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------------------------

/** CSV text as platforms write it: every cell quoted, CRLF line ends. */
function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

const TAOBAO_HEADER = [
  '订单编号', '买家会员名', '买家应付货款', '买家应付邮费', '总金额', '买家实际支付金额', '订单状态', '买家留言', '收货人姓名',
  '收货地址 ', '运送方式', '联系手机', '订单创建时间', '订单付款时间', '宝贝标题 ', '宝贝总数量', '物流单号', '物流公司', '订单备注',
];

interface TaobaoOrder {
  id: string;
  total: string;
  status: string;
  placed: string;
  title: string;
  /** 订单付款时间; by default half a minute after placing, none while unpaid. */
  paid?: string;
}

/** One 千牛 order report row; ids wrapped in ="…" the way Taobao keeps Excel from rounding 19-digit numbers. */
function taobaoRow(o: TaobaoOrder, i: number): string[] {
  const paid = o.paid ?? (o.status.startsWith('等待买家付款') ? '' : o.placed.replace(/:00$/, ':30'));
  return [
    `="${o.id}"`, `buyer_${i}`, o.total, '0.00', o.total, paid ? o.total : '0.00', o.status, '', `收件人${i}`,
    `浙江省 杭州市 西湖区 文三路${i}号`, '快递', `1380000${String(i).padStart(4, '0')}`, o.placed, paid, o.title, '1', '', '', '',
  ];
}

/** A 19-digit Taobao trade id that cannot collide with the demo's (they start with 3). */
const tid = (n: number) => `41${String(n).padStart(17, '0')}`;

const TAOBAO_OK: TaobaoOrder[] = [
  { id: tid(1), total: '128.50', status: '买家已付款，等待卖家发货', placed: '2025-03-01 10:15:00', title: '云杉实木床头柜' },
  { id: tid(2), total: '59.90', status: '买家已付款，等待卖家发货', placed: '2025-03-01 11:02:00', title: '棉麻靠垫 灰色' },
  { id: tid(3), total: '1,299.00', status: '卖家已发货，等待买家确认', placed: '2025-03-02 09:00:00', title: '藤编收纳柜' },
  { id: tid(4), total: '35.00', status: '交易成功', placed: '2025-03-02 20:45:00', title: '香薰蜡烛' },
  { id: tid(5), total: '19.90', status: '等待买家付款', placed: '2025-03-03 08:00:00', title: '木质衣架 10只装' },
  { id: tid(6), total: '88.00', status: '交易关闭', placed: '2025-03-03 12:30:00', title: '亚麻桌布' },
];
/** Data rows 8 and 9 (the header is row 1): a date that does not exist, and a status no 千牛 export writes. */
const TAOBAO_BAD: TaobaoOrder[] = [
  { id: tid(7), total: '10.00', status: '买家已付款，等待卖家发货', placed: '2025-13-45 99:00:00', title: '坏日期', paid: '2025-03-04 09:00:00' },
  { id: tid(8), total: '10.00', status: '神秘状态', placed: '2025-03-04 10:00:00', title: '坏状态' },
];

function writeTaobao(name: string, orders: readonly TaobaoOrder[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, iconv.encode(csv([TAOBAO_HEADER, ...orders.map(taobaoRow)]), 'gbk'));
  return file;
}

/** The seller's own sheet: headers no platform uses, one order over two rows (two lines). */
const OWN_HEADER = ['Ref', 'When', 'Item code', 'Item', 'Pcs', 'Each', 'Ship to', 'Tel'];
const OWN_ROWS = [
  ['WX-1001', '2025-03-05 14:00:00', 'CANDLE-01', 'Scented candle', '2', '35.00', '王芳', '13911112222'],
  ['WX-1001', '2025-03-05 14:00:00', 'MAT-02', 'Table mat', '1', '12.50', '王芳', '13911112222'],
  ['WX-1002', '2025-03-05 15:30:00', 'HANGER-10', 'Wooden hangers', '3', '19.90', '李雷', '13800001111'],
  ['WX-1003', '2025-03-06 09:10:00', 'CANDLE-01', 'Scented candle', '1', '35.00', '韩梅梅', '13700002222'],
];

// ---------------------------------------------------------------------------------------------------------------
// UI helpers
// ---------------------------------------------------------------------------------------------------------------

/** "g" then "i" from the page body: the way a keyboard-first seller opens Import. */
async function openImportByKeys(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByTestId('import-screen')).toBeVisible();
}

const count = (page: Page, k: 'new' | 'updated' | 'unchanged' | 'invalid'): Locator => page.getByTestId(`count-${k}`);

async function expectCounts(page: Page, c: { new: number; updated: number; unchanged: number; invalid: number }): Promise<void> {
  for (const k of ['new', 'updated', 'unchanged', 'invalid'] as const) await expect(count(page, k), k).toHaveAttribute('data-count', String(c[k]));
}

/** Records every phase and row count the progress panel showed, however briefly it was on screen. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { seenProgress: { phase: string; rows: number; bytes: string }[] };
    w.seenProgress = [];
    const look = () => {
      const el = document.querySelector<HTMLElement>('[data-testid="run-progress"]');
      if (el) w.seenProgress.push({ phase: el.dataset.phase ?? '', rows: Number(el.dataset.rows), bytes: el.querySelector('[data-testid="run-bytes"]')?.textContent ?? '' });
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function seenProgress(page: Page): Promise<{ phase: string; rows: number; bytes: string }[]> {
  return page.evaluate(() => (window as unknown as { seenProgress: { phase: string; rows: number; bytes: string }[] }).seenProgress);
}

// ---------------------------------------------------------------------------------------------------------------

test('a Taobao order report in GBK: dry run with counts and row errors, commit, the queue, then a re-import changes nothing', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const file = writeTaobao('淘宝订单报表.csv', [...TAOBAO_OK, ...TAOBAO_BAD]);
  const shops = await call<ShopInfo[]>('shops.list');
  const taobao = shops.filter((s) => s.platform === 'taobao');
  expect(taobao).toHaveLength(1);
  const taobaoShop = taobao[0]!;

  await page.goto(shop.url);
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  await openImportByKeys(page);
  await expect(page.getByTestId('import-screen')).toHaveAttribute('data-step', 'pick');
  await expect(page.getByTestId('import-pick')).toBeFocused();

  await page.getByTestId('import-file-input').setInputFiles(file);
  const fileRow = page.getByTestId('import-file-row');
  await expect(fileRow).toHaveAttribute('data-format', 'taobao-orders');
  await expect(fileRow).toHaveAttribute('data-encoding', 'gb18030');
  await expect(fileRow.getByTestId('import-format')).toHaveText('淘宝/天猫订单报表');
  // A platform file goes only to that platform's shops; the one Taobao shop is chosen already.
  const shopOptions = await page.getByTestId('import-shop').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(shopOptions).toEqual([String(taobaoShop.id)]);
  await expect(page.getByTestId('import-shop')).toHaveValue(String(taobaoShop.id));

  await watchProgress(page);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  const seen = await seenProgress(page);
  expect(seen.length, 'the progress panel was shown while the dry run ran').toBeGreaterThan(0);
  expect(seen.every((s) => /MB/.test(s.bytes))).toBe(true);

  await expectCounts(page, { new: 6, updated: 0, unchanged: 0, invalid: 2 });
  await expect(page.getByTestId('import-rows')).toHaveAttribute('data-rows', '8');
  await expect(page.getByTestId('import-file-row')).toHaveAttribute('data-encoding', 'gb18030');
  // Row errors name the file, the row as the spreadsheet numbers it, the column as the file spells it, and why.
  await expect(page.getByTestId('row-error')).toHaveCount(2);
  const badDate = page.locator('[data-testid="row-error"][data-row="8"]');
  await expect(badDate).toHaveAttribute('data-column', '订单创建时间');
  await expect(badDate).toHaveAttribute('data-file', '淘宝订单报表.csv');
  await expect(badDate).toContainText('2025-13-45');
  const badStatus = page.locator('[data-testid="row-error"][data-row="9"]');
  await expect(badStatus).toHaveAttribute('data-column', '订单状态');
  await expect(badStatus).toContainText('神秘状态');
  // The sample shows what was read: GBK text decoded, money exact in fen (1,299.00 → 129900).
  const sample = page.locator(`[data-testid="sample-row"][data-order-id="${tid(3)}"]`);
  await expect(sample).toHaveAttribute('data-total-minor', '129900');
  await expect(sample).toHaveAttribute('data-outcome', 'new');
  // GBK read right: the title's Chinese comes through; the status text maps to Taobao's own code (as sync stores it).
  const first = page.locator(`[data-testid="sample-row"][data-order-id="${tid(1)}"]`);
  await expect(first).toContainText('云杉实木床头柜');
  await expect(first).toContainText('WAIT_SELLER_SEND_GOODS');
  expect(await findOrders(tid(1)), 'a dry run stores nothing').toHaveLength(0);
  await keepScreenshot(page, testInfo, 'import-preview-taobao');

  // Commit has the focus: Enter stores the valid orders.
  await expect(page.getByTestId('import-commit')).toBeFocused();
  await expect(page.getByTestId('import-commit')).toContainText('6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-done')).toHaveAttribute('data-changed', '6');
  await expect(count(page, 'new')).toHaveAttribute('data-count', '6');

  const stored = await findOrders(tid(3));
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ shopId: taobaoShop.id, platform: 'taobao', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', totalMinor: 129900, currency: 'CNY' });
  expect(await findOrders(tid(7)), 'an invalid order is not stored').toHaveLength(0);

  // The link opens the queue on that shop; the imported orders are there.
  await page.getByTestId('import-open-queue').click();
  await expect(page.getByTestId('order-list')).toBeVisible();
  await expect(page.getByTestId('filter-shop')).toContainText(taobaoShop.name);
  await page.getByTestId('order-search').fill(tid(1));
  await page.getByTestId('order-search').press('Enter');
  await expect(page.locator(`[data-testid="order-row"][data-platform-order-id="${tid(1)}"]`)).toBeVisible();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '1');

  // The same file again: every order unchanged, nothing to commit.
  await openImportByKeys(page);
  await expect(page.getByTestId('import-screen')).toHaveAttribute('data-step', 'done');
  await page.getByTestId('import-again').click();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('import-start')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await expectCounts(page, { new: 0, updated: 0, unchanged: 6, invalid: 2 });
  await expect(page.locator(`[data-testid="sample-row"][data-order-id="${tid(1)}"]`)).toHaveAttribute('data-outcome', 'unchanged');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await expect(page.getByTestId('import-discard')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-cancelled')).toBeVisible();
  await expect(page.getByTestId('import-screen')).toHaveAttribute('data-step', 'pick');
});

test('a sheet of the seller’s own layout: column mapping with a live check, presets, dry run and commit', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const shops = await call<ShopInfo[]>('shops.list');
  const manual = shops.find((s) => s.platform === 'manual');
  expect(manual).toBeDefined();

  await page.goto(shop.url);
  await page.getByTestId('nav-imports').click();
  await expect(page.getByTestId('import-screen')).toHaveAttribute('data-step', 'pick');

  // Dropped onto the page rather than picked.
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'own-orders.csv', { type: 'text/csv' }));
    return dt;
  }, csv([OWN_HEADER, ...OWN_ROWS]));
  await page.getByTestId('import-drop').dispatchEvent('dragover', { dataTransfer: drop });
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: drop });

  await expect(page.getByTestId('import-setup')).toHaveAttribute('data-generic', 'true');
  await expect(page.getByTestId('import-file-row')).toHaveAttribute('data-format', '');
  await expect(page.getByTestId('import-file-row')).toHaveAttribute('data-encoding', /^utf-8/);
  // Any shop may take an own-layout file.
  await page.getByTestId('import-shop').selectOption(String(manual!.id));

  // Nothing maps these headers by itself: the check says what is missing, and the dry run does not start.
  for (const f of GENERIC_FIELDS) await page.getByTestId(`map-${f}`).selectOption('');
  const status = page.getByTestId('mapping-status');
  // Three required fields, and one of title/SKU code and one of unit price/line total.
  await expect(status).toHaveAttribute('data-blocking', '5');
  await expect(page.locator('[data-testid="mapping-row"][data-field="orderId"]')).toHaveAttribute('data-state', 'error');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-screen')).toHaveAttribute('data-step', 'setup');

  const map = { orderId: 'Ref', placedAt: 'When', skuCode: 'Item code', title: 'Item', qty: 'Pcs', unitPrice: 'Each', buyerName: 'Ship to', buyerPhone: 'Tel' } as const;
  for (const [field, header] of Object.entries(map)) await page.getByTestId(`map-${field}`).selectOption(header);
  await expect(status).toHaveAttribute('data-blocking', '0');
  const orderIdRow = page.locator('[data-testid="mapping-row"][data-field="orderId"]');
  await expect(orderIdRow).toHaveAttribute('data-state', 'ok');
  await expect(orderIdRow).toContainText('WX-1001'); // the first data row's value beside the choice
  // One column for two fields is flagged, not refused.
  await page.getByTestId('map-variant').selectOption('Item');
  await expect(page.locator('[data-testid="mapping-row"][data-field="variant"]')).toHaveAttribute('data-state', 'warning');
  await expect(status).toHaveAttribute('data-blocking', '0');
  await page.getByTestId('map-variant').selectOption('');

  // Presets: save, save another and delete it, spoil the mapping, load the first back.
  await page.getByTestId('preset-name').fill('微信表格');
  await page.getByTestId('preset-save').click();
  await expect(page.getByTestId('preset-note')).toContainText('微信表格');
  await page.getByTestId('preset-name').fill('临时');
  await page.getByTestId('preset-save').click();
  await expect(page.getByTestId('preset-note')).toContainText('临时');
  await expect.poll(async () => (await call<ImportPreset[]>('imports.presets.list')).map((p) => p.name).sort()).toEqual(['临时', '微信表格']);
  await page.getByTestId('preset-delete').click();
  await page.getByTestId('preset-delete-yes').click();
  await expect(page.locator('[data-testid="preset-select"] option', { hasText: '临时' })).toHaveCount(0);
  await expect.poll(async () => (await call<ImportPreset[]>('imports.presets.list')).map((p) => p.name)).toEqual(['微信表格']);
  const presets = await call<ImportPreset[]>('imports.presets.list');
  expect(presets[0]?.mapping.columns).toMatchObject(map);

  await page.getByTestId('map-orderId').selectOption('');
  await expect(status).toHaveAttribute('data-blocking', '1');
  await page.getByTestId('preset-select').selectOption({ label: '微信表格' });
  await page.getByTestId('preset-load').click();
  await expect(page.getByTestId('map-orderId')).toHaveValue('Ref');
  await expect(status).toHaveAttribute('data-blocking', '0');
  await keepScreenshot(page, testInfo, 'import-mapping');

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await expectCounts(page, { new: 3, updated: 0, unchanged: 0, invalid: 0 });
  await expect(page.getByTestId('import-file-row')).toHaveAttribute('data-format', 'generic');
  // Two rows with the same order id are one order with two lines: 2 × 35.00 + 12.50.
  await expect(page.locator('[data-testid="sample-row"][data-order-id="WX-1001"]')).toHaveAttribute('data-total-minor', '8250');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toHaveAttribute('data-changed', '3');

  const stored = await findOrders('WX-1001');
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ shopId: manual!.id, itemCount: 3, totalMinor: 8250, buyerName: '王芳' });
});

test('broken files and a cancelled dry run are said plainly and store nothing', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await page.goto(shop.url);
  await page.getByTestId('nav-imports').click();

  // Not a workbook at all, though it is named like one: main's reason, naming the file.
  const broken = path.join(dir, 'broken.xlsx');
  fs.writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('this is not a zip archive at all '.repeat(20))]));
  await page.getByTestId('import-file-input').setInputFiles(broken);
  const failure = page.getByTestId('import-failure').or(page.getByTestId('import-failed'));
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect(failure).toContainText('broken.xlsx');
  await expect(failure.getByTestId('error-box')).toBeVisible();
  // The file is at fault, not the request: the headline says so before main's reason.
  await expect(failure).toContainText('ShopDesk 无法使用该文件');
  await keepScreenshot(page, testInfo, 'import-broken-file');

  // A Taobao report without its creation-time column: not taken for one, and the missing column is named.
  const partial = path.join(dir, 'partial.csv');
  fs.writeFileSync(partial, iconv.encode(csv([['订单编号', '订单状态', '总金额', '宝贝标题'], [`="${tid(90)}"`, '交易成功', '10.00', '杯子']]), 'gbk'));
  if (await page.getByTestId('import-other').isVisible()) await page.getByTestId('import-other').click();
  await page.getByTestId('import-file-input').setInputFiles(partial);
  const partialRow = page.getByTestId('import-file-row');
  await expect(partialRow).toHaveAttribute('data-format', '');
  await expect(partialRow.getByTestId('import-format')).toContainText('订单创建时间');
  await page.getByTestId('import-other').click();

  // A big report: progress moves (rows, MB of MB, the bar), then Cancel stops it and nothing is stored.
  const many: TaobaoOrder[] = Array.from({ length: 150_000 }, (_, i) => ({
    id: tid(100_000 + i),
    total: `${(i % 500) + 1}.${String(i % 100).padStart(2, '0')}`,
    status: '买家已付款，等待卖家发货',
    placed: `2025-02-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`,
    title: `批量商品 ${i}`,
  }));
  const big = writeTaobao('大报表.csv', many);
  await page.getByTestId('import-file-input').setInputFiles(big);
  await expect(page.getByTestId('import-file-row')).toHaveAttribute('data-format', 'taobao-orders', { timeout: 30_000 });
  await page.getByTestId('import-start').click();
  const progress = page.getByTestId('run-progress');
  await expect.poll(async () => Number(await progress.getAttribute('data-rows')), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(progress.getByTestId('run-bytes')).toContainText('MB');
  expect(await progress.getByTestId('run-bar').evaluate((el) => (el as HTMLProgressElement).value)).toBeGreaterThan(0);
  await expect(page.getByTestId('import-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-cancelled')).toBeVisible();
  expect(await findOrders(tid(100_000))).toHaveLength(0);

  // The same screen in English (every string has both languages).
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByTestId('import-screen').locator('h1')).toHaveText('Import order files');
  await expect(page.getByTestId('import-cancelled')).toHaveText('The import was cancelled. Nothing was stored.');
  await expect(page.getByTestId('nav-imports')).toContainText('Import');
});
