import { pathToFileURL } from 'node:url';
import type { Core } from '../../main/core.js';
import { createFulfil, type Fulfil } from '../../main/fulfil/services.js';
import type { Who } from '../../main/fulfil/who.js';
import { EventLog } from '../../main/history/events.js';
import { OrderQueries } from '../../main/orders/queries.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import { PrintQueue } from '../../main/print/queue/service.js';
import type { RunnerOptions } from '../../main/print/queue/runner.js';
import { PrinterSettingsStore } from '../../main/print/settings-store.js';
import type { PrintSettingsInput } from '../../main/print/settings.js';
import { keyFileFor, keyFileSecretBox } from '../../main/secrets/key-file-box.js';
import { ShopStore } from '../../main/shops/shop-store.js';
import { ClaimStore } from '../../main/stations/claims.js';
import { PrinterStore } from '../../main/stations/printers.js';
import { openDatabase, type DB } from '../../main/store/db.js';
import { CarrierCodeStore } from '../../main/sync/carrier-codes.js';
import { fetchHttp } from '../../main/sync/http.js';
import type { PiiService } from '../../main/sync/pii.js';
import { AdapterRegistry } from '../../main/sync/registry.js';
import type { PrintJobEvent } from '../../shared/contract/print.js';
import { deriveQueue } from '../../shared/domain/status.js';
import { decodeJob, squashedText } from '../sim/printer/decode.js';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterOptions } from '../sim/printer/virtual-printer.js';

/*
 * A print-queue world over a real core and SQLite file: a shop, a warehouse that can be the sender, SKUs with stock,
 * ZTO numbers in a pool, a TSPL/ZPL/ESC-POS printer at a given address (the virtual printer) assigned to the local
 * station, a packer, and orders taken through approval and allocation as the audit and the allocator would.
 *
 * Run directly it is the crash test's child process: `node --import tsx test/helpers/print-queue-world.ts DB` opens
 * the database, starts the queue (which resumes whatever batch is running) and prints until it is idle — or until
 * the parent kills it. The child composes only what printing needs (the core, with every platform adapter, is
 * imported lazily by the world builder) so that twenty restarts stay quick.
 */

export const T0 = Date.UTC(2026, 10, 25, 4, 0, 0);
export const SKUS = ['CUP-BLUE', 'MUG-RED', 'PEN-BLK', 'TEA-500', 'TOWEL-W'] as const;
const PROVINCES: [string, string, string][] = [
  ['广东省', '深圳市', '南山区'],
  ['浙江省', '杭州市', '西湖区'],
  ['上海市', '上海市', '浦东新区'],
  ['四川省', '成都市', '武侯区'],
];
const FAST_RETRY: RunnerOptions = { retryDelaysMs: [5, 10], sendTimeoutMs: 3_000, statusTimeoutMs: 1_000 };

export interface WorldOptions {
  printerAddress: string;
  language?: 'tspl' | 'zpl' | 'escpos';
  paper?: '100x150' | '76x130' | '80mm' | '58mm';
  settings?: PrintSettingsInput;
  pool?: number;
  /** Called with every 'print.job' event as the runner emits it (a test can change the printer mid-batch). */
  onEvent?: (e: PrintJobEvent) => void;
  runner?: RunnerOptions;
  /** The core's and the queue's clock (a label prints its time: a fixed clock makes two renderings of one label equal). */
  now?: () => number;
}

export interface PrintWorld {
  core: Core;
  queue: PrintQueue;
  who: Who;
  stationId: number;
  printerId: number;
  shopId: number;
  events: PrintJobEvent[];
  /**
   * Orders with these SKU lines (each [code, qty]), approved and allocated (unless `allocate` is false); ids in
   * creation order. `sameBuyer`: one buyer at one address for all of them (so they may be merged).
   */
  orders(lines: [string, number][][], opts?: { allocate?: boolean; sameBuyer?: boolean }): number[];
  /** Approves (as the audit would) and allocates orders that came in another way (a sync). */
  approveAndAllocate(ids: readonly number[]): void;
  /** The platform refunds the order (the sync writes it, which raises an intercept on an order in the pipeline). */
  refund(orderId: number): void;
  /** Another printer assigned to the station for a kind of document. */
  addPrinter(name: string, address: string, language: 'tspl' | 'zpl' | 'escpos', paper: '100x150' | '76x130' | '80mm' | '58mm', role: 'label' | 'slip' | 'picklist', settings?: PrintSettingsInput): number;
  trackingOf(orderId: number): string;
  close(): void;
}

/** What the queue is built over: the parts core.ts builds once. */
export interface QueueParts {
  db: DB;
  log: EventLog;
  queries: OrderQueries;
  printers: PrinterStore;
  claims: ClaimStore;
  fulfil: Fulfil;
  pii?: Pick<PiiService, 'reveal'>;
}

