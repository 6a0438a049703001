import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { OrderDetail, OrderRow } from '../../shared/domain/order.js';
import { expect, startServe, test, type Served } from './serve-fixture.js';

/*
 * A phone order typed in with the keyboard only, found in the pending-audit queue, corrected, and the queue exported
 * to CSV and downloaded. Its own server: it adds orders, which the shared demo server's other tests count.
 */
let shop: Served & { dir: string };
test.beforeAll(async () => {
  shop = await startServe(400, 21);
});
test.afterAll(async () => {
  await shop?.stop();
  if (shop) fs.rmSync(shop.dir, { recursive: true, force: true });
});

/** Screenshots for a person to look at (test-results/screenshots), as orders.spec.ts keeps the queue's. */
async function shot(page: Page, name: string): Promise<void> {
  const file = path.join('test-results', 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await page.screenshot());
}

const listAll = (...args: string[]) => shop.cli<{ rows: OrderRow[]; total: number }>('orders', 'list', '--json', '--limit', '500', ...args);

test('type a manual order with the keyboard, find it in review, edit it, export the view as CSV', async ({ page }) => {
  await page.goto(shop.url);
  await expect(page.getByTestId('order-row').first()).toBeVisible();

  // N opens the form; the cursor starts at the buyer's name (one manual shop, so nothing to choose).
  await page.keyboard.press('n');
  const dialog = page.getByTestId('manual-order-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('mo-name')).toBeFocused();

  // Saving an empty form names each missing field (main's rules, checked in the form) and goes back to the first.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('mo-name-error')).toHaveText('必填。');
  await expect(page.getByTestId('mo-phone-error')).toHaveText('必填。');
  await expect(page.getByTestId('mo-line-0-price-msg')).toHaveText('必填。');
  await expect(page.getByTestId('mo-name')).toBeFocused();

  // Enter walks the fields like Tab.
  for (const text of ['王小明', '138 0013 8000', '浙江省', '杭州市', '西湖区', '文三路 100 号 2 栋 301', '310012']) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('mo-line-0-sku')).toBeFocused();
  // A known SKU code fills in its title.
  await page.keyboard.type('CUP-500-WH');
  await expect(page.getByTestId('mo-line-0-title')).toHaveValue('真空保温杯 500ml 白色');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('mo-line-0-qty')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('19.90');
  // Enter in a line adds the next line and puts the cursor in its SKU code.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mo-line')).toHaveCount(2);
  await expect(page.getByTestId('mo-line-1-sku')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('刻字服务');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5');
  // Past the line: "add line", then the shipping fee.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('mo-shipping')).toBeFocused();
  await page.keyboard.type('8');
  await expect(page.getByTestId('mo-total')).toHaveText('¥52.80');
  await shot(page, 'manual-order-form');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();

  // The new order opens in the drawer.
  const idEl = page.getByTestId('drawer-order-id');
  await expect(idEl).toHaveText(/^M\d{10}$/);
  const orderId = (await idEl.textContent())!;
  const created = listAll('--search', orderId).rows[0]!;
  expect(created).toMatchObject({ platform: 'manual', totalMinor: 5280, itemCount: 3 });

  // The audit runs on it at once: the engraving line has no SKU ShopDesk knows, so it waits in review for a person.
  await expect.poll(() => listAll('--search', orderId).rows[0]!.queue).toBe('review');
  await page.getByTestId('tab-review').click();
  await page.getByTestId('order-search').fill(orderId);
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('order-row')).toHaveAttribute('data-platform-order-id', orderId);

  // Edit: a new phone number and one more cup; the drawer shows the change, the history records it.
  await page.getByTestId('edit-order').click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('mo-name')).toBeFocused();
  await expect(page.getByTestId('mo-line-0-price')).toHaveValue('19.90');
  await page.getByTestId('mo-phone').fill('139 0000 1111');
  await page.getByTestId('mo-line-0-qty').fill('3');
  await expect(page.getByTestId('mo-total')).toHaveText('¥72.70');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('order-drawer')).toContainText('139 0000 1111');
  const edited = shop.cli<OrderDetail>('orders', 'show', String(created.id), '--json');
  expect(edited.amounts.totalMinor).toBe(7270);
  // (the audit's own events about the new lines may follow the edit; the edit is there with its changes)
  expect(edited.history.find((e) => e.action === 'edited')).toMatchObject({ action: 'edited', data: { changes: { buyerPhone: { from: '138 0013 8000', to: '139 0000 1111' } } } });

  // Export the review view (search cleared) as CSV and check the downloaded file against main's list.
  await page.keyboard.press('Escape');
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('tab-review')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => listAll('--search', orderId).rows[0]!.queue).toBe('review'); // re-audited after the edit
  const expected = listAll('--status', 'review');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(expected.total));
  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-dialog')).toContainText(String(expected.total));
  await page.getByTestId('ex-start').click();
  const link = page.getByTestId('ex-download');
  await expect(link).toBeVisible();
  await shot(page, 'export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^orders-review-\d{8}-\d{4}\.csv$/);
  const file = path.join(shop.dir, download.suggestedFilename());
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = parse(text.slice(1)) as string[][];
  const head = rows[0]!;
  expect(head).toEqual(expect.arrayContaining(['订单编号', '订单金额', '币种']));
  expect(rows.length - 1).toBe(expected.total);
  expect(rows.slice(1).map((r) => Number(r[head.indexOf('系统编号')]))).toEqual(expected.rows.map((r) => r.id));
  const mine = rows.find((r) => r[head.indexOf('订单编号')] === orderId)!;
  expect([mine[head.indexOf('订单金额')], mine[head.indexOf('币种')], mine[head.indexOf('收货人')]]).toEqual(['72.70', 'CNY', '王小明']);
});
