import type { SessionInfo } from '../../shared/domain/people.js';
import { keepScreenshot, ownServe, rpc } from './people-helpers.js';
import { expect, test } from './serve-fixture.js';

/*
 * A brand-new database: no owner, no shops, no orders. The app must ask for the owner before anything else, then
 * work empty; an owner with a PIN is asked for it when the app opens again.
 */
test('first run creates the owner; with a PIN, the next opening asks for it', async ({ page }, testInfo) => {
  const shop = await ownServe({ demo: false });
  try {
    await page.goto(shop.url);
    const setup = page.getByTestId('first-run');
    await expect(setup).toBeVisible();
    await expect(setup).toContainText('欢迎使用 ShopDesk');
    // Nothing of the app is there before the owner exists.
    await expect(page.getByTestId('nav-orders')).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'first-run');

    // Validation speaks before anything is sent: no name, a PIN too short, two PINs that differ.
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-name-error')).toHaveText('请输入名字。');
    await expect(page.getByTestId('setup-name')).toBeFocused();
    await page.getByTestId('setup-name').fill('吴店主');
    await page.getByTestId('setup-pin').fill('12');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-name-error')).toHaveCount(0);
    await expect(page.getByTestId('setup-pin-error')).toContainText('4 到 8 位数字');
    // Letters are dropped as they are typed: a PIN is digits.
    await page.getByTestId('setup-pin').fill('25a80');
    await expect(page.getByTestId('setup-pin')).toHaveValue('2580');
    await page.getByTestId('setup-pin-confirm').fill('2581');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-pin-confirm-error')).toHaveText('两次输入的 PIN 不一致。');
    // main has still no owner: nothing was sent.
    const probe = await rpc(shop);
    const before = await probe.call<SessionInfo>('session.get');
    expect(before.ok && before.value.needsSetup).toBe(true);

    // The English words are there too.
    await page.getByTestId('setup-lang').selectOption('en');
    await expect(page.getByTestId('setup-pin-confirm-error')).toHaveText('The two PINs are not the same.');
    await page.getByTestId('setup-lang').selectOption('zh-CN');

    await page.getByTestId('setup-pin-confirm').fill('2580');
    await page.getByTestId('setup-pin-confirm').press('Enter');

    // Straight into the (empty) orders queue, signed in as the new owner.
    await expect(page.getByTestId('tab-count-all')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('tab-count-to_print')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('empty-state')).toContainText('还没有订单');
    await expect(page.getByTestId('error-box')).toHaveCount(0);
    await expect(page.getByTestId('operator-name')).toHaveText('吴店主');
    await expect(page.getByTestId('operator-chip')).toHaveAttribute('data-role', 'owner');
    const after = await probe.call<SessionInfo>('session.get');
    expect(after.ok && after.value.needsSetup).toBe(false);
    // A second setup is refused by main: there is an owner now.
    const again = await probe.call('session.setupOwner', { name: 'Someone else' });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    probe.close();

    // Opening the app again: the owner has a PIN, so nobody is signed in until it is typed.
    await page.reload();
    const gate = page.getByTestId('switch-screen');
    await expect(gate).toBeVisible();
    await expect(gate).toHaveAttribute('data-signed-in', 'false');
    await expect(page.getByTestId('nav-orders')).toHaveCount(0);
    await expect(page.getByTestId('operator-option')).toHaveCount(1);
    await expect(page.getByTestId('operator-option')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pin-pad')).toBeVisible();
    await expect(page.getByTestId('pin-pad')).toContainText('吴店主');

    // A wrong PIN, typed on the on-screen pad this time.
    for (const d of '9999') await page.getByTestId(`pin-key-${d}`).click();
    await expect(page.getByTestId('pin-dots')).toHaveAttribute('data-length', '4');
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('pin-error')).toHaveText('PIN 错误，请重试。');
    await expect(page.getByTestId('pin-dots')).toHaveAttribute('data-length', '0');
    await expect(page.getByTestId('switch-screen')).toBeVisible();

    // Too short is said before asking main.
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pin-error')).toHaveText('PIN 为 4 到 8 位数字。');
    await page.keyboard.press('Backspace');
    await expect(page.getByTestId('pin-dots')).toHaveAttribute('data-length', '1');
    await page.keyboard.type('580');
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('operator-name')).toHaveText('吴店主');
    await expect(page.getByTestId('tab-count-all')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await expect(page.getByTestId('error-box')).toHaveCount(0);
  } finally {
    await shop.dispose();
  }
});
