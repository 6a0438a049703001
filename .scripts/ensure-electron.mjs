#!/usr/bin/env node
// Makes sure the Electron binary is present before `npm start` / `npm run test:electron` launch it.
// The electron package's own download (its postinstall) is disabled in package.json "allowScripts", so the binary
// is fetched here, on demand: node node_modules/electron/install.js. Exit 1 with a plain message when that fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const say = (msg) => console.log(`ensure-electron: ${msg}`);

/** The executable's path when it exists. require('electron') under Node returns the path (it throws when absent). */
function electronBinary() {
  try {
    delete require.cache[require.resolve('electron')]; // look again after a download
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const quiet = process.argv.includes('--check');
let binary = electronBinary();
if (binary) {
  if (!quiet) say(`Electron binary present: ${binary}`);
  process.exit(0);
}
if (quiet) process.exit(1); // --check: only answer, never download

let version = '?';
try {
  version = require('electron/package.json').version;
} catch {
  console.error('ensure-electron: the electron package is not installed; run `npm install` first.');
  process.exit(1);
}
say(`the Electron ${version} binary is not here yet; downloading it (about 100 MB, once)…`);
const install = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('electron/package.json')), 'install.js')], {
  cwd: root,
  stdio: 'inherit',
  // ELECTRON_SKIP_BINARY_DOWNLOAD would make install.js succeed without downloading anything.
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
});
binary = install.status === 0 ? electronBinary() : null;
if (!binary) {
  console.error(
    'ensure-electron: Electron could not be downloaded (no internet?). ' +
      'Use `npx shopdesk serve` / `npm run serve` to run ShopDesk in the browser instead.',
  );
  process.exit(1);
}
say(`Electron ready: ${binary}`);
