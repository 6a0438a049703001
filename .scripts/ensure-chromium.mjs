// Playwright drives Debian's Chromium (never `npx playwright install`, whose download is blocked here).
// Installs it with apt-get when missing and we are root; otherwise says exactly what to do.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasCjkFont = () => {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

const missing = [];
if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk'); // Chinese text in screenshots, labels and previews
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Missing for the browser tests: ${missing.join(', ')}. Install with: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(fs.existsSync(CHROMIUM) ? 0 : 1);
}
console.error(`Installing ${missing.join(', ')} with apt-get…`);
execSync('apt-get update -qq', { stdio: 'inherit' });
execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
if (!fs.existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
