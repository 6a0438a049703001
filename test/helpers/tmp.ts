import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { generateDemo } from '../../main/demo/generate.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the file's tests. */
export function tmpDir(prefix = 'shopdesk-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A core over a new database filled with deterministic demo data; outputs are checked against the contract. */
export function demoCore(orders = 2000, seed = 7): Core {
  const core = createCore({ dbPath: path.join(tmpDir(), 'shop.db'), checkOutputs: true, log: () => {} });
  generateDemo(core.db, { orders, seed, now: Date.UTC(2026, 10, 25, 4, 0, 0) });
  return core;
}

/** A trusted caller (like the CLI): permission checks are tested with real sessions in people.test.ts. */
export const TEST_CTX = { origin: 'test', session: { stationId: null, operatorId: null, trusted: true } };
