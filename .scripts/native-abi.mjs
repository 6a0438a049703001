// Pure helpers for ensure-native.mjs: which runtime a better_sqlite3.node was built for, and what to do about it.
// No side effects here, so test/unit/electron-native-marker.test.ts checks them directly.
import { Buffer } from 'node:buffer';

const NODE_SYMBOL = /node_register_module_v(\d+)/;
const NAPI_SYMBOL = 'napi_register_module_v1';

/**
 * The ABI a native addon was compiled for, read from the binary itself: NODE_MODULE_INIT exports
 * `node_register_module_v<ABI>` (ELF, Mach-O and PE alike). Node 20 = 115, Node 22 = 127, Electron 39 = 140;
 * Node and Electron never share a number. 'napi' means ABI-independent (loads under both); null = not found.
 * @param {Uint8Array} bytes
 * @returns {number | 'napi' | null}
 */
export function abiFromBinary(bytes) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const m = NODE_SYMBOL.exec(text);
  if (m) return Number(m[1]);
  return text.includes(NAPI_SYMBOL) ? 'napi' : null;
}

/**
 * The marker written beside the binary after a build: a fallback when the symbol is not found, trusted only while
 * the binary is the very file it describes (same size and modification time).
 * @param {unknown} marker
 * @param {{ size: number, mtimeMs: number }} stat
 * @returns {number | null}
 */
export function abiFromMarker(marker, stat) {
  if (typeof marker !== 'object' || marker === null) return null;
  const m = /** @type {Record<string, unknown>} */ (marker);
  if (m.size !== stat.size || m.mtimeMs !== stat.mtimeMs || typeof m.abi !== 'number') return null;
  return m.abi;
}

/**
 * @typedef {{ kind: 'ok', reason: string }
 *   | { kind: 'from-cache', reason: string }
 *   | { kind: 'rebuild', reason: string }} NativePlan
 */

/**
 * @param {{ runtime: 'node' | 'electron', want: number, found: number | 'napi' | null, exists: boolean, cached: boolean }} s
 * @returns {NativePlan}
 */
export function planNative(s) {
  const label = s.runtime === 'node' ? `Node (ABI ${s.want})` : `Electron (ABI ${s.want})`;
  if (!s.exists) return s.cached ? { kind: 'from-cache', reason: `no build in place; a cached ${label} build exists` } : { kind: 'rebuild', reason: `no build in place` };
  if (s.found === 'napi') return { kind: 'ok', reason: 'the build uses N-API and loads under Node and Electron alike' };
  if (s.found === s.want) return { kind: 'ok', reason: `the build in place is for ${label}` };
  const what = s.found === null ? 'an unknown runtime' : `ABI ${s.found}`;
  return s.cached
    ? { kind: 'from-cache', reason: `the build in place is for ${what}; a cached ${label} build exists` }
    : { kind: 'rebuild', reason: `the build in place is for ${what}, ${label} is needed` };
}

/**
 * Cache folder name for a build: one per better-sqlite3 version, platform, arch and ABI.
 * @param {{ version: string, platform: string, arch: string, abi: number }} k
 */
export function cacheKey(k) {
  return `better-sqlite3-${k.version}-${k.platform}-${k.arch}-abi${k.abi}`;
}

/**
 * The environment for the Electron rebuild. npm's `nodedir` setting (this machine's ~/.npmrc points it at /usr for
 * offline Node builds) reaches node-gyp as npm_config_nodedir and would make it compile against Node's headers
 * instead of Electron's: the result would not load in Electron. Drop it.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function electronRebuildEnv(env) {
  /** @type {NodeJS.ProcessEnv} */
  const out = {};
  for (const [k, v] of Object.entries(env)) if (k.toLowerCase() !== 'npm_config_nodedir') out[k] = v;
  return out;
}
