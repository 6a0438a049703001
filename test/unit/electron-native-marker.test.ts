import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abiFromBinary, abiFromMarker, cacheKey, electronRebuildEnv, planNative } from '../../.scripts/native-abi.mjs';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('ensure-native: reading the build', () => {
  it('reads the ABI from the addon symbol, or N-API, or nothing', () => {
    expect(abiFromBinary(bytes('\0\0_node_register_module_v140\0'))).toBe(140);
    expect(abiFromBinary(bytes('xx napi_register_module_v1 xx'))).toBe('napi');
    expect(abiFromBinary(bytes('nothing here'))).toBeNull();
  });

  it('finds the ABI of the better-sqlite3 build installed here', () => {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const abi = abiFromBinary(fs.readFileSync(file));
    // Tests run after `ensure-native node`, so this is the Node build.
    expect(abi).toBe(Number(process.versions.modules));
  });

  it('trusts the marker only for the file it describes', () => {
    const marker = { runtime: 'electron', abi: 140, size: 10, mtimeMs: 5 };
    expect(abiFromMarker(marker, { size: 10, mtimeMs: 5 })).toBe(140);
    expect(abiFromMarker(marker, { size: 11, mtimeMs: 5 })).toBeNull();
    expect(abiFromMarker('junk', { size: 10, mtimeMs: 5 })).toBeNull();
  });
});

describe('ensure-native: deciding', () => {
  const base = { runtime: 'node' as const, want: 115, exists: true, cached: false };
  it('does nothing when the build in place fits', () => {
    expect(planNative({ ...base, found: 115 }).kind).toBe('ok');
    expect(planNative({ ...base, found: 'napi' }).kind).toBe('ok');
  });
  it('switches from the cache when it can, rebuilds when it must', () => {
    expect(planNative({ ...base, found: 140, cached: true })).toMatchObject({ kind: 'from-cache' });
    expect(planNative({ ...base, found: 140 })).toEqual({ kind: 'rebuild', reason: 'the build in place is for ABI 140, Node (ABI 115) is needed' });
    expect(planNative({ ...base, found: null, runtime: 'electron', want: 140 })).toMatchObject({ kind: 'rebuild', reason: expect.stringContaining('unknown runtime') });
    expect(planNative({ ...base, found: null, exists: false })).toMatchObject({ kind: 'rebuild' });
    expect(planNative({ ...base, found: null, exists: false, cached: true })).toMatchObject({ kind: 'from-cache' });
  });
  it('keys the cache by version, platform, arch and ABI', () => {
    expect(cacheKey({ version: '12.11.1', platform: 'win32', arch: 'x64', abi: 140 })).toBe('better-sqlite3-12.11.1-win32-x64-abi140');
  });
  it("drops npm's nodedir for the Electron build (it would compile against Node's headers)", () => {
    const env = electronRebuildEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin' });
  });
});
