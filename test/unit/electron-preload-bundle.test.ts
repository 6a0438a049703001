import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The same bundling as `npm run build:preload`, in memory. A sandboxed preload can require almost nothing, so the
// bundle must be CommonJS and load only `electron` at run time (no zod, no node: modules slipping in).
describe('preload bundle', () => {
  it('is CommonJS and requires only electron', async () => {
    const out = await build({
      entryPoints: ['main/electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("shopdesk"');
  });
});
