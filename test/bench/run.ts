/**
 * `npm run bench`: every benchmark, printing figures (budgets are shown beside them, not asserted: the place for
 * pass/fail is BENCHMARKS.md and the issue notes, not a timed test). Exit code is always 0 unless a bench crashes.
 */
import os from 'node:os';
import { runAuditBench } from './audit.bench.js';
import { runImportBench } from './import.bench.js';
import { runIngestBench } from './ingest.bench.js';
import { runLabelsBench, LABELS_BUDGET } from './labels.bench.js';
import { runLatencyBench } from './latency.bench.js';
import { runQueueBench } from './queue.bench.js';

console.log(`# ShopDesk benchmarks — ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=ingest
const over: string[] = [];
if (!only || only === 'ingest') {
  const ingest = await runIngestBench();
  if (ingest.ordersPerMin < 1_000_000) over.push('ingest orders/min');
}
const figures = !only || only === 'queue' ? runQueueBench() : [];
over.push(...figures.filter((f) => f.p95Ms > f.budgetMs).map((f) => f.name));
if (!only || only === 'latency') await runLatencyBench();
if (!only || only === 'import') over.push(...(await runImportBench()).filter((f) => f.previewRowsPerSec < 50_000).map((f) => `import ${f.name}`));
if (!only || only === 'audit') {
  const audit = await runAuditBench();
  if (audit.seconds >= 5) over.push('audit of 100,000 orders');
}
if (!only || only === 'labels') over.push(...runLabelsBench().filter((f) => f.labelsPerSec < LABELS_BUDGET).map((f) => `labels ${f.name}`));
console.log(over.length ? `\n${over.length} figure(s) over budget: ${over.join('; ')}` : '\nall figures within budget');
console.log(`main-process memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
