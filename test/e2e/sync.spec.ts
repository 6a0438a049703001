import type { Page } from '@playwright/test';
import type { ShopHealth } from '../../shared/contract/sync.js';
import { startWooSim, WOO_SIM_KEY, type WooSim } from '../sim/woocommerce/server.js';
import { keepScreenshot, ownServe, rpc } from './people-helpers.js';
import { expect, test } from './serve-fixture.js';

/*
 * Shops, sync and write-backs end to end: a WooCommerce simulator on 127.0.0.1, a demo database served by
 * `shopdesk serve` (its owner 周老板 has no PIN and is signed in), and the UI adding the shop, syncing it, showing
 * a failing sync in plain words, and marking an order shipped until the platform has it.
 */
const SHOP = 'Woo 模拟店';
const ORDERS = 30;

let shop: Awaited<ReturnType<typeof ownServe>>;
let sim: WooSim;
test.beforeAll(async () => {
  sim = await startWooSim();
  // serve judges windows by the real clock; the sim stamps orders with its own: keep it just behind real time.
  sim.clock.set(Date.now() - 5 * 60_000);
  for (let i = 0; i < ORDERS; i++) {
    sim.addOrder({ status: 'processing' });
    sim.clock.advance(5_000);
  }
  shop = await ownServe({ demo: true });
});
test.afterAll(async () => {
  await shop?.dispose();
  await sim?.close();
});
test.describe.configure({ mode: 'serial' });

async function health(): Promise<ShopHealth[]> {
  const c = await rpc(shop);
  try {
    const r = await c.call<ShopHealth[]>('sync.health');
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    c.close();
  }
}

const shopRow = (page: Page) => page.locator(`[data-testid="shop-row"][data-name="${SHOP}"]`);
const syncCard = (page: Page) => page.locator(`[data-testid="sync-shop"][data-name="${SHOP}"]`);

