import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.js';

/** Put the Node build of better-sqlite3 back (a copy from the cache) so tests and `serve` run right after. */
export default function globalTeardown(): void {
  if (!electronBinary()) return;
  spawnSync('node', ['.scripts/ensure-native.mjs', 'node'], { stdio: 'inherit', shell: process.platform === 'win32' });
}
