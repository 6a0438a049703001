import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core.js';
import { generateDemo } from '../demo/generate.js';
import { listShops } from '../shops/handlers.js';
import { acquireLock } from '../store/lock.js';
import { startServer } from '../transport/ws-server.js';
import { dbPathFrom, type GlobalOptions } from './context.js';
import { intOption } from './options.js';

/** The built renderer: dist/renderer beside dist/main (built run) or under the repo's dist (run from source). */
export function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../renderer'), path.resolve(here, '../../dist/renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[0]!;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run ShopDesk in the browser: the app over HTTP and its contract over WebSocket')
    .option('--host <addr>', 'address to bind (0.0.0.0 lets a packing-bench station on the LAN connect)', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '4780')
    .option('--demo-if-empty', 'fill a new, empty database with demo data first')
    .option('--demo-orders <n>', 'orders for --demo-if-empty', '5000')
    .option('--json', 'print {"url","port","token","db"} as one JSON line once listening')
    .action(async (o: { host: string; port: string; demoIfEmpty?: boolean; demoOrders: string; json?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const port = intOption('port', o.port, 0, 65535);
      const demoOrders = intOption('demo-orders', o.demoOrders, 1, 5_000_000);
      const dbPath = dbPathFrom(g);
      const lock = acquireLock(dbPath, 'shopdesk serve');
      const log = (m: string) => process.stderr.write(m + '\n');
      const core = createCore({ dbPath, log });
      if (o.demoIfEmpty && listShops(core.db).length === 0) {
        log(`empty database: filling ${dbPath} with demo data…`);
        const s = generateDemo(core.db, { orders: demoOrders });
        log(`demo data ready: ${s.shops} shops, ${s.skus} SKUs, ${s.orders} orders`);
      }
      const server = await startServer({
        dispatch: core.dispatch,
        events: core.events,
        auth: core.stationAuth,
        staticDir: rendererDir(),
        // Order files for import arrive over HTTP in the browser (the Electron app picks them with a dialog).
        uploads: core.imports.uploads,
        host: o.host,
        port,
        log,
      });
      core.setStationUrls(server.stationUrls);
      core.startBackground();
      if (g.json || o.json) process.stdout.write(JSON.stringify({ url: server.url, port: server.port, token: server.token, db: dbPath }) + '\n');
      else {
        process.stdout.write(`ShopDesk is running. Open this link in a browser (it carries this run's access token):\n  ${server.url}\n`);
        if (server.stationUrls.length) process.stdout.write(`packing-bench stations on the LAN can pair at: ${server.stationUrls.join('  ')}\n`);
        process.stdout.write(`database: ${dbPath}\nPress Ctrl+C to stop.\n`);
      }
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        await server.close();
        await core.shutdown();
        lock.release();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
