import type { Command } from 'commander';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { generateDemo } from '../demo/generate.js';
import { backupDatabase, restoreDatabase, timestampName } from '../store/backup.js';
import { acquireLock } from '../store/lock.js';
import { dbPathFrom, withCore, type GlobalOptions } from './context.js';
import { intOption } from './options.js';
import { printJson } from './output.js';

export function registerData(program: Command): void {
  program
    .command('demo')
    .description('fill an empty database with a realistic generated data set (shops, SKUs, stock, orders in all states)')
    .option('--orders <n>', 'how many orders', '5000')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '1')
    .option('--days <n>', 'spread orders over this many days', '30')
    .option('--json', 'print a JSON summary')
    .action(async (o: { orders: string; seed: string; days: string; json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const orders = intOption('orders', o.orders, 1, 5_000_000);
      const seed = intOption('seed', o.seed, 1, 2 ** 31);
      const days = intOption('days', o.days, 1, 3650);
      const lock = acquireLock(dbPathFrom(g), 'shopdesk demo');
      try {
        const summary = await withCore(g, (core) => {
          const shops = (core.db.prepare('SELECT count(*) AS n FROM shops').get() as { n: number }).n;
          if (shops > 0) {
            throw new AppError('conflict', `${core.dbPath} already has data; demo only fills an empty database (use --db with a new file)`, { file: core.dbPath });
          }
          const started = Date.now();
          const s = generateDemo(core.db, {
            orders,
            seed,
            days,
            onProgress: (done, total) => {
              if (!g.json && process.stderr.isTTY) process.stderr.write(`\r${done}/${total} orders`);
            },
          });
          if (!g.json && process.stderr.isTTY) process.stderr.write('\n');
          return { ...s, db: core.dbPath, ms: Date.now() - started };
        });
        if (g.json || o.json) printJson(summary);
        else process.stdout.write(`demo data: ${summary.shops} shops, ${summary.skus} SKUs, ${summary.orders} orders, ${summary.lines} lines in ${summary.ms} ms → ${summary.db}\n`);
      } finally {
        lock.release();
      }
    });

  program
    .command('backup [file]')
    .description('copy the database while it may be in use (default: backups/ beside the database)')
    .option('--json', 'print {"file","bytes","schemaVersion"}')
    .action(async (file: string | undefined, o: { json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const dbPath = dbPathFrom(g);
      const dest = file ?? path.join(path.dirname(dbPath), 'backups', timestampName('shopdesk'));
      const result = await withCore(g, (core) => backupDatabase(core.db, dest));
      if (g.json || o.json) printJson(result);
      else process.stdout.write(`backup written: ${result.file} (${result.bytes} bytes)\n`);
    });

  program
    .command('restore <file>')
    .description('replace the database with a backup (the current one is kept as a safety copy)')
    .option('--json', 'print {"restored","from","safetyCopy","schemaVersion"}')
    .action((file: string, o: { json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const dbPath = dbPathFrom(g);
      const lock = acquireLock(dbPath, 'shopdesk restore');
      try {
        const result = restoreDatabase(dbPath, path.resolve(file));
        if (g.json || o.json) printJson(result);
        else process.stdout.write(`restored ${result.restored} from ${result.from}${result.safetyCopy ? `; the previous database is kept at ${result.safetyCopy}` : ''}\n`);
      } finally {
        lock.release();
      }
    });
}
