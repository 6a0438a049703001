import { defineConfig } from '@playwright/test';

/**
 * UI tests against `shopdesk serve` (real renderer, real core, real SQLite) in Debian's Chromium. The browser is the
 * system one: never `npx playwright install`. Needs a build first (dist/main and dist/renderer).
 */
export default defineConfig({
  testDir: './test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One server per worker; the machine has two cores, and the tests walk one app.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    // A fixed starting language, so the labels a test reads are known (the app defaults from navigator.language).
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
