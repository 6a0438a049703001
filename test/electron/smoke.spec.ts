import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ShopDeskBridge } from '../../shared/contract/bridge.js';
import { SKIP_REASON, electronBinary } from './electron-binary.js';

const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);

const root = path.resolve(import.meta.dirname, '..', '..');

test('the desktop app opens the order queue over IPC and quits cleanly', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-electron-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'SHOPDESK_DB' && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  env.SHOPDESK_USER_DATA = userData; // a fresh profile: its own database, window state and logs

  const app = await electron.launch({ executablePath: binary ?? undefined, args: [root], cwd: root, env });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-testid="nav-orders"]')).toBeVisible({ timeout: 30_000 });

    // The page gets the bridge and nothing of Node.
    const exposed = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { shopdesk: object }).shopdesk).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ bridge: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });

    // One real round trip: renderer → preload → ipcMain → core → SQLite in the temp profile.
    const info = await page.evaluate(() => (window as unknown as { shopdesk: ShopDeskBridge }).shopdesk.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { dbPath: path.join(userData, 'shopdesk.db') } });
  } finally {
    await app.close();
  }
  expect(fs.existsSync(path.join(userData, 'shopdesk.db'))).toBe(true);
  expect(fs.existsSync(path.join(userData, 'window-state.json'))).toBe(true);
  expect(fs.existsSync(path.join(userData, 'shopdesk.db.lock'))).toBe(false); // released on quit
  fs.rmSync(userData, { recursive: true, force: true });
});
