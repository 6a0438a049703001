import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { OrderDetail, OrderRow } from '../../shared/domain/order.js';
import { QUEUES } from '../../shared/domain/status.js';
import { expect, startServe, test, type Served } from './serve-fixture.js';

interface ListOut {
  rows: OrderRow[];
  total: number;
}

const TABS = ['all', ...QUEUES] as const;
const SCREENSHOT = path.join('test-results', 'screenshots', 'orders-queue.png');

function list(shop: Served, ...args: string[]): ListOut {
  return shop.cli<ListOut>('orders', 'list', '--json', ...args);
}

async function openApp(page: Page, shop: Served): Promise<void> {
  await page.goto(shop.url);
  await expect(page.getByTestId('order-row').first()).toBeVisible();
}

async function shownIds(page: Page, attr = 'data-order-id'): Promise<string[]> {
  return page.getByTestId('order-row').evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);
}

test('the queue shows the orders and tab counts main reports', async ({ page, shop }, testInfo) => {
  await openApp(page, shop);
  // The token is taken out of the address bar once read.
  expect(page.url()).not.toContain('token=');

  for (const q of TABS) {
    const expected = list(shop, '--status', q, '--limit', '1').total;
    await expect(page.getByTestId(`tab-count-${q}`), `count of tab ${q}`).toHaveAttribute('data-count', String(expected));
  }
  expect(list(shop, '--limit', '1').total).toBe(3000);
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '3000');

  // Same order as main's default sort (placed time, newest first).
  const top = list(shop, '--limit', '10').rows.map((r) => String(r.id));
  expect((await shownIds(page)).slice(0, 10)).toEqual(top);

  const png = await page.screenshot();
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  fs.writeFileSync(SCREENSHOT, png);
  await testInfo.attach('orders-queue', { body: png, contentType: 'image/png' });

  // Far down the list, rows are fetched by offset as they scroll into view.
  const at = list(shop, '--limit', '1', '--offset', '2345').rows[0];
  expect(at).toBeDefined();
  await page.getByTestId('order-list').evaluate((el) => (el.scrollTop = 2345 * 36));
  await expect(page.locator(`[data-testid="order-row"][data-order-id="${at?.id}"]`)).toBeVisible();
});

test('switching tabs and filtering by platform narrow the list like main does', async ({ page, shop }) => {
  await openApp(page, shop);
  const toPrint = list(shop, '--status', 'to_print', '--limit', '500');
  expect(toPrint.total).toBeGreaterThan(0);

  await page.getByTestId('tab-to_print').click();
  await expect(page.getByTestId('tab-to_print')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(toPrint.total));
  const queues = await shownIds(page, 'data-queue');
  expect(queues.length).toBeGreaterThan(0);
  expect(new Set(queues)).toEqual(new Set(['to_print']));
  expect((await shownIds(page)).slice(0, 5)).toEqual(toPrint.rows.slice(0, 5).map((r) => String(r.id)));

  const jdToPrint = list(shop, '--status', 'to_print', '--platform', 'jd', '--limit', '1').total;
  const jdAll = list(shop, '--platform', 'jd', '--limit', '1').total;
  expect(jdAll).toBeGreaterThan(0);
  expect(jdAll).toBeLessThan(3000);

  await page.getByTestId('filter-platform').click();
  await page.getByTestId('filter-platform-option-jd').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('filter-platform')).toContainText('京东');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(jdToPrint));
  await expect(page.getByTestId('tab-count-all')).toHaveAttribute('data-count', String(jdAll));
  await expect(page.getByTestId('tab-count-to_print')).toHaveAttribute('data-count', String(jdToPrint));
  if (jdToPrint > 0) {
    expect(new Set(await shownIds(page, 'data-platform'))).toEqual(new Set(['jd']));
  }
});

test('search by order id finds exactly that order; its drawer lists its lines', async ({ page, shop }) => {
  // An order with several lines whose id is not the prefix of another one.
  const candidates = list(shop, '--limit', '200', '--offset', '1000').rows.filter((r) => r.skuSummary.includes(','));
  const order = candidates.find((r) => list(shop, '--search', r.platformOrderId, '--limit', '5').total === 1);
  expect(order, 'a multi-line order with a unique id in the demo data').toBeDefined();
  if (!order) return;
  const detail = shop.cli<OrderDetail>('orders', 'show', String(order.id), '--json');
  expect(detail.lines.length).toBeGreaterThan(1);

  await openApp(page, shop);
  await page.getByTestId('order-search').fill(order.platformOrderId);
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toHaveAttribute('data-platform-order-id', order.platformOrderId);
  await expect(page.getByTestId('tab-count-all')).toHaveAttribute('data-count', '1');

  await page.getByTestId('order-row').click();
  const drawer = page.getByTestId('order-drawer');
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('drawer-order-id')).toHaveText(order.platformOrderId);
  await expect(page.getByTestId('order-line')).toHaveCount(detail.lines.length);
  for (const line of detail.lines) {
    if (line.skuCode) await expect(drawer.getByText(line.skuCode, { exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('chip-platform-status')).toContainText(detail.platformStatus);

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('order-list')).toBeFocused();

  await page.getByTestId('order-search').fill('zz-no-such-order');
  await expect(page.getByTestId('empty-state')).toContainText('zz-no-such-order');
  await expect(page.getByTestId('order-row')).toHaveCount(0);
});

test('the language switch changes the labels and is remembered', async ({ page, shop }) => {
  await openApp(page, shop);
  await expect(page.getByTestId('nav-orders')).toContainText('订单');
  await expect(page.getByTestId('tab-pending_audit')).toContainText('待审核');

  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByTestId('nav-orders')).toContainText('Orders');
  await expect(page.getByTestId('tab-pending_audit')).toContainText('Pending audit');
  await expect(page.getByTestId('sort-field')).toContainText('Placed time');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // A reload keeps the language (localStorage) and the connection (token kept in sessionStorage).
  await page.reload();
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  await expect(page.getByTestId('nav-orders')).toContainText('Orders');

  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect(page.getByTestId('nav-orders')).toContainText('订单');
  await expect(page.getByTestId('tab-all')).toContainText('全部');
});

