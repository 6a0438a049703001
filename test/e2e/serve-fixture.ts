import { test as base } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/main/cli.js');
const URL_RE = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/;

export interface Served {
  /** The link serve printed, token included. */
  url: string;
  /** Same server, no token. */
  origin: string;
  db: string;
  /** Runs the shopdesk CLI on the same database and parses its --json output. */
  cli<T>(...args: string[]): T;
  /** Stops the server (also done at teardown). */
  stop(): Promise<void>;
}

function assertBuilt(): void {
  for (const f of [CLI, path.join(ROOT, 'dist/renderer/index.html')]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: build first (npm run build, or tsc -p tsconfig.main.json and vite build)`);
  }
}

function runCli(db: string, args: string[]): string {
  return execFileSync(process.execPath, [CLI, '--db', db, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Waits for the line with the tokened URL on stdout; fails with serve's stderr if it exits or stays silent. */
function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = URL_RE.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its URL\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Fills a fresh database with demo orders and starts `shopdesk serve` on a free port. With `demo: false` the database
 * is left as a first run finds it: no owner, no shops, no orders (`orders` and `seed` are then unused).
 */
export async function startServe(orders: number, seed: number, opts: { demo?: boolean } = {}): Promise<Served & { dir: string }> {
  assertBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-e2e-'));
  const db = path.join(dir, 'shop.db');
  if (opts.demo !== false) runCli(db, ['demo', '--orders', String(orders), '--seed', String(seed)]);
  // --no-open keeps serve from launching a browser of its own; older builds without the flag never open one.
  const noOpen = runCli(db, ['serve', '--help']).includes('--no-open') ? ['--no-open'] : [];
  const child = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0', ...noOpen], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let url: string;
  try {
    url = await waitForUrl(child, 30_000);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return {
    dir,
    url,
    origin: url.replace(/\/#.*$/, ''),
    db,
    cli: <T>(...args: string[]) => JSON.parse(runCli(db, args)) as T,
    stop: () => stopChild(child),
  };
}

/** One demo shop per worker (3000 orders, seed 7), served for every test in it; killed and removed at the end. */
export const test = base.extend<object, { shop: Served }>({
  shop: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
    async ({}, use) => {
      const served = await startServe(3000, 7);
      try {
        await use(served);
      } finally {
        await served.stop();
        fs.rmSync(served.dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
