import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { MESSAGES } from '../../main/electron/messages.js';
import { createFakeElectron, keepProcessListeners } from '../electron/fake-electron.js';

// main.ts (under a fake Electron) finding another program's SQLite file where its database should be.
const state = vi.hoisted(() => ({ fake: null as unknown as ReturnType<typeof createFakeElectron> }));
vi.mock('electron', () => state.fake.electron);

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-main-err-'));
const restoreProcessListeners = keepProcessListeners();
afterAll(() => {
  restoreProcessListeners();
  fs.rmSync(userData, { recursive: true, force: true });
});

const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

it('says in plain Chinese that the file is not ShopDesk data, quits, and leaves the file untouched', async () => {
  const dbFile = path.join(userData, 'shopdesk.db');
  const other = new Database(dbFile);
  other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)');
  other.close();
  const before = hash(dbFile);

  const saved = process.env.SHOPDESK_DB;
  delete process.env.SHOPDESK_DB;
  state.fake = createFakeElectron({ userData, locale: 'zh-CN' });
  await import('../../main/electron/main.js');
  state.fake.ready();
  await vi.waitFor(() => expect(state.fake.calls.quit).toBe(1));
  if (saved !== undefined) process.env.SHOPDESK_DB = saved;

  expect(state.fake.dialogs).toHaveLength(1);
  expect(state.fake.dialogs[0]).toMatchObject({ type: 'error', title: MESSAGES.zh.dbErrorTitle, message: MESSAGES.zh.dbError.db_foreign });
  expect(String(state.fake.dialogs[0]?.detail)).toContain(MESSAGES.zh.untouched);
  expect(state.fake.windows).toHaveLength(0);
  expect(hash(dbFile)).toBe(before);
  expect(fs.readdirSync(userData).sort()).toEqual(['logs', 'shopdesk.db']); // no lock, WAL or backup left behind
});
