import fs from 'node:fs';
import { createRequire } from 'node:module';

export const SKIP_REASON =
  'Electron binary not present on this machine (download blocked); the same core and renderer are covered by the serve tests';

/** The Electron executable, or null when its download never happened (the electron package returns its path). */
export function electronBinary(): string | null {
  try {
    const p: unknown = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null; // "Electron failed to install correctly": no path.txt, i.e. no binary
  }
}
