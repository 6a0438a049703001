import type { Page } from '@playwright/test';
import { PERMISSIONS, type OperatorInfo, type Permission, type Role } from '../../shared/domain/people.js';
import { focusOperator, keepScreenshot, ownServe, rpc } from './people-helpers.js';
import { expect, test } from './serve-fixture.js';

/*
 * The demo's people: 周老板 (owner, no PIN), 王芳 (reviewer, 1234), 李强 (packer, 2468), 陈静 (packer, 1357),
 * 赵敏 (after-sales, 8642). Each test file has its own server: switching operators moves this computer's "last
 * operator", which the shared fixture's other tests rely on being the owner.
 */
let shop: Awaited<ReturnType<typeof ownServe>>;
test.beforeAll(async () => {
  shop = await ownServe({ demo: true });
});
test.afterAll(async () => {
  await shop.dispose();
});
test.describe.configure({ mode: 'serial' });

async function operators(): Promise<OperatorInfo[]> {
  const c = await rpc(shop);
  try {
    const r = await c.call<OperatorInfo[]>('session.operators');
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    c.close();
  }
}

async function openPeople(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-people').click();
  await expect(page.getByTestId('operator-row')).not.toHaveCount(0);
}

const row = (page: Page, name: string) => page.locator(`[data-testid="operator-row"][data-name="${name}"]`);

test('the owner adds, edits and deactivates operators and sets role permissions', async ({ page }, testInfo) => {
  await page.goto(shop.url);
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  await openPeople(page);

  await expect(page.getByTestId('operator-row')).toHaveCount(5);
  await expect(row(page, '王芳')).toHaveAttribute('data-has-pin', 'true');
  await expect(row(page, '周老板')).toHaveAttribute('data-has-pin', 'false');
  await expect(row(page, '李强')).toContainText('打包员');

  // Add: the form checks the PINs before sending.
  await page.getByTestId('add-name').fill('孙丽');
  await page.getByTestId('add-role').selectOption('after_sales');
  await page.getByTestId('add-pin').fill('1111');
  await page.getByTestId('add-pin-confirm').fill('1112');
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('add-pin-confirm-error')).toBeVisible();
  await page.getByTestId('add-pin-confirm').fill('1111');
  await page.getByTestId('add-submit').click();
  await expect(row(page, '孙丽')).toHaveAttribute('data-role', 'after_sales');
  await expect(page.getByTestId('people-note')).toContainText('孙丽');
  const added = (await operators()).find((o) => o.name === '孙丽');
  expect(added).toMatchObject({ role: 'after_sales', hasPin: true, active: true });

  // A name that is taken: main says so, and the words are shown.
  await page.getByTestId('add-name').fill('王芳');
  await page.getByTestId('add-submit').click();
  const taken = page.getByTestId('add-operator').getByTestId('error-box');
  await expect(taken).toContainText('已经有名为“王芳”的操作员。');
  await expect(taken).toContainText('already exists');

  // The owner cannot be demoted: main refuses, and its message is shown.
  await row(page, '周老板').getByTestId('operator-edit').click();
  await page.getByTestId('edit-role').selectOption('reviewer');
  await page.getByTestId('edit-save').click();
  const demote = page.getByTestId('edit-operator').getByTestId('error-box');
  await expect(demote).toContainText('店主始终是店主');
  await expect(demote).toContainText('the owner cannot be demoted');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('edit-operator')).toHaveCount(0);
  await expect(row(page, '周老板')).toHaveAttribute('data-role', 'owner');

  // Rename 孙丽, change the role, remove the PIN, then deactivate her.
  await row(page, '孙丽').getByTestId('operator-edit').click();
  await page.getByTestId('edit-name').fill('孙丽丽');
  await page.getByTestId('edit-role').selectOption('reviewer');
  await page.getByTestId('edit-pin-clear').check();
  await page.getByTestId('edit-save').click();
  await expect(row(page, '孙丽丽')).toHaveAttribute('data-role', 'reviewer');
  await expect(row(page, '孙丽丽')).toHaveAttribute('data-has-pin', 'false');
  await row(page, '孙丽丽').getByTestId('operator-edit').click();
  await page.getByTestId('edit-active').uncheck();
  await page.getByTestId('edit-save').click();
  await expect(row(page, '孙丽丽')).toHaveAttribute('data-active', 'false');
  // Deactivated people are no longer offered for sign-in.
  expect((await operators()).map((o) => o.name)).not.toContain('孙丽丽');

  // The permission matrix: owner column fixed and full, owner-only rows not grantable.
  const matrix = page.getByTestId('perm-matrix');
  await expect(matrix.getByTestId('perm-row')).toHaveCount(PERMISSIONS.length);
  // Reviewers type in manual orders and import files by default.
  await expect(page.getByTestId('perm-reviewer-orders.import')).toBeChecked();
  await expect(page.getByTestId('perm-packer-orders.edit')).not.toBeChecked();
  await expect(page.getByTestId('perm-owner-finance.view')).toBeChecked();
  await expect(page.getByTestId('perm-owner-finance.view')).toBeDisabled();
  await expect(page.getByTestId('perm-packer-people.manage')).toBeDisabled();
  await expect(page.getByTestId('perm-packer-people.manage')).not.toBeChecked();
  await expect(matrix.locator('[data-permission="people.manage"]')).toContainText('仅店主');
  await expect(matrix.locator('[data-permission="ship.unverified"]')).toContainText('不逐件扫码也可以发货');
  await expect(page.getByTestId('perm-packer-print.labels')).toBeChecked();
  await expect(page.getByTestId('perm-save-packer')).toBeDisabled();
  await page.getByTestId('perm-packer-ship.unverified').check();
  await expect(page.getByTestId('perm-save-packer')).toBeEnabled();
  await page.getByTestId('perm-save-packer').click();
  await expect(page.getByTestId('perms-note')).toContainText('打包员');
  await expect(page.getByTestId('perm-save-packer')).toBeDisabled();
  const c = await rpc(shop);
  const perms = await c.call<{ roles: Record<Role, Permission[]> }>('people.permissions');
  c.close();
  expect(perms.ok && perms.value.roles.packer).toEqual(['orders.view', 'print.labels', 'pack.verify', 'ship.unverified']);

  await page.getByTestId('perm-matrix').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.screen')?.scrollTo(0, 0));
  await keepScreenshot(page, testInfo, 'people');
});

