import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { inspectDatabase, openDatabase, toDbError, type DB } from './db.js';

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
}

export function timestampName(prefix: string, at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${prefix}-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}.db`;
}

/** Online backup through SQLite's backup API: consistent while the app keeps working. Refuses to overwrite. */
export async function backupDatabase(db: DB, dest: string): Promise<BackupResult> {
  const target = path.resolve(dest);
  if (path.resolve(db.name) === target) throw new AppError('invalid_input', 'the backup file cannot be the live database itself', { file: dest });
  if (fs.existsSync(target)) throw new AppError('conflict', `${dest} already exists; choose a new file name`, { file: dest });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    await db.backup(tmp);
    const check = verifyBackup(tmp);
    fs.renameSync(tmp, target);
    return { file: target, bytes: fs.statSync(target).size, schemaVersion: check.version };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw toDbError(e, dest);
  }
}

/** A backup must be a ShopDesk database we can read, and whole. */
export function verifyBackup(file: string): { version: number } {
  if (!fs.existsSync(file)) throw new AppError('not_found', `${file} does not exist`, { file });
  const found = inspectDatabase(file);
  if (found.fresh) throw new AppError('db_foreign', `${file} is empty, not a ShopDesk backup`, { file });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new AppError('db_corrupt', `${file} failed its integrity check: ${String(result)}`, { file });
  } catch (e) {
    throw toDbError(e, file);
  } finally {
    db.close();
  }
  return { version: found.version };
}

export interface RestoreResult {
  restored: string;
  from: string;
  safetyCopy: string | null;
  schemaVersion: number;
}

/**
 * Replaces the database at `dbFile` with the backup `source`. Checked first (ours, readable, not newer); the current
 * database is kept as a safety copy; the swap is a rename, so a crash leaves either the old or the new file.
 * The caller must hold the database lock and have closed its own connection.
 */
export function restoreDatabase(dbFile: string, source: string): RestoreResult {
  verifyBackup(source);
  let safetyCopy: string | null = null;
  if (fs.existsSync(dbFile) && fs.statSync(dbFile).size > 0) {
    safetyCopy = `${dbFile}.${timestampName('before-restore').replace(/\.db$/, '')}.bak`;
    const cur = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      cur.exec(`VACUUM INTO '${safetyCopy.replaceAll("'", "''")}'`);
    } finally {
      cur.close();
    }
  }
  const tmp = `${dbFile}.restoring`;
  fs.copyFileSync(source, tmp);
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // The old WAL belongs to the old file; left beside the new one it would be replayed into it.
  for (const ext of ['-wal', '-shm']) fs.rmSync(dbFile + ext, { force: true });
  fs.renameSync(tmp, dbFile);
  const db = openDatabase(dbFile); // migrates an older backup forward
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  db.close();
  return { restored: path.resolve(dbFile), from: path.resolve(source), safetyCopy, schemaVersion };
}
