import { Menu, app, dialog, safeStorage, shell, type BrowserWindow } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { createCore, type Core } from '../core.js';
import { acquireLock, type DbLock } from '../store/lock.js';
import { backupWithDialog, restoreWithDialog, type DataMenuContext } from './backup.js';
import { installFileDialogs } from './file-dialogs.js';
import { bindIpc } from './ipc.js';
import { shellLocations, userDataOverride } from './locations.js';
import { openFileLog, type FileLog } from './log.js';
import { buildMenuTemplate, menuLabels } from './menu.js';
import { MESSAGES, isDbErrorCode, pickLang, type Lang, type Messages } from './messages.js';
import { safeStorageSecretBox, secretStorageProblem } from './secrets.js';
import { guardAllWebContents, hardenSession } from './security.js';
import { createMainWindow, focusWindow } from './window.js';

/**
 * The Electron main process: a thin shell around the same core `shopdesk serve` and the CLI use. Everything here is
 * wiring; the rules it applies live in small files beside it (security-policy, window-state, menu, messages).
 */

// Before anything reads a path: a test (or a second profile) may move all app data elsewhere.
const override = userDataOverride(process.env);
if (override) app.setPath('userData', override);
// Logs next to the data when overridden; else the OS's place (~/Library/Logs/ShopDesk, userData/logs elsewhere).
app.setAppLogsPath(override ? path.join(override, 'logs') : undefined);
app.enableSandbox(); // every renderer, print windows included
if (process.platform === 'win32') app.setAppUserModelId('com.shopdesk.app');

// One ShopDesk per data folder: two processes on one database would fight over it. The lock is per userData.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run(openFileLog(app.getPath('logs')));
}

function run(log: FileLog): void {
  process.on('uncaughtException', (e) => log.error('uncaught exception', e));
  process.on('unhandledRejection', (e) => log.error('unhandled promise rejection', e));
  // A terminal run (npm start) stopped with Ctrl+C still closes the database cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const loc = shellLocations({ mainDir: import.meta.dirname, userData: app.getPath('userData'), env: process.env, isPackaged: app.isPackaged });
  log.info(`ShopDesk starting (Electron ${process.versions.electron}); data ${loc.dbPath}; page ${loc.page.url}`);

  let core: Core | null = null;
  let lock: DbLock | null = null;
  let win: BrowserWindow | null = null;
  const currentWindow = () => win;

  guardAllWebContents(loc.page, log);
  app.on('second-instance', () => {
    if (win) focusWindow(win);
  });
  app.on('before-quit', () => {
    core?.close();
    lock?.release();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const openWindow = () => {
    win = createMainWindow(loc, log);
    win.on('closed', () => (win = null));
  };
  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => {
    if (core && !win) openWindow();
  });

  app
    .whenReady()
    .then(async () => {
      const lang = pickLang(app.getLocale());
      const messages = MESSAGES[lang];
      let opened: Core;
      try {
        // The database lock keeps `shopdesk serve` or a CLI restore off the file while the app has it open.
        fs.mkdirSync(path.dirname(loc.dbPath), { recursive: true }); // the lock file goes beside the database
        lock = acquireLock(loc.dbPath, 'ShopDesk app');
        // Platform credentials are sealed with the OS keychain (safeStorage is usable once the app is ready).
        opened = core = createCore({ dbPath: loc.dbPath, log: (msg) => log.info(msg), secrets: safeStorageSecretBox(safeStorage) });
      } catch (e) {
        log.error(`cannot open the database ${loc.dbPath}`, e);
        lock?.release();
        await showDatabaseError(e, loc.dbPath, messages);
        app.quit();
        return;
      }
      const dbLock = lock;
      log.info(`secret storage: ${secretStorageProblem(safeStorage, process.platform) ?? 'available'}`);
      hardenSession(loc.page, log);
      bindIpc(opened, loc.page, currentWindow, log);
      installFileDialogs(currentWindow);
      installMenu({ core: opened, lock: dbLock, window: currentWindow, messages, log }, lang);
      openWindow();
      opened.startBackground(); // shop polling and write-backs
    })
    .catch((e: unknown) => {
      log.error('startup failed', e);
      app.exit(1);
    });
}

function installMenu(ctx: DataMenuContext, lang: Lang): void {
  const report = (what: string) => (e: unknown) => ctx.log.error(`${what} failed`, e);
  const template = buildMenuTemplate({
    lang,
    platform: process.platform,
    isPackaged: app.isPackaged,
    actions: {
      backup: () => void backupWithDialog(ctx).catch(report('backup')),
      restore: () => void restoreWithDialog(ctx).catch(report('restore')),
      about: () => {
        const opts = { title: menuLabels(lang).about, message: 'ShopDesk', detail: ctx.messages.aboutDetail(ctx.core.version, ctx.core.dbPath), buttons: [ctx.messages.ok] };
        const win = ctx.window();
        void (win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts)).catch(report('about'));
      },
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * The database could not be opened: say why in plain words and leave the file exactly as it is. A newer version's
 * file, another program's file or a damaged file is never migrated, repaired or overwritten here.
 */
async function showDatabaseError(e: unknown, dbPath: string, m: Messages): Promise<void> {
  const code = e instanceof AppError ? e.code : null;
  const message = isDbErrorCode(code) ? m.dbError[code] : code === 'conflict' ? m.dbInUse : m.dbOpenFailed;
  const technical = e instanceof Error ? e.message : String(e);
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: m.dbErrorTitle,
    message,
    detail: `${m.untouched}\n\n${dbPath}\n\n${technical}`,
    buttons: [m.quit, m.showFile],
    defaultId: 0,
    cancelId: 0,
  });
  if (response === 1) shell.showItemInFolder(dbPath);
}
