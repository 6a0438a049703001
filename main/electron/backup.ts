import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { Core } from '../core.js';
import { backupDatabase, restoreDatabase, timestampName, verifyBackup } from '../store/backup.js';
import type { DbLock } from '../store/lock.js';
import type { FileLog } from './log.js';
import { isDbErrorCode, type Messages } from './messages.js';

/** File → Back Up / Restore: the native dialogs around main/store/backup.ts, which does the work. */
export interface DataMenuContext {
  core: Core;
  lock: DbLock;
  window: () => BrowserWindow | null;
  messages: Messages;
  log: FileLog;
}

function box(ctx: DataMenuContext, opts: MessageBoxOptions) {
  const win = ctx.window();
  return win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts);
}

function reason(e: unknown, m: Messages): string {
  if (e instanceof AppError && isDbErrorCode(e.code)) return `${m.dbError[e.code]}\n\n${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** SQLite's online backup: the app keeps working while it copies. */
export async function backupWithDialog(ctx: DataMenuContext): Promise<void> {
  const m = ctx.messages;
  const win = ctx.window();
  const opts = {
    title: m.backupTitle,
    defaultPath: path.join(app.getPath('documents'), timestampName('ShopDesk-backup')),
    filters: [{ name: m.dbFileFilter, extensions: ['db'] }],
  };
  const choice = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  if (choice.canceled || !choice.filePath) return;
  const target = path.resolve(choice.filePath);
  const fresh = `${target}.${process.pid}.new`;
  try {
    if (target === path.resolve(ctx.core.dbPath)) throw new AppError('invalid_input', 'the backup file cannot be the live database itself');
    // backupDatabase never overwrites; the save dialog has already asked the seller about replacing a file, so
    // write beside it and rename over it only once the copy is complete and verified.
    fs.rmSync(fresh, { force: true });
    await backupDatabase(ctx.core.db, fresh);
    fs.renameSync(fresh, target);
    ctx.log.info(`backup written to ${target}`);
    await box(ctx, { type: 'info', title: m.backupTitle, message: m.backupDone(target), buttons: [m.ok] });
  } catch (e) {
    fs.rmSync(fresh, { force: true });
    ctx.log.error(`backup to ${target} failed`, e);
    await box(ctx, { type: 'error', title: m.backupTitle, message: m.backupFailed, detail: reason(e, m), buttons: [m.ok] });
  }
}

/**
 * Check the chosen file, ask, then restore with the database closed (restoreDatabase keeps a safety copy and swaps
 * by rename) and restart, so every part of the app starts again from the restored data.
 */
export async function restoreWithDialog(ctx: DataMenuContext): Promise<void> {
  const m = ctx.messages;
  const win = ctx.window();
  const opts = {
    title: m.restoreTitle,
    defaultPath: app.getPath('documents'),
    properties: ['openFile' as const],
    filters: [{ name: m.dbFileFilter, extensions: ['db', 'bak', 'sqlite'] }],
  };
  const choice = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return;

  try {
    verifyBackup(file);
  } catch (e) {
    await box(ctx, { type: 'error', title: m.restoreTitle, message: m.restoreRefused, detail: reason(e, m), buttons: [m.ok] });
    return;
  }
  const answer = await box(ctx, {
    type: 'warning',
    title: m.restoreTitle,
    message: m.restoreConfirm(path.basename(file)),
    detail: m.restoreDetail,
    buttons: [m.restoreButton, m.cancel],
    defaultId: 1,
    cancelId: 1,
  });
  if (answer.response !== 0) return;

  ctx.core.close(); // the lock stays held: no `serve` can open the file mid-swap
  try {
    const result = restoreDatabase(ctx.core.dbPath, file);
    ctx.log.info(`database restored from ${file}; previous data kept at ${result.safetyCopy ?? '(none)'}`);
    await box(ctx, { type: 'info', title: m.restoreTitle, message: m.restoreDone(result.safetyCopy), buttons: [m.ok] });
  } catch (e) {
    // The swap is a rename: on failure the previous database is still in place. The core is closed, so restart anyway.
    ctx.log.error(`restore from ${file} failed`, e);
    await box(ctx, { type: 'error', title: m.restoreTitle, message: m.restoreFailed, detail: reason(e, m), buttons: [m.ok] });
  }
  ctx.lock.release(); // before the new instance starts and takes it
  app.relaunch();
  app.exit(0);
}