/** The print queue over these parts, as core.ts would build it (the runner's waits shortened for tests). */
export function queueOver(p: QueueParts, events: PrintJobEvent[] = [], runner: RunnerOptions = FAST_RETRY, onEvent?: (e: PrintJobEvent) => void, now?: () => number): PrintQueue {
  return new PrintQueue({
    db: p.db,
    log: p.log,
    queries: p.queries,
    printers: p.printers,
    claims: p.claims,
    waybills: p.fulfil.waybills,
    ...(p.pii ? { pii: p.pii } : {}),
    emit: (e) => {
      events.push(e);
      onEvent?.(e);
    },
    logMessage: () => {},
    runner,
    ...(now ? { now } : {}),
  });
}

export function openQueue(core: Core, events: PrintJobEvent[] = [], runner: RunnerOptions = FAST_RETRY, onEvent?: (e: PrintJobEvent) => void, now?: () => number): PrintQueue {
  const parts = { db: core.db, log: core.eventLog, queries: core.orders.queries, printers: core.people.printers, claims: core.people.claims, fulfil: core.fulfil, pii: core.sync.pii };
  return queueOver(parts, events, runner, onEvent, now);
}

export async function buildPrintWorld(dbPath: string, o: WorldOptions): Promise<PrintWorld> {
  const { createCore } = await import('../../main/core.js');
  const core = createCore({ dbPath, log: () => {}, ...(o.now ? { now: o.now } : {}) });
  const db = core.db;
  const system: Who = { actor: 'test:setup', operatorId: null, stationId: null };
  const shopId = core.sync.shops.add({ platform: 'manual', name: 'Tea & Cups', currency: 'CNY' }, 'test').id;
  const f = core.fulfil;
  const warehouseId = f.warehouses.save(
    { code: 'WH-A', name: 'Shenzhen', province: '广东省', city: '深圳市', district: '宝安区', address: '福永街道 88 号', contactName: '王仓管', contactPhone: '13800001111', priority: 100, active: true },
    system,
  ).id;
  for (const code of SKUS) {
    const skuId = f.catalog.save({ code, name: `${code} item`, weightG: 250, active: true }, system).id;
    f.stock.adjust({ warehouseId, skuId, mode: 'set', qty: 100_000 }, system);
  }
  f.rules.saveCarrierRules([{ name: 'all ZTO', enabled: true, when: {}, carrier: 'ZTO' }], null, system);
  f.carriers.save({ carrier: 'ZTO', provider: 'pool', lowWater: 0 }, system);
  const pool = Array.from({ length: o.pool ?? 400 }, (_, i) => String(751_000_000_001 + i));
  f.pool.import('ZTO', pool.join('\n'), 'roll 1', 0, system);

  const stationId = core.people.stations.local().id;
  const packer = core.people.operators.create('Li Packer', 'packer', undefined);
  const who: Who = { actor: `operator:${packer.name}`, operatorId: packer.id, stationId };
  const settingsStore = new PrinterSettingsStore(db);
  const addPrinter: PrintWorld['addPrinter'] = (name, address, language, paper, role, settings) => {
    const p = core.people.printers.save(undefined, { name, transport: 'tcp', address, language, paper });
    if (settings) settingsStore.save(p.id, settings, { actor: 'test:setup' });
    const cur = core.people.printers.ofStation(stationId);
    core.people.printers.assign(stationId, { label: cur.label, slip: cur.slip, picklist: cur.picklist, [role]: p.id });
    return p.id;
  };
  const printerId = addPrinter('Bench label', o.printerAddress, o.language ?? 'tspl', o.paper ?? '100x150', 'label', o.settings ?? { mode: 'native' });

  const sent = new Map<number, NormalizedOrder>();
  /** Approved as the audit would (then the allocator reserves stock and picks the warehouse and carrier). */
  const approve = (ids: readonly number[]) => {
    const upd = db.prepare("UPDATE orders SET workflow = 'approved', queue = ? WHERE id = ?");
    for (const id of ids) upd.run(deriveQueue({ platformState: 'to_ship', workflow: 'approved', payment: 'paid', openFlags: 0 }), id);
  };
  let serial = 0;
  const events: PrintJobEvent[] = [];
  const world: PrintWorld = {
    core,
    queue: openQueue(core, events, { ...FAST_RETRY, ...o.runner }, o.onEvent, o.now),
    who,
    stationId,
    printerId,
    shopId,
    events,
    orders(specs, opts = {}) {
      const first = serial + 1;
      const made = specs.map((lines): NormalizedOrder => {
        const n = ++serial;
        const b = opts.sameBuyer ? first : n;
        const [province, city, district] = PROVINCES[b % PROVINCES.length]!;
        return {
          shopId,
          platform: 'manual',
          platformOrderId: `M${String(100_000 + n)}`,
          platformStatus: 'paid',
          platformState: 'to_ship',
          payment: 'paid',
          buyerName: `客户${b}`,
          buyerPhone: `139${String(10_000_000 + b).slice(-8)}`,
          country: 'CN',
          province,
          city,
          district,
          address1: `科技园南区 ${b} 栋 ${100 + (b % 50)} 室`,
          currency: 'CNY',
          goodsMinor: 1000,
          totalMinor: 1000,
          paidMinor: 1000,
          placedAt: T0 - 3_600_000 + n,
          paidAt: T0 - 3_000_000 + n,
          platformUpdatedAt: T0,
          lines: lines.map(([code, qty], i) => ({ title: `${code} 商品 ${i + 1}`, skuCode: code, qty, unitPriceMinor: 500 })),
        };
      });
      const ids = core.orders.writer.upsertMany(made, 'test', T0).ids;
      made.forEach((m, i) => sent.set(ids[i]!, m));
      if (opts.allocate ?? true) world.approveAndAllocate(ids);
      else approve(ids);
      return ids;
    },
    approveAndAllocate(ids) {
      approve(ids);
      f.allocator.run({ orderIds: ids }, system);
    },
    refund(orderId) {
      const m = sent.get(orderId)!;
      core.orders.writer.upsertMany([{ ...m, platformStatus: 'refunded', payment: 'refunded', refundedMinor: m.totalMinor, platformUpdatedAt: (m.platformUpdatedAt ?? T0) + 60_000 }], 'sync:manual', T0 + 60_000);
    },
    addPrinter,
    trackingOf(orderId) {
      return (db.prepare("SELECT tracking_no FROM waybills WHERE order_id = ? AND state IN ('allocated','printed','shipped')").get(orderId) as { tracking_no: string }).tracking_no;
    },
    close: () => core.close(),
  };
  return world;
}

