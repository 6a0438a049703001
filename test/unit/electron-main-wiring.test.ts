import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as CoreModule from '../../main/core.js';
import type { Core } from '../../main/core.js';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security-policy.js';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/bridge.js';
import { createFakeElectron, keepProcessListeners } from '../electron/fake-electron.js';

// main.ts run under Node against a recording fake of Electron (the real binary cannot run here): checks the
// wiring — data paths, database lock, core, IPC trust, event forwarding, security hooks, menu, window, quit.
const state = vi.hoisted(() => ({ fake: null as unknown as ReturnType<typeof createFakeElectron>, core: null as Core | null }));
vi.mock('electron', () => state.fake.electron);
vi.mock('../../main/core.js', async (importOriginal) => {
  const real = await importOriginal<typeof CoreModule>();
  return { ...real, createCore: (o: Parameters<typeof real.createCore>[0]) => (state.core = real.createCore(o)) };
});

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-main-'));
const restoreProcessListeners = keepProcessListeners();
const savedEnv = { SHOPDESK_DB: process.env.SHOPDESK_DB, SHOPDESK_DEV_SERVER_URL: process.env.SHOPDESK_DEV_SERVER_URL };

beforeAll(async () => {
  delete process.env.SHOPDESK_DB;
  delete process.env.SHOPDESK_DEV_SERVER_URL;
  state.fake = createFakeElectron({ userData, locale: 'zh-CN' });
  await import('../../main/electron/main.js');
  state.fake.ready();
  await vi.waitFor(() => expect(state.fake.windows).toHaveLength(1));
});

afterAll(() => {
  restoreProcessListeners();
  Object.assign(process.env, savedEnv);
  state.core?.close();
  fs.rmSync(userData, { recursive: true, force: true });
});

const win = () => state.fake.windows[0]!;
const frame = (url: string, top = true) => ({ sender: win().webContents, senderFrame: { url, parent: top ? null : {} } });

describe('Electron main process wiring (fake Electron)', () => {
  it('opens the database in userData under the lock, sandboxes renderers and logs to userData/logs', () => {
    expect(state.core?.dbPath).toBe(path.join(userData, 'shopdesk.db'));
    expect(fs.existsSync(path.join(userData, 'shopdesk.db.lock'))).toBe(true);
    expect(state.fake.calls.sandbox).toBe(true);
    expect(fs.readFileSync(path.join(userData, 'logs', 'main.log'), 'utf8')).toContain('ShopDesk starting');
  });

  it('creates the window locked down, with the CommonJS preload, showing the built renderer', () => {
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false });
    expect(prefs.preload).toBe(path.join(import.meta.dirname, '..', '..', 'main', 'electron', 'preload.cjs'));
    expect(win().loaded).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('answers IPC from our page through core.dispatch, and refuses any other frame', async () => {
    const invoke = state.fake.ipcHandlers.get(IPC_INVOKE)!;
    const own = win().loaded!;
    await expect(invoke(frame(`${own}#/orders`), 'app.info', {})).resolves.toMatchObject({ ok: true, value: { dbPath: path.join(userData, 'shopdesk.db') } });
    await expect(invoke(frame(own), 'no.such', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    await expect(invoke(frame('https://evil.example/'), 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(invoke(frame(own, false), 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(invoke({ sender: win().webContents, senderFrame: null }, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("gives the window one session as this computer's station, online while the window is open", async () => {
    const invoke = state.fake.ipcHandlers.get(IPC_INVOKE)!;
    const local = state.core!.people.stations.local().id;
    expect(state.core!.people.presence.online().has(local)).toBe(true); // joined at the first call above
    await invoke(frame(win().loaded!), 'app.info', {});
    // Still one connection: a second call reuses the session instead of joining again.
    win().webContents.emit('destroyed');
    expect(state.core!.people.presence.online().has(local)).toBe(false);
  });

  it('forwards core events to the window', () => {
    state.core!.events.emit('orders.changed', { ids: [3] });
    expect(win().webContents.sent).toContainEqual([IPC_EVENT, 'orders.changed', { ids: [3] }]);
  });

  it('sets the CSP header and refuses every permission', () => {
    let headers: unknown;
    state.fake.session.headerHooks[0]!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const answer = vi.fn();
    state.fake.session.permissionRequest!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(state.fake.session.permissionCheck!()).toBe(false);
  });

  it('keeps the window on our page: https opens in the browser, the rest is blocked, no webviews, no popups', () => {
    const wc = win().webContents;
    const nav = (url: string) => {
      const e = { preventDefault: vi.fn() };
      wc.emit('will-navigate', e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(nav(`${win().loaded}#/pack`)).toBe(false);
    expect(nav('https://trade.taobao.com/x')).toBe(true);
    expect(nav('http://example.com/')).toBe(true);
    expect(state.fake.calls.openExternal).toEqual(['https://trade.taobao.com/x']);
    expect(wc.openHandler!({ url: 'https://help.example/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.fake.calls.openExternal).toEqual(['https://trade.taobao.com/x', 'https://help.example/']);
    const webview = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('installs the Chinese menu for a zh-CN system', () => {
    const menu = state.fake.calls.menu as { label: string }[];
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
  });

  it('remembers the window on close and closes the database and lock on quit', () => {
    win().close();
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toMatchObject({ maximized: false });
    state.fake.electron.app.quit();
    expect(state.core!.db.open).toBe(false);
    expect(fs.existsSync(path.join(userData, 'shopdesk.db.lock'))).toBe(false);
  });
});
