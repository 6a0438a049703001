import type { StationInfo } from '../../shared/domain/people.js';
import { focusOperator, keepScreenshot, ownServe, rpc } from './people-helpers.js';
import { expect, test } from './serve-fixture.js';

/*
 * Two browsers: the owner's window (context 1) and a packing bench (context 2, its own storage, like another
 * computer). serve listens on 127.0.0.1 here, so main offers no LAN link; the bench opens <origin>/#pair=CODE.
 */
test('the owner pairs a bench, sees it online, revokes it, and the bench is locked out', async ({ page, browser }, testInfo) => {
  const shop = await ownServe({ demo: true });
  const bench = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(shop.url);
    await expect(page.getByTestId('operator-name')).toHaveText('周老板');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-stations').click();
    const own = page.locator('[data-testid="station-row"][data-kind="local"]');
    await expect(own).toHaveCount(1);
    // This window is connected, so its own station shows online; it cannot be revoked.
    await expect(own).toHaveAttribute('data-online', 'true');
    await expect(own.getByTestId('station-revoke')).toHaveCount(0);

    // A name is required before a code is made.
    await page.getByTestId('pair-start').click();
    await expect(page.getByTestId('pair-name-error')).toBeVisible();
    await expect(page.getByTestId('pair-result')).toHaveCount(0);
    await page.getByTestId('pair-name').fill('打包台 2');
    await page.getByTestId('pair-name').press('Enter');

    const codeEl = page.getByTestId('pair-code');
    await expect(codeEl).toHaveAttribute('data-code', /^\d{8}$/);
    const code = (await codeEl.getAttribute('data-code')) ?? '';
    // Shown in two groups of four, with the time left and, on 127.0.0.1, how to open serve to the LAN.
    await expect(codeEl).toHaveText(`${code.slice(0, 4)} ${code.slice(4)}`);
    await expect(page.getByTestId('pair-expiry')).toContainText(/(10:00|9:5\d) 后失效/);
    await expect(page.getByTestId('pair-no-lan')).toContainText('shopdesk serve --host 0.0.0.0');
    await expect(page.getByTestId('pair-qr')).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'stations-pairing');

    // The bench opens the pairing link: paired, but nobody is signed in there yet.
    const station = await bench.newPage();
    await station.goto(`${shop.origin}/#pair=${code}`);
    await expect(station.getByTestId('switch-screen')).toHaveAttribute('data-signed-in', 'false');
    await expect(station.getByTestId('station-name')).toContainText('打包台 2');
    await expect(station.getByTestId('order-row')).toHaveCount(0);
    expect(station.url()).not.toContain('pair=');

    await focusOperator(station, '陈静');
    await station.keyboard.press('Enter');
    await station.keyboard.type('1357');
    await station.keyboard.press('Enter');
    await expect(station.getByTestId('operator-name')).toHaveText('陈静');
    await expect(station.getByTestId('order-row').first()).toBeVisible();

    // The owner's list refreshes by itself: the bench is there, online; the pairing panel says it arrived.
    const benchRow = page.locator('[data-testid="station-row"][data-name="打包台 2"]');
    await expect(benchRow).toHaveAttribute('data-online', 'true', { timeout: 8_000 });
    await expect(benchRow).toHaveAttribute('data-kind', 'paired');
    await expect(page.getByTestId('pair-result')).toHaveAttribute('data-state', 'paired');

    // Revoke asks first; "keep it" has the focus and changes nothing.
    await benchRow.getByTestId('station-revoke').click();
    await expect(benchRow.getByTestId('station-revoke-confirm')).toContainText('打包台 2');
    await expect(benchRow.getByTestId('station-revoke-no')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(benchRow.getByTestId('station-revoke-confirm')).toHaveCount(0);
    await expect(benchRow).toHaveAttribute('data-revoked', 'false');
    await expect(station.getByTestId('operator-name')).toHaveText('陈静');

    await benchRow.getByTestId('station-revoke').click();
    await benchRow.getByTestId('station-revoke-yes').click();
    await expect(benchRow).toHaveAttribute('data-revoked', 'true');
    await expect(benchRow.getByTestId('station-revoke')).toHaveCount(0);

    // The bench is cut off at once: its socket is closed with 4401 and its token no longer opens one.
    const refused = station.getByTestId('unauthorized');
    await expect(refused).toBeVisible({ timeout: 5_000 });
    await expect(refused).toHaveAttribute('data-reason', 'refused');
    await expect(refused).toContainText('可能已被撤销');
    await expect(station.getByTestId('pair-code-form')).toBeVisible();
    await station.reload();
    await expect(station.getByTestId('unauthorized')).toHaveAttribute('data-reason', 'refused', { timeout: 15_000 });

    const c = await rpc(shop);
    const list = await c.call<StationInfo[]>('stations.list');
    c.close();
    const revoked = list.ok ? list.value.find((s) => s.name === '打包台 2') : undefined;
    expect(revoked?.revokedAt).not.toBeNull();
    expect(revoked?.online).toBe(false);
  } finally {
    await bench.close();
    await shop.dispose();
  }
});

