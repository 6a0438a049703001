/**
 * Queue queries over a 1,000,000-order database: first page of filtered, sorted queues, tab counts, search.
 * Budget (issue #2): first page and counts under 50 ms each on a 2-core machine. Prints figures; asserts nothing.
 * The database is generated once (demo generator, ~1M orders) and cached under bench-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../main/core.js';
import { generateDemo } from '../../main/demo/generate.js';
import { measure, printTable, type Figure } from './measure.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const GENERATOR = 'demo-v3'; // bump when the generator or the schema's indexes change
const dir = path.resolve('bench-results');
const dbPath = path.join(dir, `queue-${ORDERS}-${GENERATOR}.db`); // older schemas migrate forward on open

function openOrBuild(): { core: Core; buildMs: number | null } {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(dbPath)) return { core: createCore({ dbPath, log: () => {} }), buildMs: null };
  const tmp = `${dbPath}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const core = createCore({ dbPath: tmp, log: () => {} });
  const started = performance.now();
  generateDemo(core.db, {
    orders: ORDERS,
    seed: 42,
    days: 365,
    onProgress: (done, total) => {
      if (done % 100_000 === 0) process.stderr.write(`  generated ${done}/${total}\n`);
    },
  });
  const buildMs = performance.now() - started;
  core.close();
  fs.renameSync(tmp, dbPath);
  return { core: createCore({ dbPath, log: () => {} }), buildMs };
}

export function runQueueBench(): Figure[] {
  console.log(`\n## Queue queries over ${ORDERS.toLocaleString('en')} orders`);
  const { core, buildMs } = openOrBuild();
  if (buildMs !== null) console.log(`built the database in ${(buildMs / 1000).toFixed(1)} s (${Math.round(ORDERS / (buildMs / 1000))} orders/s through the demo generator)`);
  const q = core.orders.queries;
  const lines = (core.db.prepare('SELECT count(*) AS n FROM order_lines').get() as { n: number }).n;
  console.log(`database: ${dbPath} (${(fs.statSync(dbPath).size / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en')} lines)`);
  const sample = core.db.prepare("SELECT platform_order_id, buyer_nick, tracking_no FROM orders WHERE buyer_nick IS NOT NULL AND tracking_no IS NOT NULL ORDER BY id DESC LIMIT 1").get() as {
    platform_order_id: string;
    buyer_nick: string;
    tracking_no: string;
  };
  const page = { offset: 0, limit: 100 } as const;
  const placedDesc = { field: 'placedAt', dir: 'desc' } as const;
  const figures: Figure[] = [
    measure('counts: all tabs, no filter', 50, () => q.counts({})),
    measure('counts: one shop', 50, () => q.counts({ shopIds: [1] })),
    measure('counts: two platforms', 50, () => q.counts({ platforms: ['taobao', 'douyin'] })),
    measure('first page: pending_audit, newest first', 50, () => q.list({ ...page, queue: 'pending_audit', sort: placedDesc })),
    measure('first page: all, newest first', 50, () => q.list({ ...page, queue: 'all', sort: placedDesc })),
    measure('first page: shipped, one shop, newest first', 50, () => q.list({ ...page, queue: 'shipped', shopIds: [2], sort: placedDesc })),
    measure('first page: shipped, two shops, paid time', 50, () => q.list({ ...page, queue: 'shipped', shopIds: [1, 3], sort: { field: 'paidAt', dir: 'desc' } })),
    measure('first page: shipped, smallest shop, newest first', 50, () => q.list({ ...page, queue: 'shipped', shopIds: [9], sort: placedDesc })),
    measure('first page: all, paid time', 50, () => q.list({ ...page, queue: 'all', sort: { field: 'paidAt', dir: 'desc' } })),
    measure('first page: all, two platforms, newest first', 50, () => q.list({ ...page, queue: 'all', platforms: ['amazon', 'shopify'], sort: placedDesc })),
    measure('first page: to_print, amount ascending', 50, () => q.list({ ...page, queue: 'to_print', sort: { field: 'total', dir: 'asc' } })),
    measure('page at offset 50,000: shipped', 50, () => q.list({ offset: 50_000, limit: 100, queue: 'shipped', sort: placedDesc })),
    measure('search: exact order id', 50, () => q.list({ ...page, queue: 'all', search: sample.platform_order_id, sort: placedDesc })),
    measure('search: tracking number', 50, () => q.list({ ...page, queue: 'all', search: sample.tracking_no, sort: placedDesc })),
    measure('search: buyer nick prefix', 50, () => q.list({ ...page, queue: 'all', search: sample.buyer_nick.slice(0, 3), sort: placedDesc })),
    measure('search: SKU code (~5% of orders), first page', 50, () => q.list({ ...page, queue: 'all', search: 'PILLOW-LATEX', sort: placedDesc })),
    measure('search: SKU code (~5% of orders), tab counts', 50, () => q.counts({ search: 'PILLOW-LATEX' })),
    measure('order detail with lines and history', 50, () => q.get(12345)),
  ];
  printTable(figures);
  core.close();
  return figures;
}
