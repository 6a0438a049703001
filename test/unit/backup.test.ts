import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../main/core.js';
import { generateDemo } from '../../main/demo/generate.js';
import { backupDatabase, restoreDatabase } from '../../main/store/backup.js';
import { acquireLock } from '../../main/store/lock.js';
import { AppError } from '../../shared/errors.js';
import { LATEST_VERSION } from '../../main/store/migrations/index.js';
import { sha256, tmpDir } from '../helpers/tmp.js';

const count = (core: ReturnType<typeof createCore>) => (core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;

async function errorCode(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return 'no error';
}

describe('backup and restore', () => {
  it('backs up while the database is open, and restores it with a safety copy of the current one', async () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'shop.db');
    const core = createCore({ dbPath, log: () => {} });
    generateDemo(core.db, { orders: 500, seed: 2 });
    const backup = await backupDatabase(core.db, path.join(dir, 'backups', 'b1.db'));
    expect(backup.bytes).toBeGreaterThan(0);
    expect(backup.schemaVersion).toBe(LATEST_VERSION);
    // Work goes on after the backup...
    core.db.prepare("DELETE FROM orders WHERE id IN (SELECT id FROM orders LIMIT 100)").run();
    expect(count(core)).toBe(400);
    core.close();

    const result = restoreDatabase(dbPath, backup.file);
    expect(result.safetyCopy).not.toBeNull();
    const restored = createCore({ dbPath, log: () => {} });
    expect(count(restored)).toBe(500);
    restored.close();
    // ...and the state before the restore is still there to go back to.
    const safety = createCore({ dbPath: result.safetyCopy!, log: () => {} });
    expect(count(safety)).toBe(400);
    safety.close();
  });

  it('refuses to overwrite a file, to back up onto itself, and to restore something that is not a ShopDesk backup', async () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'shop.db');
    const core = createCore({ dbPath, log: () => {} });
    fs.writeFileSync(path.join(dir, 'exists.db'), 'x');
    expect(await errorCode(backupDatabase(core.db, path.join(dir, 'exists.db')))).toBe('conflict');
    expect(await errorCode(backupDatabase(core.db, dbPath))).toBe('invalid_input');
    core.close();

    const before = sha256(dbPath);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    expect(await errorCode(() => restoreDatabase(dbPath, path.join(dir, 'notes.txt')))).toBe('db_corrupt');
    expect(await errorCode(() => restoreDatabase(dbPath, path.join(dir, 'nope.db')))).toBe('not_found');
    expect(sha256(dbPath)).toBe(before);
  });

  it('lets one process at a time hold a database, and takes over a lock left by a dead one', () => {
    const dbPath = path.join(tmpDir(), 'shop.db');
    const lock = acquireLock(dbPath, 'test');
    fs.writeFileSync(`${dbPath}.lock`, JSON.stringify({ pid: 1, what: 'shopdesk serve' })); // pid 1 is always alive
    expect(() => acquireLock(dbPath, 'second')).toThrow(/in use by another ShopDesk \(shopdesk serve, pid 1\)/);
    fs.writeFileSync(`${dbPath}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, what: 'crashed' }));
    const taken = acquireLock(dbPath, 'third');
    taken.release();
    lock.release();
    expect(fs.existsSync(`${dbPath}.lock`)).toBe(false);
  });
});