test('a bench at the plain address can type the pairing code', async ({ page, browser }) => {
  const shop = await ownServe({ demo: true, orders: 50 });
  const bench = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const c = await rpc(shop);
    const started = await c.call<{ code: string }>('stations.pairStart', { name: '平板' });
    c.close();
    if (!started.ok) throw new Error(started.error.message);

    const station = await bench.newPage();
    await station.goto(`${shop.origin}/`);
    await expect(station.getByTestId('unauthorized')).toHaveAttribute('data-reason', 'no_token');
    await station.getByTestId('pair-code-input').fill('1234');
    await station.getByTestId('pair-code-submit').click();
    await expect(station.getByTestId('pair-code-form')).toContainText('8 位数字');
    const code = started.value.code;
    await station.getByTestId('pair-code-input').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await station.getByTestId('pair-code-input').press('Enter');
    await expect(station.getByTestId('switch-screen')).toBeVisible();
    await expect(station.getByTestId('station-name')).toContainText('平板');

    // The owner's own window is unaffected.
    await page.goto(shop.url);
    await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  } finally {
    await bench.close();
    await shop.dispose();
  }
});

test('a bench whose operator is deactivated meanwhile goes back to the switch screen at its next request', async ({ browser }) => {
  const shop = await ownServe({ demo: true, orders: 50 });
  const bench = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  try {
    // The owner, from another window of this computer (signed in as the owner: no PIN).
    const owner = await rpc(shop);
    const started = await owner.call<{ code: string }>('stations.pairStart', { name: '打包台 3' });
    if (!started.ok) throw new Error(started.error.message);
    const station = await bench.newPage();
    await station.goto(`${shop.origin}/#pair=${started.value.code}`);
    await focusOperator(station, '王芳');
    await station.keyboard.press('Enter');
    await station.keyboard.type('1234');
    await station.keyboard.press('Enter');
    await expect(station.getByTestId('operator-name')).toHaveText('王芳');
    await expect(station.getByTestId('order-row').first()).toBeVisible();

    const people = await owner.call<{ id: number; name: string }[]>('session.operators');
    const wang = people.ok ? people.value.find((o) => o.name === '王芳') : undefined;
    expect((await owner.call('people.update', { id: wang?.id, active: false })).ok).toBe(true);
    owner.close();

    // The next request is refused (signed_out): the bench asks who is working instead of showing an error box.
    await station.getByTestId('tab-to_print').click();
    await expect(station.getByTestId('switch-screen')).toHaveAttribute('data-signed-in', 'false');
    await expect(station.getByTestId('error-box')).toHaveCount(0);
    await expect(station.getByTestId('operator-option')).toHaveCount(4);
    await expect(station.locator('[data-testid="operator-option"][data-name="王芳"]')).toHaveCount(0);
  } finally {
    await bench.close();
    await shop.dispose();
  }
});
