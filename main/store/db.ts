import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';

export type DB = Database.Database;

/** "SDSK": marks a SQLite file as ShopDesk's so a foreign database is never migrated over. */
export const APPLICATION_ID = 0x5344534b;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Open without writing anything (inspection, CLI read commands on someone else's file). */
  readonly?: boolean;
  /** Called with the path of the safety copy taken before migrating an existing database. */
  onBackup?: (file: string) => void;
}

interface Inspection {
  fresh: boolean;
  version: number;
}

/**
 * Looks at a database file without changing it: not SQLite, not ours, or written by a newer ShopDesk are all refused
 * before anything opens it for writing.
 */
export function inspectDatabase(file: string): Inspection {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return { fresh: true, version: 0 };
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(16);
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError('db_corrupt', `${file} is not a SQLite database (it may be damaged or another kind of file)`, { file });
  }
  let db: DB | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== APPLICATION_ID) {
      if (appId === 0 && tables === 0) return { fresh: true, version: 0 };
      throw new AppError('db_foreign', `${file} is a SQLite database of another program, not a ShopDesk database`, { file, applicationId: appId });
    }
    if (version > LATEST_VERSION) {
      throw new AppError(
        'db_newer_version',
        `${file} was written by a newer ShopDesk (schema ${version}; this version knows up to ${LATEST_VERSION}). Update ShopDesk to open it.`,
        { file, version, supported: LATEST_VERSION },
      );
    }
    return { fresh: version === 0 && tables === 0, version };
  } catch (e) {
    throw toDbError(e, file);
  } finally {
    db?.close();
  }
}

/** Maps SQLite's own corruption errors to a clear app error; passes app errors through. */
export function toDbError(e: unknown, file: string): Error {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError('db_corrupt', `${file} is damaged and cannot be read (${code})`, { file, sqlite: code });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return new AppError('io_error', `cannot open ${file} (${code})`, { file, sqlite: code });
  }
  return e instanceof Error ? e : new Error(String(e));
}

function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across app crashes, fast commits
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536'); // 64 MiB page cache: the queue's indexes stay hot
  db.pragma('mmap_size = 268435456');
  // Sync stores each platform page in its own transaction; checkpointing every 40 MB of WAL instead of every 4 MB
  // writes hot index pages back far less often (measured: +20% ingest), and the WAL is cut back afterwards.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 67108864');
}

/** Opens (creating if needed) and migrates a ShopDesk database. */
export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  const found = inspectDatabase(file);
  if (opts.readonly) {
    if (found.fresh) throw new AppError('not_found', `no ShopDesk database at ${file}`, { file });
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    if (found.version < LATEST_VERSION) {
      db.close();
      throw new AppError('conflict', `${file} needs an upgrade (schema ${found.version} → ${LATEST_VERSION}); open it once without read-only`, { file });
    }
    return db;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (!found.fresh && found.version < LATEST_VERSION) {
    // A migration rewrites the schema; keep the file as it was in case the seller needs to go back.
    const copy = `${file}.before-v${LATEST_VERSION}.bak`;
    const src = new Database(file, { readonly: true, fileMustExist: true });
    try {
      src.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    } finally {
      src.close();
    }
    opts.onBackup?.(copy);
  }
  let db: DB | undefined;
  try {
    db = new Database(file);
    applyPragmas(db);
    migrate(db);
    return db;
  } catch (e) {
    db?.close();
    throw toDbError(e, file);
  }
}

/** Applies pending migrations, each in its own transaction, checking that the history on disk matches ours. */
export function migrate(db: DB, upTo: number = LATEST_VERSION): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  applied.forEach((row, i) => {
    const known = MIGRATIONS[i];
    if (!known || known.version !== row.version || known.name !== row.name) {
      throw new AppError('db_foreign', `migration history does not match this ShopDesk (found ${row.version} "${row.name}")`, {
        version: row.version,
        name: row.name,
      });
    }
  });
  for (const m of MIGRATIONS.slice(applied.length, upTo)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      db.pragma(`user_version = ${m.version}`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    })();
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}
