import type { Command } from 'commander';
import fs from 'node:fs';
import type { GenericMapping, ImportFormat, ImportResult } from '../../shared/contract/imports.js';
import { AppError } from '../../shared/errors.js';
import { minorToDecimal } from '../../shared/domain/money.js';
import { cliContext, withCore, type GlobalOptions } from './context.js';
import { intOption } from './options.js';
import { printJson, printTable, unwrap } from './output.js';

interface ImportOptions {
  format?: string;
  shop?: string;
  dryRun?: boolean;
  mapping?: string;
  preset?: string;
  json?: boolean;
}

function readMapping(file: string): GenericMapping {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as GenericMapping;
  } catch (e) {
    throw new AppError('invalid_input', `cannot read the mapping ${file}: ${(e as Error).message}; it is JSON like {"columns": {"orderId": "单号", "placedAt": "日期", "qty": "数量", "title": "货品", "unitPrice": "单价"}}`, { file });
  }
}

function printPreview(r: ImportResult): void {
  for (const f of r.files) process.stdout.write(`${f.name}: ${f.format}, ${f.encoding}, ${f.rows} rows\n`);
  const c = r.counts;
  process.stdout.write(`orders: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.invalid} invalid\n`);
  if (r.errors.length) {
    printTable(['FILE', 'ROW', 'COLUMN', 'PROBLEM'], r.errors.slice(0, 50).map((e) => [e.file, e.row, e.column, (e.severity === 'warning' ? 'warning: ' : '') + e.message]));
    if (r.errorsTotal > 50) process.stdout.write(`… ${r.errorsTotal - 50} more (use --json for the first ${r.errors.length})\n`);
  }
  if (r.sample.length) {
    printTable(['ORDER', 'STATUS', 'ITEMS', 'TOTAL', 'WILL BE'], r.sample.slice(0, 10).map((s) => [s.platformOrderId, s.platformStatus, s.skuSummary, `${minorToDecimal(s.totalMinor, s.currency)} ${s.currency}`, s.outcome]));
  }
}

/**
 * `shopdesk import FILE [FILE2]`: a dry run (what would be new, updated, unchanged, invalid, and why), then the
 * commit unless --dry-run. A second file is a Taobao item report joined to its order report.
 */
export function registerImport(program: Command): void {
  program
    .command('import <files...>')
    .description('import order export files (Taobao, Douyin, Pinduoduo, Amazon, Shopify, or any CSV/XLSX with --mapping)')
    .option('--format <name>', 'skip detection: taobao-orders | taobao-items | douyin-orders | pinduoduo-orders | amazon-all-orders | amazon-unshipped | shopify-orders | generic')
    .option('--shop <id>', 'the shop the orders belong to (needed when several shops fit)')
    .option('--dry-run', 'only check: show what would change, store nothing')
    .option('--mapping <file>', 'generic CSV/XLSX: JSON column mapping {"columns": {field: header}, "currency"?, "utcOffsetMinutes"?}')
    .option('--preset <id>', 'generic CSV/XLSX: a saved mapping preset')
    .option('--json', 'print {"preview": ImportResult, "commit": {jobId, counts, changed} | null}')
    .action(async (files: string[], o: ImportOptions, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const json = Boolean(g.json || o.json);
      await withCore(g, async (core) => {
        const ctx = cliContext(core);
        const uploads = files.map((f) => core.imports.registerLocalFile(f));
        const unsubscribe = core.events.subscribe((name, payload) => {
          if (name !== 'imports.progress' || json || !process.stderr.isTTY) return;
          const p = payload as { phase: string; rows: number; bytes: number; totalBytes: number };
          process.stderr.write(`\r${p.phase}: ${p.rows} rows, ${Math.round((p.bytes / Math.max(1, p.totalBytes)) * 100)}%   `);
        });
        try {
          const input = {
            files: uploads.map((u) => ({ uploadId: u.uploadId, ...(o.format ? { format: o.format as ImportFormat } : {}) })),
            ...(o.shop ? { shopId: intOption('shop', o.shop, 1, Number.MAX_SAFE_INTEGER) } : {}),
            ...(o.mapping ? { mapping: readMapping(o.mapping) } : {}),
            ...(o.preset ? { presetId: intOption('preset', o.preset, 1, Number.MAX_SAFE_INTEGER) } : {}),
          };
          const { jobId } = unwrap(await core.dispatch('imports.preview', input, ctx)) as { jobId: string };
          const preview = await core.imports.settled(jobId);
          if (!json && process.stderr.isTTY) process.stderr.write('\n');
          if (preview.state === 'failed' && preview.failure) throw new AppError(preview.failure.code as AppError['code'], preview.failure.message, preview.failure.details);
          const commit = o.dryRun ? null : (unwrap(await core.dispatch('imports.commit', { jobId }, ctx)) as { jobId: string; counts: ImportResult['counts']; changed: number });
          if (o.dryRun) await core.dispatch('imports.cancel', { jobId }, ctx);
          if (json) return printJson({ preview, commit });
          printPreview(preview);
          if (commit) {
            const c = commit.counts;
            process.stdout.write(`stored: ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged; ${c.invalid} invalid not imported\n`);
          } else process.stdout.write('dry run: nothing was stored\n');
        } finally {
          unsubscribe();
        }
      });
    });
}