/** Deterministic SKU lines, one or two SKUs per order: orders with the same items are what pick-list order groups. */
export function mixedLines(n: number, seed = 12345): [string, number][][] {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => {
    const a = SKUS[Math.floor(rand() * SKUS.length)]!;
    const b = SKUS[Math.floor(rand() * SKUS.length)]!;
    return rand() < 0.6 || a === b ? [[a, 1 + Math.floor(rand() * 3)]] : [[a, 1], [b, 2]];
  });
}

/** A virtual printer and a world printing to it; close() stops the queue, the core and the printer. */
export async function startPrintWorld(
  dbPath: string,
  o: Omit<WorldOptions, 'printerAddress'> & { printer?: VirtualPrinterOptions } = {},
): Promise<{ w: PrintWorld; vp: VirtualPrinter; close(): Promise<void> }> {
  const vp = await startVirtualPrinter(o.printer);
  const w = await buildPrintWorld(dbPath, { ...o, printerAddress: vp.address });
  return {
    w,
    vp,
    async close() {
      await w.queue.stop();
      w.close();
      await vp.close();
    },
  };
}

/** What came out of the printer: per printed page, its barcodes' contents and all its text run together. */
export function printedPages(vp: VirtualPrinter, language: 'tspl' | 'zpl' | 'escpos' = 'tspl'): { barcodes: string[]; text: string }[] {
  return vp.jobs
    .filter((j) => j.printed)
    .flatMap((j) => decodeJob(language, j.bytes).pages)
    .map((p) => ({ barcodes: p.barcodes.map((b) => b.content), text: squashedText(p) }));
}

/** How many printed labels carry each tracking number. */
export function labelCounts(vp: VirtualPrinter, language: 'tspl' | 'zpl' | 'escpos' = 'tspl'): Map<string, number> {
  const n = new Map<string, number>();
  for (const p of printedPages(vp, language)) for (const b of p.barcodes) n.set(b, (n.get(b) ?? 0) + 1);
  return n;
}

/** The child process: resume the queue on this database and print until there is nothing left. */
async function child(dbPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const log = new EventLog(db);
  const shops = new ShopStore(db, keyFileSecretBox(keyFileFor(dbPath)), new AdapterRegistry([]), log);
  const fulfil = createFulfil({ db, log, shops, carrierCodes: new CarrierCodeStore(db), http: fetchHttp, now: Date.now });
  const queue = queueOver({ db, log, queries: new OrderQueries(db), printers: new PrinterStore(db), claims: new ClaimStore(db), fulfil });
  const { uncertain } = queue.start();
  process.stdout.write(`started ${uncertain}\n`);
  await queue.runner.idle();
  db.close();
  process.stdout.write('idle\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  child(process.argv[2]!).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
