import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataDir } from '../../main/app/paths.js';
import { shellLocations, userDataOverride } from '../../main/electron/locations.js';
import { MESSAGES, isDbErrorCode, pickLang } from '../../main/electron/messages.js';

const mainDir = path.join('/app', 'dist', 'main', 'electron');

describe('shell locations', () => {
  it('puts the database where the CLI looks for it', () => {
    const env = { XDG_CONFIG_HOME: '/home/s/.config', APPDATA: 'C:\\Users\\s\\AppData\\Roaming' };
    const userData = userDataDir(env); // what Electron's userData is for productName "ShopDesk"
    const loc = shellLocations({ mainDir, userData, env, isPackaged: true });
    expect(loc.dbPath).toBe(path.join(userData, 'shopdesk.db'));
    expect(loc.windowStateFile).toBe(path.join(userData, 'window-state.json'));
    expect(loc.preloadFile).toBe(path.join(mainDir, 'preload.cjs'));
    expect(loc.page).toEqual({ kind: 'file', url: 'file:///app/dist/renderer/index.html' });
  });

  it('honours SHOPDESK_DB like the CLI, and SHOPDESK_USER_DATA for tests', () => {
    const loc = shellLocations({ mainDir, userData: '/u', env: { SHOPDESK_DB: '/data/x.db', SHOPDESK_USER_DATA: 'tmp/ud' }, isPackaged: true });
    expect(loc.dbPath).toBe('/data/x.db');
    expect(loc.userDataOverride).toBe(path.resolve('tmp/ud'));
    expect(userDataOverride({ SHOPDESK_USER_DATA: '  ' })).toBeNull();
  });

  it('uses the dev server only in a development run', () => {
    const env = { SHOPDESK_DEV_SERVER_URL: 'http://localhost:5173/' };
    expect(shellLocations({ mainDir, userData: '/u', env, isPackaged: false }).page).toEqual({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(shellLocations({ mainDir, userData: '/u', env, isPackaged: true }).page.kind).toBe('file');
  });
});

describe('dialog messages', () => {
  it('picks Chinese for any zh locale and English otherwise', () => {
    expect(['zh-CN', 'zh-TW', 'zh', 'ZH-hk'].map(pickLang)).toEqual(['zh', 'zh', 'zh', 'zh']);
    expect(['en-US', 'de', '', 'zhx'].map(pickLang)).toEqual(['en', 'en', 'en', 'en']);
  });

  it('has a plain sentence for every database error in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const code of ['db_newer_version', 'db_foreign', 'db_corrupt'] as const) {
        expect(isDbErrorCode(code)).toBe(true);
        expect(MESSAGES[lang].dbError[code].length).toBeGreaterThan(10);
      }
    }
    expect(isDbErrorCode('io_error')).toBe(false);
    expect(Object.keys(MESSAGES.zh).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });
});
