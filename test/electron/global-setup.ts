import { spawnSync } from 'node:child_process';
import { SKIP_REASON, electronBinary } from './electron-binary.js';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/**
 * Where Electron exists: build the app and put the Electron-ABI better-sqlite3 in place. Where it does not, build
 * nothing (the smoke test reports itself skipped) and say why here too, so the reason is in the log, not only in
 * the JSON report.
 */
export default function globalSetup(): void {
  if (!electronBinary()) {
    console.log(`Electron smoke test skipped: ${SKIP_REASON}.`);
    return;
  }
  run('npm', ['run', 'build']);
  run('npm', ['run', 'build:preload']);
  run('node', ['.scripts/ensure-native.mjs', 'electron']);
}
