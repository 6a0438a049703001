import { appVersion } from './app/version.js';
import { EventLog } from './history/events.js';
import { ordersHandlers } from './orders/handlers.js';
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
  readonly people: { operators: OperatorStore; sessions: Sessions; stations: StationStore; presence: Presence; claims: ClaimStore; printers: PrinterStore };
  /** Where paired stations can reach this computer (`serve` sets it once listening). */
  setStationUrls(urls: string[]): void;
  /** Connection admission for a network transport whose run token is `runToken`. */
  stationAuth(runToken: string): StationAuth;
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
  const presence = new Presence();
  const claims = new ClaimStore(db);
  const printers = new PrinterStore(db);
  let stationUrls: string[] = [];

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
    ...ordersHandlers(queries, claims, sessions),
  };

  let closed = false;
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
    people: { operators, sessions, stations, presence, claims, printers },
    setStationUrls(urls) {
      stationUrls = urls;
    },
    stationAuth: (runToken) => createStationAuth(runToken, sessions, stations, presence),
    close() {
      if (closed) return;
      closed = true;
      // Fold the WAL back so the single .db file is complete when the app is not running.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // a read-only or already failing database: closing is still right
      }
      db.close();
    },
  };
}