test('add a WooCommerce shop, sync it, see a failure in plain words, ship an order back to the platform', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await page.goto(shop.url);
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');

  // --- Settings → Shops: the form names the field main refused.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-shops').click();
  await expect(page.getByTestId('shops-settings')).toBeVisible();
  // Each platform shows its own setup fields, with where on the platform each value is found.
  await page.getByTestId('shop-platform').selectOption('taobao');
  await expect(page.getByTestId('shop-cred-sessionKey')).toHaveAttribute('type', 'password');
  await expect(page.locator('#shop-cred-appKey-msg')).toContainText('淘宝开放平台');
  await page.getByTestId('shop-platform').selectOption('kuaishou');
  await expect(page.getByTestId('shop-cred-signSecret')).toHaveAttribute('type', 'password');
  await expect(page.locator('#shop-cred-signSecret-msg')).toContainText('不是 App Secret');
  await page.getByTestId('shop-platform').selectOption('woocommerce');
  await expect(page.getByTestId('shop-cred-consumerSecret')).toHaveAttribute('type', 'password');
  await page.getByTestId('shop-submit').click();
  await expect(page.getByTestId('shop-name-error')).toBeVisible();
  await expect(page.getByTestId('shop-cred-siteUrl-error')).toBeVisible();

  await page.getByTestId('shop-name').fill(SHOP);
  await page.getByTestId('shop-cred-siteUrl').fill(sim.homeUrl);
  await page.getByTestId('shop-cred-consumerKey').fill('not-a-key');
  await page.getByTestId('shop-cred-consumerSecret').fill(WOO_SIM_KEY.consumerSecret);
  await page.getByTestId('shop-advanced').locator('summary').click();
  await page.getByTestId('shop-base-url').fill(sim.url);
  await page.getByTestId('shop-submit').click();
  await expect(page.getByTestId('shop-cred-consumerKey-error')).toContainText('ck_');
  await expect(shopRow(page)).toHaveCount(0);

  await page.getByTestId('shop-cred-consumerKey').fill(WOO_SIM_KEY.consumerKey);
  await page.getByTestId('shop-submit').click();
  await expect(shopRow(page)).toHaveAttribute('data-has-credentials', 'true');
  await expect(shopRow(page)).toHaveAttribute('data-active', 'true');
  await expect(shopRow(page)).toContainText('USD');
  await expect(page.getByTestId('shops-note')).toContainText(SHOP);
  const shopId = Number(await shopRow(page).getAttribute('data-shop-id'));
  expect(shopId).toBeGreaterThan(0);
  await keepScreenshot(page, testInfo, 'sync-shops-tab');

  // --- The header indicator opens the sync panel; Sync now brings the orders in.
  await page.getByTestId('sync-indicator').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings')).toHaveAttribute('data-tab', 'sync');
  await expect(syncCard(page)).toBeVisible();
  // A new shop syncs by itself at once; Sync now then runs it again.
  await expect(syncCard(page)).not.toHaveAttribute('data-last-success', '', { timeout: 30_000 });
  const first = Number(await syncCard(page).getAttribute('data-last-success'));
  await expect(syncCard(page)).toHaveAttribute('data-running', 'false');
  await syncCard(page).getByTestId('sync-run').click();
  await expect.poll(async () => Number(await syncCard(page).getAttribute('data-last-success')), { timeout: 30_000 }).toBeGreaterThan(first);
  await expect(syncCard(page)).toHaveAttribute('data-running', 'false', { timeout: 30_000 });
  await expect(syncCard(page)).not.toHaveAttribute('data-last-success', '');
  await expect(syncCard(page).getByTestId('sync-last-success')).not.toHaveText('从未');
  await expect(syncCard(page).getByTestId('sync-last-error')).toHaveCount(0);
  const ok = (await health()).find((h) => h.shopId === shopId);
  expect(ok?.lastSuccessAt).not.toBeNull();
  expect(ok?.consecutiveFailures).toBe(0);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-level', 'ok');

  // --- The orders are in the queue, filtered by the shop.
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('filter-shop').click();
  await page.getByTestId(`filter-shop-option-${shopId}`).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(ORDERS));
  const listed = await page.getByTestId('order-row').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(listed.length).toBeGreaterThan(0);

  // --- The platform starts failing: the panel says so in plain words, naming the shop.
  sim.failNext(10, { status: 502, match: (method, path) => method === 'GET' && /\/wc\/v3\/orders\/?$/.test(path) });
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-sync').click();
  await syncCard(page).getByTestId('sync-run').click();
  await expect(syncCard(page).getByTestId('sync-last-error')).toContainText(SHOP, { timeout: 60_000 });
  await expect(syncCard(page)).toHaveAttribute('data-failing', 'true');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-level', 'error');
  const failed = (await health()).find((h) => h.shopId === shopId);
  expect(failed?.lastError).toContain(SHOP);
  await expect(syncCard(page).getByTestId('sync-last-error')).toContainText(failed?.lastError ?? '');
  // A headline in the UI's language comes before main's sentence.
  expect(failed?.lastErrorKind).toBe('server');
  await expect(syncCard(page).getByTestId('sync-error-kind')).toContainText('平台服务器出错');
  await keepScreenshot(page, testInfo, 'sync-panel-error');

  // --- A shop with orders cannot be removed: the row offers Deactivate instead (not taken).
  await page.getByTestId('settings-tab-shops').click();
  await shopRow(page).getByTestId('shop-remove').click();
  await shopRow(page).getByTestId('shop-remove-yes').click();
  await expect(shopRow(page).getByTestId('shop-remove-confirm')).toHaveAttribute('data-has-orders', 'true');
  await expect(shopRow(page).getByTestId('shop-deactivate')).toBeVisible();
  await shopRow(page).getByTestId('shop-remove-no').click();
  await expect(shopRow(page)).toHaveAttribute('data-active', 'true');

  // --- Mark one order shipped in the drawer; its write-back reaches the platform.
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('order-list')).toHaveAttribute('data-total', String(ORDERS));
  await page.getByTestId('order-row').first().click();
  const drawer = page.getByTestId('order-drawer');
  await expect(drawer).toHaveAttribute('data-loaded', 'true');
  const wooId = Number(await drawer.getByTestId('drawer-order-id').textContent());
  expect(sim.orders.get(wooId)?.status).toBe('processing');
  // Not verified by scan: the owner may still ship it, and is told why that needs a permission.
  await expect(drawer.getByTestId('ship-unverified-note')).toBeVisible();
  await drawer.getByTestId('ship-carrier').selectOption('UPS');
  await drawer.getByTestId('ship-tracking').fill('x');
  await drawer.getByTestId('ship-submit').click();
  await expect(drawer.getByTestId('ship-tracking-error')).toBeVisible();
  await drawer.getByTestId('ship-tracking').fill('1Z999AA10123456784');
  await drawer.getByTestId('ship-submit').click();
  await expect(drawer.getByTestId('chip-workflow')).toContainText(/已发货|回传/);
  const wb = drawer.getByTestId('writeback-row');
  await expect(wb).toHaveCount(1);
  await expect(wb).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect.poll(() => sim.orders.get(wooId)?.status, { timeout: 10_000 }).toBe('completed');
  await expect(wb).toContainText('1Z999AA10123456784');
  await keepScreenshot(page, testInfo, 'sync-drawer-writeback');
});
