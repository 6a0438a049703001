import { defineConfig } from '@playwright/test';

/**
 * The Electron smoke test (`npm run test:electron`). It launches the real app where an Electron binary exists and
 * reports itself skipped, with the reason, where it does not. The browser tests use playwright.config.ts.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '*.spec.ts',
  globalSetup: './test/electron/global-setup.ts',
  globalTeardown: './test/electron/global-teardown.ts',
  timeout: 90_000,
  workers: 1, // one app per data folder, and single-instance locks
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results/electron',
});
