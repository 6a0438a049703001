import * as m001 from './001_initial.js';
import * as m002 from './002_people_stations.js';
import * as m003 from './003_sync.js';
import * as m004 from './004_platform_extras.js';
import * as m005 from './005_imports.js';
import * as m006 from './006_audit.js';
import * as m007 from './007_fulfil.js';
import * as m008 from './008_print_queue.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append only: a released migration is never edited or renumbered. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
  { version: 4, ...m004 },
  { version: 5, ...m005 },
  { version: 6, ...m006 },
  { version: 7, ...m007 },
  { version: 8, ...m008 },
];

export const LATEST_VERSION = MIGRATIONS.length;
