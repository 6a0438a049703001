import type { Command } from 'commander';
import { minorToDecimal } from '../../shared/domain/money.js';
import type { OrderCounts } from '../../shared/contract/orders.js';
import type { OrderDetail, OrderRow } from '../../shared/domain/order.js';
import { cliContext, withCore, type GlobalOptions } from './context.js';
import { printJson, printTable, unwrap } from './output.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function parseIntStrict(v: string): number {
  if (!/^\d+$/.test(v)) return Number.NaN; // left to the contract's schema, which names the field
  return Number(v);
}

export function registerOrders(program: Command): void {
  const orders = program.command('orders').description('look at the order queue');

  orders
    .command('list')
    .description('list orders of a queue (status), filtered and sorted like the app')
    .option('--status <queue>', 'queue: all, pending_audit, review, on_hold, to_print, to_pack, shipped, unpaid, intercepted, cancelled', 'all')
    .option('--shop <id>', 'only this shop (repeatable)', collect)
    .option('--platform <name>', 'only this platform (repeatable)', collect)
    .option('--search <text>', 'order id, buyer, tracking number or SKU (prefix)')
    .option('--sort <field>', 'placedAt | paidAt | total | platformOrderId', 'placedAt')
    .option('--dir <dir>', 'asc | desc', 'desc')
    .option('--limit <n>', 'rows (1-500)', '50')
    .option('--offset <n>', 'rows to skip', '0')
    .option('--json', 'print JSON: {"rows": OrderRow[], "total": number}')
    .action(async (o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const input = {
        queue: o.status,
        shopIds: (o.shop as string[] | undefined)?.map(parseIntStrict),
        platforms: o.platform,
        search: o.search,
        sort: { field: o.sort, dir: o.dir },
        limit: parseIntStrict(String(o.limit)),
        offset: parseIntStrict(String(o.offset)),
      };
      const result = await withCore(g, async (core) => unwrap(await core.dispatch('orders.list', input, cliContext(core))) as { rows: OrderRow[]; total: number });
      if (g.json) return printJson(result);
      printTable(
        ['ID', 'PLATFORM', 'ORDER', 'QUEUE', 'BUYER', 'ITEMS', 'TOTAL', 'PLACED'],
        result.rows.map((r) => [r.id, r.platform, r.platformOrderId, r.queue, r.buyerNick ?? r.buyerName, r.skuSummary, `${minorToDecimal(r.totalMinor, r.currency)} ${r.currency}`, new Date(r.placedAt).toISOString()]),
      );
      process.stdout.write(`${result.rows.length} of ${result.total} orders\n`);
    });

  orders
    .command('counts')
    .description('how many orders each queue (tab) holds, with the same filters as list')
    .option('--shop <id>', 'only this shop (repeatable)', collect)
    .option('--platform <name>', 'only this platform (repeatable)', collect)
    .option('--search <text>', 'order id, buyer, tracking number or SKU (prefix)')
    .option('--json', 'print JSON: {"all": number, "byQueue": {queue: number}}')
    .action(async (o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const input = { shopIds: (o.shop as string[] | undefined)?.map(parseIntStrict), platforms: o.platform, search: o.search };
      const c = await withCore(g, async (core) => unwrap(await core.dispatch('orders.counts', input, cliContext(core))) as OrderCounts);
      if (g.json) return printJson(c);
      printTable(['QUEUE', 'ORDERS'], [...Object.entries(c.byQueue), ['all', c.all]]);
    });

  orders
    .command('show <id>')
    .description('one order with its lines, flags and history')
    .option('--json', 'print JSON: OrderDetail')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const detail = await withCore(g, async (core) => unwrap(await core.dispatch('orders.get', { id: parseIntStrict(id) }, cliContext(core))) as OrderDetail);
      if (g.json) return printJson(detail);
      const money = (m: number) => `${minorToDecimal(m, detail.currency)} ${detail.currency}`;
      process.stdout.write(`${detail.platform} ${detail.platformOrderId} (${detail.shopName}) — ${detail.queue}, platform: ${detail.platformStatus}\n`);
      process.stdout.write(`buyer: ${detail.buyerNick ?? ''} ${detail.address.name ?? ''} ${detail.address.phone ?? ''}\n`);
      process.stdout.write(`address: ${[detail.address.province, detail.address.city, detail.address.district, detail.address.line1].filter(Boolean).join(' ')}\n`);
      printTable(['#', 'SKU', 'TITLE', 'QTY', 'PRICE'], detail.lines.map((l) => [l.lineNo, l.skuCode ?? l.platformSku, l.title, l.qty, money(l.unitPriceMinor)]));
      process.stdout.write(`total ${money(detail.amounts.totalMinor)}\n`);
      for (const f of detail.flags) process.stdout.write(`flag: ${f.kind} ${f.reason}${f.releasedAt ? ' (released)' : ''}\n`);
      for (const h of detail.history) process.stdout.write(`${new Date(h.at).toISOString()}  ${h.actor}  ${h.action}${h.reason ? ` (${h.reason})` : ''}\n`);
    });
}
