import path from 'node:path';
import { defaultDbPath } from '../app/paths.js';
import { createCore, type Core } from '../core.js';
import type { CallContext } from '../transport/dispatch.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export function dbPathFrom(opts: GlobalOptions): string {
  return path.resolve(opts.db ?? defaultDbPath());
}

/** Opens the core for one command and always closes it. */
export async function withCore<T>(opts: GlobalOptions, fn: (core: Core) => Promise<T> | T): Promise<T> {
  const core = createCore({ dbPath: dbPathFrom(opts), log: (m) => process.stderr.write(m + '\n') });
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

/** The CLI acts with full rights: whoever runs it already holds the database file. */
export function cliContext(core: Core): CallContext {
  return { origin: 'cli', session: core.people.sessions.cli() };
}
