import { expect, test } from './serve-fixture.js';

test('Settings → Carriers: the built-in code shows, an override is saved with Enter and survives a reload, empty restores it', async ({ page, shop }) => {
  await page.goto(shop.url);
  await expect(page.getByTestId('operator-name')).toHaveText('周老板');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-carriers').click();
  const jdSf = page.getByTestId('carrier-code-jd-SF');
  await expect(jdSf).toHaveAttribute('placeholder', '467');
  await expect(jdSf).toHaveValue('');
  // A carrier a platform has no built-in code for says so.
  await expect(page.getByTestId('carrier-code-jd-DPD')).toHaveCount(0);
  await expect(page.getByTestId('carrier-code-jd-ZJS')).toHaveAttribute('placeholder', '无');

  await jdSf.fill('10086');
  await jdSf.press('Enter');
  await expect(page.getByTestId('carriers-note')).toContainText('京东：SF 现在使用你填写的编码');

  await page.reload();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-carriers').click();
  await expect(page.getByTestId('carrier-code-jd-SF')).toHaveValue('10086');

  await page.getByTestId('carrier-code-jd-SF').fill('');
  await page.getByTestId('carrier-code-jd-SF').press('Enter');
  await expect(page.getByTestId('carriers-note')).toContainText('已恢复使用 ShopDesk 的编码');
  await expect(page.getByTestId('carrier-code-jd-SF')).toHaveValue('');
});
