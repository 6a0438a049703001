import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';

export interface DbLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One long-running writer per database file (the app, `serve`, a restore). SQLite would cope with two, but two apps
 * auditing and printing the same orders would not. A lock left by a crashed process (dead pid) is taken over.
 */
export function acquireLock(dbFile: string, what: string): DbLock {
  const file = `${dbFile}.lock`;
  // On a new machine the app data folder does not exist yet: the lock is the first thing written there.
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, what, since: Date.now() }), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; what?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // unreadable lock: treat as stale
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new AppError('conflict', `${dbFile} is in use by another ShopDesk (${holder.what ?? 'process'}, pid ${holder.pid}); close it first`, {
          file: dbFile,
          pid: holder.pid,
        });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('conflict', `could not lock ${dbFile}`, { file: dbFile });
}
