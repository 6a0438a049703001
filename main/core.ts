import { CarrierCodeStore } from './sync/carrier-codes.js';
import { carrierHandlers } from './sync/carrier-handlers.js';
import { PiiService } from './sync/pii.js';
import { appVersion } from './app/version.js';
import { Shipper, type ShipEffect } from './orders/ship.js';
import { parcelHandlers } from './orders/parcels/handlers.js';
import { ParcelService } from './orders/parcels/service.js';
import { ParcelShipper } from './orders/parcels/ship.js';
import { ParcelStore } from './orders/parcels/store.js';
import { keyFileFor, keyFileSecretBox } from './secrets/key-file-box.js';
import type { SecretBox } from './secrets/secret-box.js';
import { ShopStore } from './shops/shop-store.js';
import type { PlatformAdapter } from './sync/adapter.js';
import { BUILT_IN_ADAPTERS } from './sync/adapters.js';
import { SyncEngine } from './sync/engine.js';
import { syncHandlers } from './sync/handlers.js';
import { fetchHttp, type HttpClient } from './sync/http.js';
import { Outbox } from './sync/outbox.js';
import { AdapterRegistry } from './sync/registry.js';
import { SyncScheduler } from './sync/scheduler.js';
import { EventLog } from './history/events.js';
import { BUILT_IN_CHECKS } from './audit/checks/index.js';
import { auditHandlers } from './audit/handlers.js';
import { AuditService } from './audit/service.js';
import { createFulfil, type Fulfil } from './fulfil/services.js';
import { fulfilHandlers } from './fulfil/handlers.js';
import { FulfilRunner } from './fulfil/runner.js';
import { printHandlers } from './print/queue/handlers.js';
import { PrintQueue } from './print/queue/service.js';
import { importsHandlers } from './imports/handlers.js';
import { ImportService } from './imports/service.js';
import { pickFilesHandler } from './imports/pick-dialog.js';
import { exportsHandlers } from './exports/handlers.js';
import { ExportService } from './exports/service.js';
import { ordersHandlers } from './orders/handlers.js';
import { ManualOrders, manualOrderHandlers } from './orders/manual.js';
import { OrderWriter } from './orders/ingest.js';
import { OrderQueries } from './orders/queries.js';
import { peopleHandlers } from './people/handlers.js';
import { OperatorStore } from './people/operators.js';
import { Sessions } from './people/sessions.js';
import { shopsHandlers } from './shops/handlers.js';
import { createStationAuth, type StationAuth } from './stations/auth.js';
import { ClaimStore } from './stations/claims.js';
import { Presence } from './stations/presence.js';
import { PrinterStore } from './stations/printers.js';
import { StationStore } from './stations/stations.js';
import { openDatabase, schemaVersion, type DB } from './store/db.js';
import { createDispatcher, type Dispatch, type Handlers } from './transport/dispatch.js';
import { EventBus } from './transport/event-bus.js';

export interface CoreOptions {
  dbPath: string;
  /** Validate handler outputs against the contract (tests, development). */
  checkOutputs?: boolean;
  log?: (msg: string) => void;
  /** Seals platform credentials: the OS keychain in Electron; by default a 0600 key file beside the database. */
  secrets?: SecretBox;
  /** Platform adapters (default: all built in); tests may pass their own list. */
  adapters?: readonly PlatformAdapter[];
  http?: HttpClient;
  now?: () => number;
  /** Scheduler tick (ms); tests use a short one. */
  syncTickMs?: number;
}

export interface Core {
  readonly db: DB;
  readonly dbPath: string;
  readonly version: string;
  readonly events: EventBus;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly orders: { queries: OrderQueries; writer: OrderWriter };
  readonly eventLog: EventLog;
  /** Order file imports: the upload endpoint, the CLI and the Electron file dialog register files here. */
  readonly imports: ImportService;
  readonly people: { operators: OperatorStore; sessions: Sessions; stations: StationStore; presence: Presence; claims: ClaimStore; printers: PrinterStore };
  /** Where paired stations can reach this computer (`serve` sets it once listening). */
  setStationUrls(urls: string[]): void;
  /** Connection admission for a network transport whose run token is `runToken`. */
  stationAuth(runToken: string): StationAuth;
  /** Merge and split: parcels of several orders or parts of one, and shipping them. */
  readonly parcels: { store: ParcelStore; service: ParcelService; shipper: ParcelShipper };
  /** The audit: rules, checks, decisions, and the background runner that re-audits changed orders. */
  readonly audit: { service: AuditService };
  /** Stock, warehouses, allocation, carrier choice and waybills. */
  readonly fulfil: Fulfil;
  /** The durable print queue (batches of labels, slips and pick lists). */
  readonly print: { queue: PrintQueue };
  readonly sync: { shops: ShopStore; engine: SyncEngine; scheduler: SyncScheduler; outbox: Outbox; shipper: Shipper; adapters: AdapterRegistry; pii: PiiService; carrierCodes: CarrierCodeStore };
  /** Starts polling shops and sending write-backs (the app and `serve`; one-shot CLI commands do not). */
  startBackground(): void;
  /** Stops background work, waiting for a page being stored to finish, then closes the database. */
  shutdown(): Promise<void>;
  close(): void;
}

/**
 * The composition root. The Electron shell, `shopdesk serve` and the CLI all start here: open the store, build the
 * services, and return the handler map the transports bind to the contract.
 */