test('keyboard: arrows and Enter open orders, g+letter and Ctrl+digit switch screens', async ({ page, shop }) => {
  await openApp(page, shop);
  const ids = await shownIds(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-drawer')).toHaveAttribute('data-order-id', ids[1] ?? 'missing');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('order-drawer')).toHaveAttribute('data-order-id', ids[2] ?? 'missing');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('order-drawer')).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page.getByTestId('review-screen')).toBeVisible();
  await expect(page.getByTestId('order-row')).toHaveCount(0);
  await page.keyboard.press('Control+6');
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByTestId('order-search')).toBeFocused();
});

test('a wrong or missing token shows the not-authorized screen', async ({ page, shop }) => {
  await page.goto(`${shop.origin}/#token=not-the-right-token`);
  const screen = page.getByTestId('unauthorized');
  await expect(screen).toBeVisible({ timeout: 15_000 });
  await expect(screen).toContainText('shopdesk serve');
  await expect(screen).toContainText('未授权');
  await expect(screen).toContainText('Not authorized');
  await expect(screen).toHaveAttribute('data-reason', 'refused');
  await expect(page.getByTestId('order-row')).toHaveCount(0);

  const fresh = await page.context().browser()?.newPage();
  expect(fresh).toBeDefined();
  if (!fresh) return;
  await fresh.goto(shop.origin + '/');
  await expect(fresh.getByTestId('unauthorized')).toHaveAttribute('data-reason', 'no_token');
  await fresh.close();
});

test('losing the server shows the offline banner', async ({ page }) => {
  const own = await startServe(50, 3);
  try {
    await page.goto(own.url);
    await expect(page.getByTestId('order-row').first()).toBeVisible();
    await expect(page.getByTestId('conn-status')).toHaveAttribute('data-state', 'online');
    await own.stop();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByTestId('conn-status')).toHaveAttribute('data-state', 'offline');
    // What was loaded stays on screen.
    await expect(page.getByTestId('order-row').first()).toBeVisible();
  } finally {
    await own.stop();
    fs.rmSync(own.dir, { recursive: true, force: true });
  }
});

/** Calls the contract the way the app does, from Node (the test acts as the owner's own window). */
async function invokeAsOwner<T>(shop: Served, channel: string, input: unknown): Promise<T> {
  const { default: WebSocket } = await import('ws');
  const token = new URL(shop.url).hash.replace('#token=', '');
  const ws = new WebSocket(`${shop.origin.replace('http', 'ws')}/api?token=${token}`);
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel, input }));
    const msg = await new Promise<{ ok: boolean; value?: T; error?: unknown }>((resolve) =>
      ws.on('message', (d: Buffer) => {
        const m = JSON.parse(d.toString()) as { type: string; id?: number; ok: boolean; value?: T; error?: unknown };
        if (m.type === 'result' && m.id === 1) resolve(m);
      }),
    );
    if (!msg.ok) throw new Error(`${channel} failed: ${JSON.stringify(msg.error)}`);
    return msg.value as T;
  } finally {
    ws.close();
  }
}

test('a pairing link pairs this browser as a station; a bad code says why', async ({ page, shop }) => {
  // serve on 127.0.0.1 offers no LAN links (urls is empty); the link a station opens is `<origin>/#pair=CODE`.
  const { code, urls } = await invokeAsOwner<{ code: string; urls: string[] }>(shop, 'stations.pairStart', { name: 'Bench 2' });
  expect(code).toMatch(/^\d{8}$/);
  for (const u of urls) expect(u).toContain(`#pair=${code}`);

  await page.goto(`${shop.origin}/#pair=${code}`);
  await expect(page.getByTestId('conn-status')).toHaveAttribute('data-state', 'online');
  expect(page.url()).not.toContain('pair=');
  // A new station has nobody signed in yet: it asks who is working there instead of showing a queue main would refuse.
  await expect(page.getByTestId('switch-screen')).toHaveAttribute('data-signed-in', 'false');
  await expect(page.getByTestId('station-name')).toContainText('Bench 2');
  await expect(page.getByTestId('order-row')).toHaveCount(0);
  await expect(page.getByTestId('error-box')).toHaveCount(0);
  // The station keeps its own token: a reload connects again without any link.
  await page.reload();
  await expect(page.getByTestId('conn-status')).toHaveAttribute('data-state', 'online');

  const other = await page.context().browser()?.newPage();
  if (!other) throw new Error('no browser');
  await other.goto(`${shop.origin}/#pair=00000000`);
  await expect(other.getByTestId('unauthorized')).toHaveAttribute('data-reason', 'pair_failed');
  await other.close();
});
