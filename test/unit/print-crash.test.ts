import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core.js';
import { decodeJob } from '../sim/printer/decode.js';
import { startVirtualPrinter, type VirtualPrinter } from '../sim/printer/virtual-printer.js';
import { buildPrintWorld, mixedLines, openQueue } from '../helpers/print-queue-world.js';
import { tmpDir } from '../helpers/tmp.js';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'test/helpers/print-queue-world.ts');
const RUNS = 20;
const LABELS = 60;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * One run of the child process: it resumes the queue on the database and prints; once it says it started, `arm` is
 * given a kill switch (SIGKILL: no chance to tidy up) to use when it chooses. Resolves with how the run ended.
 */
function runChild(dbPath: string, arm: (kill: () => void) => void): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('started')) {
        armed = true;
        arm(() => child.kill('SIGKILL'));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('idle')) resolve('finished');
      else reject(new Error(`print child exited with ${code ?? signal}: ${err || out}`));
    });
  });
}

/**
 * Labels as the printer received them, by tracking number. A connection cut by the kill may carry part of a label:
 * TSPL prints nothing before PRINT, so a page that does not decode whole is counted apart, by the number it names.
 */
function received(vp: VirtualPrinter): { printed: Map<string, number>; partial: string[] } {
  const printed = new Map<string, number>();
  const partial: string[] = [];
  for (const job of vp.jobs) {
    let pages: ReturnType<typeof decodeJob>['pages'];
    try {
      pages = decodeJob('tspl', job.bytes).pages;
    } catch {
      pages = [];
    }
    const numbers = pages.flatMap((p) => p.barcodes.map((b) => b.content));
    for (const n of numbers) printed.set(n, (printed.get(n) ?? 0) + 1);
    if (!numbers.length) partial.push(/BARCODE [^\r\n]*"(\d{12})"/.exec(job.bytes.toString('latin1'))?.[1] ?? '(no number)');
  }
  return { printed, partial };
}

describe('print queue: killed mid-batch', () => {
  it(`survives ${RUNS} SIGKILLs at random points: nothing lost, nothing printed twice silently, the database intact`, { timeout: 300_000 }, async () => {
    const vp = await startVirtualPrinter();
    cleanup.push(() => vp.close());
    const dbPath = path.join(tmpDir('print-crash-'), 'shop.db');
    const w = await buildPrintWorld(dbPath, { printerAddress: vp.address });
    const ids = w.orders(mixedLines(LABELS, 99));
    await w.queue.stop(); // this process only queues the batch; the children print it
    const { batch } = await w.queue.enqueue('label', { orderIds: ids }, w.who);
    const batchId = batch!.id;
    w.close();

    let seed = 2024;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const endings: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const delay = Math.floor(rand() * (run % 2 ? 120 : 250));
      const ending = await runChild(dbPath, (kill) => {
        // Even runs: a random moment after start (often while the first label is being made). Odd runs: a random
        // moment after the printer took this run's first label, so kills land mid-batch, around sending and sent.
        if (run % 2 === 0) setTimeout(kill, delay);
        else vp.waitForJobs(vp.jobs.length + 1, 60_000).then(() => setTimeout(kill, delay), kill);
      });
      endings.push(ending);
      if (ending === 'finished') break;
    }
    expect(endings.filter((e) => e === 'killed').length).toBeGreaterThanOrEqual(5);
    const byChildren = vp.jobs.length;
    expect(byChildren).toBeGreaterThanOrEqual(10); // every other kill fell while labels were printing

    // A fresh queue after the last kill: whatever was left is printed.
    const core = createCore({ dbPath, log: () => {} });
    cleanup.push(() => core.close());
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const queue = openQueue(core);
    queue.start();
    await queue.runner.idle();

    const jobs = queue.jobs({ batchId, undecided: false, offset: 0, limit: 500 }).rows;
    expect(jobs).toHaveLength(LABELS);
    expect(queue.batch(batchId)).toMatchObject({ state: 'done', done: LABELS });
    expect(jobs.every((j) => j.state === 'sent' || j.state === 'uncertain')).toBe(true);
    const uncertain = new Set(jobs.filter((j) => j.state === 'uncertain').map((j) => j.trackingNo!));
    const numbers = jobs.map((j) => j.trackingNo!);
    expect(new Set(numbers).size).toBe(LABELS);

    // The printer's count against the job states: a job marked sent printed exactly once; an uncertain one at most once.
    const before = received(vp);
    for (const n of numbers) {
      const count = before.printed.get(n) ?? 0;
      if (uncertain.has(n)) expect(count, `uncertain ${n}`).toBeLessThanOrEqual(1);
      else expect(count, `sent ${n}`).toBe(1);
    }
    expect([...before.printed.keys()].every((n) => numbers.includes(n))).toBe(true);
    for (const n of before.partial) expect(uncertain.has(n), `a cut-off label (${n}) belongs to an uncertain job`).toBe(true);

    // The packer looks at the printer for each uncertain job: there → mark printed; not there → reprint.
    const who = { actor: 'operator:Li Packer', operatorId: null, stationId: null };
    for (const j of jobs.filter((x) => x.state === 'uncertain')) {
      await queue.resolve(j.id, (before.printed.get(j.trackingNo!) ?? 0) > 0 ? 'markPrinted' : 'reprint', 'checked the tray', who);
    }
    await queue.runner.idle();
    const after = received(vp);
    for (const n of numbers) expect(after.printed.get(n), n).toBe(1); // every label at least once — and here exactly once
    const twice = [...after.printed].filter(([, c]) => c > 1).map(([n]) => n);
    expect(twice.every((n) => uncertain.has(n))).toBe(true);

    expect(core.db.prepare("SELECT count(*) AS n FROM orders WHERE id IN (SELECT value FROM json_each(?)) AND workflow = 'printed'").get(JSON.stringify(ids))).toEqual({ n: LABELS });
    expect(core.db.prepare("SELECT count(*) AS n FROM waybills WHERE state = 'printed'").get()).toEqual({ n: LABELS });
    expect(core.db.prepare("SELECT count(*) AS n FROM print_jobs WHERE state IN ('queued','sending')").get()).toEqual({ n: 0 });
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
    console.log(`print crash test: ${endings.length} runs (${endings.filter((e) => e === 'killed').length} killed), ${byChildren} label(s) sent by the children, ${uncertain.size} uncertain job(s), ${before.partial.length} cut-off label(s)`);
  });
});
