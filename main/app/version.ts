import { createRequire } from 'node:module';

/** The app version from package.json (dist/main/app → ../../../package.json; main/app → ../../package.json). */
export function appVersion(): string {
  const require = createRequire(import.meta.url);
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'shopdesk' && pkg.version) return pkg.version;
    } catch {
      // try the next layout
    }
  }
  return '0.0.0';
}