export function createCore(opts: CoreOptions): Core {
  const log = opts.log ?? ((m: string) => console.error(m));
  const db = openDatabase(opts.dbPath, { onBackup: (f) => log(`database upgraded; the previous version is kept at ${f}`) });
  const version = appVersion();
  const events = new EventBus();
  const eventLog = new EventLog(db);
  const queries = new OrderQueries(db);
  const writer = new OrderWriter(db, eventLog);
  const operators = new OperatorStore(db);
  const stations = new StationStore(db);
  const sessions = new Sessions(db, operators, stations, eventLog);
  const presence = new Presence(() => events.emit('stations.changed', {}));
  const claims = new ClaimStore(db);
  stations.onRevoke(() => events.emit('stations.changed', {}));
  const printers = new PrinterStore(db);
  let stationUrls: string[] = [];
  const now = opts.now ?? Date.now;
  const http = opts.http ?? fetchHttp;
  const adapters = new AdapterRegistry(opts.adapters ?? BUILT_IN_ADAPTERS);
  const shops = new ShopStore(db, opts.secrets ?? keyFileSecretBox(keyFileFor(opts.dbPath)), adapters, eventLog);
  const engine = new SyncEngine({ db, writer, shops, adapters, events, log: eventLog, http, now });
  const outbox = new Outbox(db, shops, adapters, events, eventLog, http, now);
  const scheduler = new SyncScheduler(engine, shops, outbox, adapters, events, now, opts.syncTickMs);
  const parcelStore = new ParcelStore(db);
  const parcels = new ParcelService(db, parcelStore, sessions, claims, eventLog);
  const pii = new PiiService(db, shops, adapters, eventLog, http, now);
  const carrierCodes = new CarrierCodeStore(db);
  const fulfil = createFulfil({ db, log: eventLog, shops, carrierCodes, http, now, pii });
  // Units leaving the building take their stock with them and close their waybill, in the shipping transaction.
  const onShipped: ShipEffect = (orderId, lines, carrier, trackingNo, who, at, parcel) => {
    fulfil.moves.consumeForShipment(orderId, lines, who, at);
    if (!parcel || parcel.first) fulfil.waybills.markShipped(orderId, carrier, trackingNo, who);
  };
  const fulfilRunner = new FulfilRunner(fulfil, events, log);
  const printQueue = new PrintQueue({ db, log: eventLog, queries, printers, claims, waybills: fulfil.waybills, pii, emit: (e) => events.emit('print.job', e), now, logMessage: log });
  const shipper = new Shipper(db, sessions, claims, outbox, adapters, eventLog, onShipped);
  const parcelShipper = new ParcelShipper(db, parcelStore, sessions, claims, outbox, adapters, eventLog, onShipped);
  const audit = new AuditService({ db, log: eventLog, events, sessions, claims, checks: BUILT_IN_CHECKS, now, logMessage: log });
  const manualOrders = new ManualOrders(db, queries, sessions);
  const exportService = new ExportService({ dbPath: opts.dbPath, events, log: eventLog, sessions, now });
  const imports = new ImportService({ db, dbPath: opts.dbPath, writer, events, log: eventLog, now });

  const handlers: Handlers = {
    'app.info': () => ({
      version,
      schemaVersion: schemaVersion(db),
      dbPath: opts.dbPath,
      orderCount: queries.counts({}).all,
      demo: db.prepare("SELECT 1 FROM settings WHERE key = 'demo'").get() !== undefined,
    }),
    ...peopleHandlers({ operators, sessions, stations, presence, printers, stationUrls: () => stationUrls }),
    ...shopsHandlers(db),
    ...syncHandlers({ db, shops, state: engine.state, scheduler, outbox, shipper, sessions, events, now }),
    ...ordersHandlers(queries, claims, sessions),
    ...carrierHandlers(carrierCodes, sessions, now),
    ...manualOrderHandlers(manualOrders, events),
    ...exportsHandlers(exportService),
    ...importsHandlers(imports, sessions, now),
    ...pickFilesHandler(imports),
    ...auditHandlers(audit),
    ...fulfilHandlers(fulfil, sessions),
    ...printHandlers(printQueue, sessions),
    ...parcelHandlers({ db, parcels, events, now }),
  };

  let closed = false;
  const closeDb = () => {
    if (closed) return;
    closed = true;
    imports.close();
    // Fold the WAL back so the single .db file is complete when the app is not running.
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // a read-only or already failing database: closing is still right
    }
    db.close();
  };
  return {
    db,
    dbPath: opts.dbPath,
    version,
    events,
    handlers,
    dispatch: createDispatcher(handlers, {
      checkOutputs: opts.checkOutputs ?? false,
      log,
      authorize: (permission, ctx) => sessions.authorize(permission, ctx.session),
    }),
    orders: { queries, writer },
    eventLog,
    imports,
    people: { operators, sessions, stations, presence, claims, printers },
    setStationUrls(urls) {
      stationUrls = urls;
    },
    stationAuth: (runToken) => createStationAuth(runToken, sessions, stations, presence),
    parcels: { store: parcelStore, service: parcels, shipper: parcelShipper },
    audit: { service: audit },
    fulfil,
    print: { queue: printQueue },
    sync: { shops, engine, scheduler, outbox, shipper, adapters, pii, carrierCodes },
    startBackground: () => {
      // Only the app and `serve` run the queue: a one-shot CLI process would take the app's in-flight job for a crash.
      printQueue.start();
      scheduler.start();
      audit.runner.start();
      fulfilRunner.start();
    },
    async shutdown() {
      await audit.runner.stop();
      await fulfilRunner.stop();
      await printQueue.stop();
      await scheduler.stop();
      closeDb();
    },
    close() {
      // Synchronous callers (the CLI, tests): stop the timers and cancel runs; a page mid-write is one transaction.
      audit.runner.stopNow();
      fulfilRunner.stopNow();
      void printQueue.stop();
      void scheduler.stop();
      closeDb();
    },
  };
}