test('a packer signs in with the keyboard; what is not theirs is not offered, and main refuses it anyway', async ({ page }, testInfo) => {
  await page.goto(shop.url);
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  await expect(page.getByTestId('order-row').first()).toBeVisible();

  // F2 opens the switch screen on the current operator; → then Enter picks the next; digits go to the PIN pad.
  await page.keyboard.press('F2');
  await expect(page.getByTestId('switch-screen')).toHaveAttribute('data-signed-in', 'true');
  await expect(page.locator(':focus')).toHaveAttribute('data-name', '周老板');
  await focusOperator(page, '李强');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pin-pad')).toContainText('李强');
  await page.keyboard.type('246');
  await expect(page.getByTestId('pin-dots')).toHaveAttribute('data-length', '3');
  await keepScreenshot(page, testInfo, 'pin-pad');
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('operator-name')).toHaveText('李强');
  await expect(page.getByTestId('operator-chip')).toHaveAttribute('data-role', 'packer');
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  // Screens a packer may not use are there but disabled, and their shortcut does nothing.
  await expect(page.getByTestId('nav-finance')).toBeDisabled();
  await expect(page.getByTestId('nav-review')).toBeDisabled();
  await expect(page.getByTestId('nav-pack')).toBeEnabled();
  await page.keyboard.press('Control+5');
  await expect(page.getByTestId('nav-orders')).toHaveAttribute('aria-current', 'page');
  // Settings has the general section only: no People, no Stations.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toHaveAttribute('data-tab', 'general');
  await expect(page.getByTestId('settings-tab-people')).toHaveCount(0);
  await expect(page.getByTestId('settings-tab-stations')).toHaveCount(0);
  await expect(page.getByTestId('people-settings')).toHaveCount(0);

  // The server does not rely on the UI: signed in as 李强, managing people is refused.
  const c = await rpc(shop);
  const list = await c.call<OperatorInfo[]>('session.operators');
  const li = list.ok ? list.value.find((o) => o.name === '李强') : undefined;
  expect(li).toBeDefined();
  expect((await c.call('session.signIn', { operatorId: li?.id, pin: '2468' })).ok).toBe(true);
  const refused = await c.call('people.create', { name: '黑客', role: 'reviewer' });
  expect(refused.ok ? null : refused.error).toMatchObject({ code: 'forbidden', details: { permission: 'people.manage', role: 'packer' } });
  const stations = await c.call('stations.list');
  expect(stations.ok ? null : stations.error.code).toBe('forbidden');
  c.close();

  // Too many wrong PINs lock that person for a while, and the pad says for how long.
  await page.keyboard.press('F2');
  await focusOperator(page, '赵敏');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pin-error')).toHaveText('PIN 错误，请重试。');
    await expect(page.getByTestId('pin-dots')).toHaveAttribute('data-length', '0');
  }
  await page.keyboard.type('8642');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pin-pad')).toHaveAttribute('data-locked', 'true');
  await expect(page.getByTestId('pin-error')).toHaveAttribute('data-kind', 'locked');
  await expect(page.getByTestId('pin-error')).toContainText(/PIN 错误次数过多，请在 \d+ 秒后重试/);
  await expect(page.getByTestId('pin-key-5')).toBeDisabled();
  // Still 李强 meanwhile: failed attempts do not sign anyone out.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('switch-screen')).toHaveAttribute('data-mode', 'pick');

  // Back to the owner, who has no PIN: one Enter.
  await focusOperator(page, '周老板');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-tab-people')).toBeVisible();
  await expect(page.getByTestId('nav-finance')).toBeEnabled();
});

test('signing out leaves the switch screen; Esc goes back to work', async ({ page }) => {
  await page.goto(shop.url);
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  await page.getByTestId('switch-operator').click();
  await expect(page.getByTestId('switch-cancel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');

  await page.keyboard.press('Control+Shift+S');
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('switch-screen')).toHaveAttribute('data-signed-in', 'false');
  await expect(page.getByTestId('switch-cancel')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('switch-screen')).toBeVisible();
  await page.getByTestId('operator-option').filter({ hasText: '周老板' }).click();
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
});
