import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderDetail, OrderRow } from '../../shared/domain/order.js';
import { LATEST_VERSION } from '../../main/store/migrations/index.js';
import { sha256, tmpDir } from '../helpers/tmp.js';

/** Runs the real `shopdesk` command from source (tsx), as a user would from a terminal. */
function shopdesk(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, SHOPDESK_DB: '' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let db: string;
beforeAll(() => {
  db = path.join(tmpDir(), 'cli.db');
  const r = shopdesk('--db', db, 'demo', '--orders', '800', '--seed', '9', '--json');
  expect(r.code, r.stderr).toBe(0);
});

describe('shopdesk CLI', () => {
  it('demo fills a database and reports what it made', () => {
    const other = path.join(tmpDir(), 'd.db');
    const r = shopdesk('--db', other, 'demo', '--orders', '120', '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ shops: 9, skus: 24, warehouses: 2, orders: 120, db: other });
    // Demo never pours fake orders into a database that has data.
    const again = shopdesk('--db', other, 'demo', '--orders', '10', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('conflict');
  });

  it('starts on a new machine: the app data folder is created on first use', () => {
    const fresh = path.join(tmpDir(), 'not', 'there', 'yet', 'shop.db');
    const r = shopdesk('--db', fresh, 'demo', '--orders', '10', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(`${fresh}.lock`)).toBe(false); // released when done
  });

  it('orders list --json prints {rows, total} in the documented shape', () => {
    const r = shopdesk('--db', db, 'orders', 'list', '--status', 'to_print', '--limit', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: unknown[]; total: number };
    expect(Object.keys(out).sort()).toEqual(['rows', 'total']);
    expect(out.rows.length).toBeLessThanOrEqual(5);
    expect(out.total).toBeGreaterThan(0);
    for (const row of out.rows) expect(OrderRow.strict().safeParse(row).success).toBe(true);
    expect(out.rows.every((x) => (x as { queue: string }).queue === 'to_print')).toBe(true);
  });

  it('orders counts --json agrees with the totals of orders list', () => {
    const r = shopdesk('--db', db, 'orders', 'counts', '--platform', 'taobao', '--json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as { all: number; byQueue: Record<string, number> };
    const list = JSON.parse(shopdesk('--db', db, 'orders', 'list', '--status', 'shipped', '--platform', 'taobao', '--limit', '1', '--json').stdout) as { total: number };
    expect(c.byQueue.shipped).toBe(list.total);
    expect(c.all).toBe(Object.values(c.byQueue).reduce((a, b) => a + b, 0));
  });

  it('orders show --json prints the whole order', () => {
    const list = JSON.parse(shopdesk('--db', db, 'orders', 'list', '--limit', '1', '--json').stdout) as { rows: { id: number }[] };
    const id = list.rows[0]!.id;
    const r = shopdesk('--db', db, 'orders', 'show', String(id), '--json');
    expect(r.code, r.stderr).toBe(0);
    const d = OrderDetail.strict().parse(JSON.parse(r.stdout));
    expect(d.id).toBe(id);
    expect(d.lines.length).toBeGreaterThan(0);
  });

  it('bad input exits 2 with an error that names the problem', () => {
    const r = shopdesk('--db', db, 'orders', 'list', '--status', 'lost', '--limit', 'ten', '--json');
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stderr).error;
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/queue/);
    expect(err.message).toMatch(/limit/);
    const missing = shopdesk('--db', db, 'orders', 'show', '99999999');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/order 99999999 does not exist \[not_found\]/);
  });

  it('refuses a foreign database by name and leaves it as it was', () => {
    const dir = tmpDir();
    const foreign = path.join(dir, 'notes.sqlite');
    fs.copyFileSync(db, foreign);
    const f = new Database(foreign);
    f.pragma('application_id = 42');
    f.pragma('wal_checkpoint(TRUNCATE)');
    f.close();
    const before = sha256(foreign);
    const r = shopdesk('--db', foreign, 'orders', 'list', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error.code).toBe('db_foreign');
    expect(sha256(foreign)).toBe(before);
  });

  it('backup then restore round-trips through the CLI', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'b.db');
    const b = shopdesk('--db', db, 'backup', file, '--json');
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ file, schemaVersion: LATEST_VERSION });
    const target = path.join(dir, 'restored.db');
    const r = shopdesk('--db', target, 'restore', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ restored: target, safetyCopy: null });
    const list = JSON.parse(shopdesk('--db', target, 'orders', 'list', '--json').stdout) as { total: number };
    expect(list.total).toBe(800);
  });
});
