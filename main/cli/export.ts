import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { ExportRequest } from '../../shared/contract/exports.js';
import { AppError } from '../../shared/errors.js';
import { runExport } from '../exports/run.js';
import { describeIssues } from '../transport/dispatch.js';
import { withCore, type GlobalOptions } from './context.js';
import { printJson } from './output.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * A day or a moment: "2026-11-25" is local midnight (the CLI speaks the computer's time); anything with a time is
 * read as ISO 8601. `endOfDay` turns a bare date into the next midnight, so --to 2026-11-30 includes the 30th.
 */
export function parseDateOption(name: string, v: string, endOfDay: boolean): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const [y, m, d] = day.slice(1).map(Number) as [number, number, number];
    const t = new Date(y, m - 1, d + (endOfDay ? 1 : 0)).getTime();
    const check = new Date(y, m - 1, d);
    if (check.getFullYear() === y && check.getMonth() === m - 1 && check.getDate() === d) return t;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  throw new AppError('invalid_input', `--${name} must be a date like 2026-11-25 (or an ISO time like 2026-11-25T08:00:00+08:00), got "${v}"`, { field: name });
}

function intList(name: string, vs: string[] | undefined): number[] | undefined {
  return vs?.map((v) => {
    if (!/^\d+$/.test(v)) throw new AppError('invalid_input', `--${name} must be a shop id (a whole number), got "${v}"`, { field: name });
    return Number(v);
  });
}

interface ExportOpts {
  queue: string;
  shop?: string[];
  platform?: string[];
  search?: string;
  sort: string;
  dir: string;
  from?: string;
  to?: string;
  format?: string;
  out: string;
  lang: string;
  timeZone?: string;
  force?: boolean;
  json?: boolean;
}

/** Builds and checks the request with the contract's own schema, so a bad option is named as the app would name it. */
function requestOf(what: string, o: ExportOpts): ReturnType<typeof ExportRequest.parse> {
  const format = o.format ?? (path.extname(o.out).toLowerCase() === '.xlsx' ? 'xlsx' : path.extname(o.out).toLowerCase() === '.csv' ? 'csv' : undefined);
  const common = { format, lang: o.lang, ...(o.timeZone ? { timeZone: o.timeZone } : {}) };
  let raw: unknown;
  if (what === 'orders') {
    raw = { kind: 'orders', view: { queue: o.queue, shopIds: intList('shop', o.shop), platforms: o.platform, search: o.search, sort: { field: o.sort, dir: o.dir } }, ...common };
  } else if (what === 'shipments') {
    if (!o.from || !o.to) throw new AppError('invalid_input', 'shipments need a date range: --from DATE --to DATE', { field: o.from ? 'to' : 'from' });
    raw = { kind: 'shipments', from: parseDateOption('from', o.from, false), to: parseDateOption('to', o.to, true), shopIds: intList('shop', o.shop), ...common };
  } else {
    throw new AppError('invalid_input', `export what? "orders" (the queue view) or "shipments", not "${what}"`, { field: 'what' });
  }
  const parsed = ExportRequest.safeParse(raw);
  if (!parsed.success) {
    const { message, issues } = describeIssues(parsed.error);
    throw new AppError('invalid_input', `export: ${message}`, { issues });
  }
  return parsed.data;
}

export function registerExport(program: Command): void {
  program
    .command('export <what>')
    .description('write the queue (orders, filtered and sorted like the app) or the shipments of a date range to CSV or XLSX')
    .option('--queue <queue>', 'orders: all, pending_audit, review, on_hold, to_print, to_pack, shipped, unpaid, intercepted, cancelled', 'all')
    .option('--shop <id>', 'only this shop (repeatable)', collect)
    .option('--platform <name>', 'orders: only this platform (repeatable)', collect)
    .option('--search <text>', 'orders: order id, buyer, tracking number or SKU (prefix)')
    .option('--sort <field>', 'orders: placedAt | paidAt | total | platformOrderId', 'placedAt')
    .option('--dir <dir>', 'orders: asc | desc', 'desc')
    .option('--from <date>', 'shipments: shipped on or after this day (2026-11-01)')
    .option('--to <date>', 'shipments: shipped on or before this day (2026-11-30)')
    .option('--format <fmt>', 'csv | xlsx (default: from the --out extension)')
    .requiredOption('--out <file>', 'the file to write')
    .option('--lang <lang>', 'column headers: en | zh-CN', 'en')
    .option('--time-zone <zone>', 'zone for the times in the file (default: this computer’s)')
    .option('--force', 'replace --out if it exists')
    .option('--json', 'print {"file","kind","format","rows","bytes","ms"}')
    .action(async (what: string, o: ExportOpts, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const request = requestOf(what, o);
      const out = path.resolve(o.out);
      if (fs.existsSync(out) && !o.force) throw new AppError('conflict', `${out} already exists; choose another --out or add --force`, { file: out });
      // Written beside the target and renamed at the end: a failed or interrupted export never leaves half a file.
      const tmp = `${out}.${process.pid}.partial`;
      const started = Date.now();
      const result = await withCore(g, async (core) => {
        const r = await runExport({
          dbPath: core.dbPath,
          request,
          file: tmp,
          onProgress: (rows, total) => {
            if (!g.json && !o.json && process.stderr.isTTY) process.stderr.write(`\r${rows}/${total} rows`);
          },
        });
        fs.renameSync(tmp, out);
        // Who took which data out, like an export from the app (buyer data leaves the building here).
        const what = request.kind === 'orders' ? { view: request.view } : { from: request.from, to: request.to, shopIds: request.shopIds ?? null };
        core.eventLog.record({ actor: 'cli', entity: 'export', entityId: null, action: 'exported', data: { kind: request.kind, format: request.format, rows: r.rows, file: out, ...what } });
        return r;
      });
      if (!g.json && !o.json && process.stderr.isTTY) process.stderr.write('\n');
      const summary = { file: out, kind: request.kind, format: request.format, rows: result.rows, bytes: result.bytes, ms: Date.now() - started };
      if (g.json || o.json) printJson(summary);
      else process.stdout.write(`exported ${summary.rows} rows to ${out} (${summary.bytes} bytes, ${summary.ms} ms)\n`);
    });
}
