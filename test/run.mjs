// `npm test`: everything CI runs, in order, stopping at the first broken stage, then one closing line
// "tests: N passed, N failed, N skipped" that adds up vitest, Playwright (serve) and the Electron smoke test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const results = 'test-results';
fs.mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return r.status ?? 1;
}

function stage(title, cmd, args) {
  const status = run(title, cmd, args);
  if (status !== 0) finish(`${title} failed (exit ${status})`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest(file) {
  const j = readJson(file);
  if (!j) return false;
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  return true;
}

function countPlaywright(file) {
  const j = readJson(file);
  if (!j?.stats) return false;
  totals.passed += (j.stats.expected ?? 0) + (j.stats.flaky ?? 0);
  totals.failed += j.stats.unexpected ?? 0;
  totals.skipped += j.stats.skipped ?? 0;
  return true;
}

function finish(problem) {
  console.log('');
  if (problem) console.log(`npm test: ${problem}`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(problem || totals.failed > 0 ? 1 : 0);
}

stage('chromium', 'node', ['.scripts/ensure-chromium.mjs']);
if (fs.existsSync('.scripts/ensure-native.mjs')) stage('native module', 'node', ['.scripts/ensure-native.mjs', 'node']);
stage('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
stage('lint', 'npx', ['eslint', '.']);
stage('build', 'npm', ['run', 'build']);

const unit = run('unit and integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/vitest.json`]);
if (!countVitest(`${results}/vitest.json`)) finish(`vitest produced no report (exit ${unit})`);

const e2e = run('browser (Playwright + Chromium against shopdesk serve)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json`,
});
if (!countPlaywright(`${results}/playwright.json`)) finish(`Playwright produced no report (exit ${e2e})`);

if (fs.existsSync('playwright.electron.config.ts')) {
  const el = run('Electron smoke (skipped where no Electron binary exists)', 'npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/electron.json`,
  });
  if (!countPlaywright(`${results}/electron.json`)) finish(`Electron smoke produced no report (exit ${el})`);
}
finish(unit !== 0 || e2e !== 0 ? 'some tests failed' : null);
