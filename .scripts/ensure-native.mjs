#!/usr/bin/env node
// Makes sure node_modules/better-sqlite3 holds the build the next step needs:
//   node .scripts/ensure-native.mjs node       before tests / `serve` (Node's ABI)
//   node .scripts/ensure-native.mjs electron   before `npm start` (Electron's ABI)
// Both builds live in one place (build/Release/better_sqlite3.node), so every build made is also kept in
// node_modules/.cache/shopdesk-native/: switching back and forth is then a file copy, not a one-minute compile.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { abiFromBinary, abiFromMarker, cacheKey, electronRebuildEnv, planNative } from './native-abi.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = path.join(root, 'node_modules', 'better-sqlite3');
const releaseDir = path.join(moduleDir, 'build', 'Release');
const binary = path.join(releaseDir, 'better_sqlite3.node');
const markerFile = path.join(releaseDir, '.shopdesk-native.json');
const cacheRoot = path.join(root, 'node_modules', '.cache', 'shopdesk-native');
const previousCopy = path.join(cacheRoot, 'previous-better_sqlite3.node');

const say = (msg) => console.log(`ensure-native: ${msg}`);
const fail = (msg) => {
  console.error(`ensure-native: ${msg}`);
  process.exit(1);
};
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

const runtime = process.argv[2];
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('usage: node .scripts/ensure-native.mjs node|electron');
  process.exit(2);
}
if (!fs.existsSync(path.join(moduleDir, 'package.json'))) fail('better-sqlite3 is not installed; run `npm install` first.');

const sqliteVersion = readJson(path.join(moduleDir, 'package.json')).version;
const electronDir = path.join(root, 'node_modules', 'electron');

function electronVersion() {
  return readJson(path.join(electronDir, 'package.json')).version;
}

function wantedAbi() {
  if (runtime === 'node') return Number(process.versions.modules);
  const abiFile = path.join(electronDir, 'abi_version'); // shipped by the electron package
  if (fs.existsSync(abiFile)) return Number(fs.readFileSync(abiFile, 'utf8').trim());
  // Older electron packages lack the file; node-abi (a dependency of @electron/rebuild) knows the table.
  const nodeAbi = createRequire(path.join(root, 'node_modules', '@electron', 'rebuild', 'package.json'))('node-abi');
  return Number(nodeAbi.getAbi(electronVersion(), 'electron'));
}

function foundAbi() {
  if (!fs.existsSync(binary)) return null;
  const fromSymbol = abiFromBinary(fs.readFileSync(binary));
  if (fromSymbol !== null) return fromSymbol;
  try {
    return abiFromMarker(readJson(markerFile), fs.statSync(binary));
  } catch {
    return null;
  }
}

const cached = (abi) => path.join(cacheRoot, cacheKey({ version: sqliteVersion, platform: process.platform, arch: process.arch, abi }), 'better_sqlite3.node');

/** Copy through a temp file and rename: a process that has the old file loaded keeps its copy intact. */
function copyInto(src, dest) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  fs.copyFileSync(src, tmp);
  try {
    fs.renameSync(tmp, dest);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e.code === 'EPERM' || e.code === 'EBUSY') {
      fail(`${dest} is in use. Close ShopDesk, \`serve\` and test runs, then run this again.`);
    }
    throw e;
  }
}

function writeMarker(abi) {
  const { size, mtimeMs } = fs.statSync(binary);
  const marker = { runtime, abi, size, mtimeMs, betterSqlite3: sqliteVersion, ...(runtime === 'electron' ? { electron: electronVersion() } : {}) };
  const text = `${JSON.stringify(marker, null, 2)}\n`;
  if (!fs.existsSync(markerFile) || fs.readFileSync(markerFile, 'utf8') !== text) fs.writeFileSync(markerFile, text);
}

/** Keeps the build in place in the cache (once per ABI), so coming back to it later is a copy. */
function remember(abi) {
  if (typeof abi === 'number' && fs.existsSync(binary) && !fs.existsSync(cached(abi))) copyInto(binary, cached(abi));
}

/** Opens an in-memory database in a fresh Node: the way tests and `serve` will load it. */
function loadsUnderNode() {
  const r = spawnSync(process.execPath, ['-e', `new (require(${JSON.stringify(moduleDir)}))(':memory:').close()`], { encoding: 'utf8' });
  return { ok: r.status === 0, error: (r.stderr || '').trim().split('\n').find((l) => /Error|error/.test(l)) ?? '' };
}

function rebuild(want) {
  if (fs.existsSync(binary)) copyInto(binary, previousCopy); // node-gyp deletes build/ first; keep a way back
  let r;
  if (runtime === 'node') {
    say('compiling better-sqlite3 for Node with `npm rebuild better-sqlite3` (about a minute)…');
    r = spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  } else {
    const version = electronVersion();
    say(`building better-sqlite3 for Electron ${version} with @electron/rebuild (downloads a prebuilt binary or Electron's headers; compiles if needed)…`);
    const cli = path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
    const args = fs.existsSync(cli)
      ? [cli, '--force', '--only', 'better-sqlite3', '--version', version, '--module-dir', root]
      : [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), 'install-app-deps'];
    r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: electronRebuildEnv(process.env) });
  }
  const got = foundAbi();
  if (r.status === 0 && got === want) return;
  if (fs.existsSync(previousCopy)) {
    copyInto(previousCopy, binary);
    say('the rebuild did not succeed; the previous build was put back.');
  }
  const why = r.status !== 0 ? `the build command failed (exit ${r.status ?? r.signal})` : `the result is for ABI ${got}, not ${want}`;
  fail(
    runtime === 'electron'
      ? `could not build better-sqlite3 for Electron: ${why}. It needs internet (prebuilt binary or Electron headers) or a C++ toolchain. ` +
          'Without it, use `npm run serve` to run ShopDesk in the browser.'
      : `could not build better-sqlite3 for Node: ${why}. A C++ toolchain (python3, make, g++) is needed.`,
  );
}

const want = wantedAbi();
const found = foundAbi();
remember(found); // whatever is in place now is worth keeping before anything replaces it
const plan = planNative({ runtime, want, found, exists: fs.existsSync(binary), cached: fs.existsSync(cached(want)) });

if (plan.kind === 'ok') {
  if (runtime === 'node') {
    const check = loadsUnderNode();
    if (!check.ok) {
      say(`the build in place does not load under this Node (${check.error || 'unknown error'}); rebuilding.`);
      rebuild(want);
    }
  }
  say(`better-sqlite3 ready for ${runtime} (ABI ${want}): ${plan.reason}.`);
} else if (plan.kind === 'from-cache') {
  say(`${plan.reason}; switching to it.`);
  copyInto(cached(want), binary);
  if (runtime === 'node' && !loadsUnderNode().ok) {
    say('the cached build does not load; rebuilding.');
    rebuild(want);
  }
  say(`better-sqlite3 ready for ${runtime} (ABI ${want}).`);
} else {
  say(`${plan.reason}.`);
  rebuild(want);
  if (runtime === 'node' && !loadsUnderNode().ok) fail('the new build does not load under Node.');
  remember(want);
  say(`better-sqlite3 built for ${runtime} (ABI ${want}).`);
}
writeMarker(foundAbi() === 'napi' ? 'napi' : want);
