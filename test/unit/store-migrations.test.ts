import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, migrate, openDatabase } from '../../main/store/db.js';
import { LATEST_VERSION, MIGRATIONS } from '../../main/store/migrations/index.js';
import { AppError } from '../../shared/errors.js';
import { sha256, tmpDir } from '../helpers/tmp.js';

/** The schema as SQLite stores it, normalized for comparison. */
function schemaOf(db: Database.Database): string[] {
  return (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[]).map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`);
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : `non-app error: ${String(e)}`;
  }
  return 'no error';
}

describe('store: open and migrate', () => {
  it('creates a fresh database with WAL, foreign keys, STRICT tables and our application id', () => {
    const file = path.join(tmpDir(), 'new.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    const names = tables.map((t) => t.name);
    for (const t of ['shops', 'orders', 'order_lines', 'order_raw', 'skus', 'platform_skus', 'warehouses', 'stock', 'events', 'order_flags', 'schema_migrations']) {
      expect(names).toContain(t);
    }
    for (const t of tables) expect(t.sql, `${t.name} must be STRICT`).toMatch(/\)\s*STRICT/);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('migrating from every earlier version gives the same schema as a fresh install', () => {
    const dir = tmpDir();
    const fresh = openDatabase(path.join(dir, 'fresh.db'));
    const expected = schemaOf(fresh);
    fresh.close();
    for (let from = 1; from <= LATEST_VERSION; from++) {
      const file = path.join(dir, `from-${from}.db`);
      const old = new Database(file);
      migrate(old, from); // a database as version `from` left it
      expect(old.pragma('user_version', { simple: true })).toBe(from);
      old.close();
      const db = openDatabase(file);
      expect(schemaOf(db), `upgrade from v${from}`).toEqual(expected);
      db.close();
    }
  });

  it('re-opening is a no-op: migrations are not applied twice', () => {
    const file = path.join(tmpDir(), 'twice.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = path.join(tmpDir(), 'newer.db');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha256(file);
    expect(codeOf(() => openDatabase(file))).toBe('db_newer_version');
    expect(sha256(file)).toBe(before);
  });

  it("refuses another program's SQLite database and leaves it untouched", () => {
    const file = path.join(tmpDir(), 'foreign.db');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'keep me\')');
    db.close();
    const before = sha256(file);
    expect(codeOf(() => openDatabase(file))).toBe('db_foreign');
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database, and a damaged database, without changing either', () => {
    const dir = tmpDir();
    const text = path.join(dir, 'orders.csv');
    fs.writeFileSync(text, 'order_id,buyer\n1,Li Lei\n');
    expect(codeOf(() => openDatabase(text))).toBe('db_corrupt');
    expect(fs.readFileSync(text, 'utf8')).toBe('order_id,buyer\n1,Li Lei\n');

    const good = path.join(dir, 'good.db');
    const db = openDatabase(good);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const damaged = path.join(dir, 'damaged.db');
    const bytes = fs.readFileSync(good);
    bytes.fill(0xa5, 100, 4096); // keep the magic header, destroy page 1's schema
    fs.writeFileSync(damaged, bytes);
    const before = sha256(damaged);
    expect(codeOf(() => openDatabase(damaged))).toBe('db_corrupt');
    expect(sha256(damaged)).toBe(before);
  });

  it('refuses a database whose migration history differs from ours', () => {
    const file = path.join(tmpDir(), 'fork.db');
    const db = openDatabase(file);
    db.prepare('UPDATE schema_migrations SET name = ? WHERE version = 1').run('someone-elses-initial');
    db.close();
    expect(codeOf(() => openDatabase(file))).toBe('db_foreign');
  });

  it('enforces the order key, line counters and money columns at the database level', () => {
    const db = openDatabase(path.join(tmpDir(), 'rules.db'));
    const now = Date.now();
    db.prepare("INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (1, 'taobao', 'S', 'CNY', ?, ?)").run(now, now);
    const ins = db.prepare(`INSERT INTO orders (shop_id, platform, platform_order_id, platform_status, platform_state, payment, queue, currency,
      goods_minor, total_minor, placed_at, created_at, updated_at) VALUES (1, 'taobao', ?, 'X', 'to_ship', 'paid', 'pending_audit', 'CNY', 100, 100, ?, ?, ?)`);
    ins.run('A1', now, now, now);
    expect(() => ins.run('A1', now, now, now)).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO order_lines (order_id, line_no, title, qty, unit_price_minor, qty_shipped) VALUES (1, 1, 't', 2, 50, 3)").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE orders SET total_minor = '12.50' WHERE id = 1").run()).toThrow(/cannot store (TEXT|REAL) value in INTEGER column/);
    db.close();
  });
});
