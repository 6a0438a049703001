import type { Command } from 'commander';
import fs from 'node:fs';
import { PLATFORMS, type Platform } from '../../shared/domain/ids.js';
import { AppError } from '../../shared/errors.js';
import type { ShopInfo } from '../../shared/domain/shop.js';
import { acquireLock } from '../store/lock.js';
import { cliContext, dbPathFrom, withCore, type GlobalOptions } from './context.js';
import { intOption } from './options.js';
import { printJson, printTable, unwrap } from './output.js';

function readCredentials(file: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError('not_found', `cannot read the credentials file ${file}: ${(e as Error).message}`, { file });
  }
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    throw new AppError('invalid_input', `${file} is not JSON; it should hold the platform's keys, e.g. {"shopDomain": "…", "accessToken": "…"}`, { file });
  }
}

export function registerShops(program: Command): void {
  const shops = program.command('shops').description('the shops ShopDesk syncs');
  shops
    .command('add')
    .description('add a shop; credentials come from a JSON file and are stored encrypted')
    .requiredOption('--platform <name>', PLATFORMS.join(' | '))
    .requiredOption('--name <name>', 'the shop’s name as you call it')
    .option('--credentials <file>', 'JSON file with the platform’s keys (see README)')
    .option('--base-url <url>', 'replace scheme and host of every platform endpoint (testing against a simulator)')
    .option('--currency <code>', 'the shop’s currency (default CNY for Chinese platforms, USD otherwise)')
    .option('--json', 'print the shop as JSON')
    .action(async (o: { platform: string; name: string; credentials?: string; baseUrl?: string; currency?: string; json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const input = {
        platform: o.platform as Platform,
        name: o.name,
        credentials: o.credentials ? readCredentials(o.credentials) : undefined,
        baseUrl: o.baseUrl,
        currency: o.currency,
      };
      const shop = await withCore(g, async (core) => unwrap(await core.dispatch('shops.add', input, cliContext(core))) as ShopInfo);
      if (g.json || o.json) return printJson(shop);
      process.stdout.write(`added shop ${shop.id}: ${shop.name} (${shop.platform})\n`);
    });
  shops
    .command('list')
    .description('the shops, without their credentials')
    .option('--json', 'print JSON: ShopInfo[]')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const list = await withCore(g, async (core) => unwrap(await core.dispatch('shops.list', {}, cliContext(core))) as ShopInfo[]);
      if (g.json || o.json) return printJson(list);
      printTable(['ID', 'PLATFORM', 'NAME', 'CURRENCY', 'ACTIVE', 'CREDENTIALS'], list.map((s) => [s.id, s.platform, s.name, s.currency, s.active ? 'yes' : 'no', s.hasCredentials ? 'set' : '—']));
    });
  shops
    .command('remove <id>')
    .description('remove a shop that has no orders (deactivate it otherwise)')
    .option('--json', 'print {"removed"}')
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const r = await withCore(g, async (core) => unwrap(await core.dispatch('shops.remove', { id: intOption('id', id, 1, Number.MAX_SAFE_INTEGER) }, cliContext(core))));
      if (g.json || o.json) return printJson(r);
      process.stdout.write(`removed shop ${id}\n`);
    });
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('pull new and changed orders from the platforms (and send pending write-backs)')
    .option('--shop <id>', 'only this shop')
    .option('--once', 'one pass, then exit (otherwise keep polling until Ctrl+C)')
    .option('--json', 'print the results of a --once pass as JSON')
    .action(async (o: { shop?: string; once?: boolean; json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const shopId = o.shop ? intOption('shop', o.shop, 1, Number.MAX_SAFE_INTEGER) : undefined;
      const lock = acquireLock(dbPathFrom(g), 'shopdesk sync');
      try {
        await withCore(g, async (core) => {
          core.events.subscribe((name, payload) => {
            if (name === 'sync.progress' && !g.json) {
              const p = payload as { shopId: number; phase: string; pages: number; orders: number; note?: string };
              process.stderr.write(`shop ${p.shopId}: ${p.phase}, ${p.pages} pages, ${p.orders} orders${p.note ? ` — ${p.note}` : ''}\n`);
            }
          });
          if (o.once) {
            const results = unwrap(await core.dispatch('sync.run', shopId ? { shopId } : {}, cliContext(core))) as { error: unknown }[];
            await core.sync.outbox.sendDue(new AbortController().signal);
            if (g.json || o.json) printJson(results);
            if (results.some((r) => r.error)) process.exitCode = 1;
            return;
          }
          core.startBackground();
          process.stderr.write('syncing; press Ctrl+C to stop\n');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await core.sync.scheduler.stop();
        });
      } finally {
        lock.release();
      }
    });
}
