import path from 'node:path';
import { defaultDbPath } from '../app/paths.js';
import { createCore, type Core } from '../core.js';

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

export const CLI_CONTEXT = { origin: 'cli', actor: 'cli' } as const;
