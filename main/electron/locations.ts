import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OwnPage } from './security-policy.js';

/** Where the shell finds its files and keeps its data. Pure, so the layout is tested without Electron. */
export interface ShellLocations {
  /** Overrides app.getPath('userData') when set (tests, a second profile); null = Electron's own place. */
  userDataOverride: string | null;
  dbPath: string;
  windowStateFile: string;
  preloadFile: string;
  page: OwnPage;
}

export interface LocationInput {
  /** The folder of the running main.js: dist/main/electron (inside app.asar when packaged). */
  mainDir: string;
  /** app.getPath('userData') after any override was applied. */
  userData: string;
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
}

/** SHOPDESK_USER_DATA moves all app data (database, window state, logs): the smoke test uses a temp folder. */
export function userDataOverride(env: NodeJS.ProcessEnv): string | null {
  const dir = env.SHOPDESK_USER_DATA?.trim();
  return dir ? path.resolve(dir) : null;
}

export function shellLocations(input: LocationInput): ShellLocations {
  const { mainDir, userData, env, isPackaged } = input;
  // The dev server is honoured only in a development run: a packaged app must never load a page named by the env.
  const devUrl = !isPackaged ? env.SHOPDESK_DEV_SERVER_URL?.trim() : undefined;
  const page: OwnPage = devUrl
    ? { kind: 'dev', url: devUrl }
    : { kind: 'file', url: pathToFileURL(path.join(mainDir, '..', '..', 'renderer', 'index.html')).href };
  return {
    userDataOverride: userDataOverride(env),
    // Same rule as the CLI (main/app/paths.ts defaultDbPath): SHOPDESK_DB wins, else userData/shopdesk.db.
    dbPath: env.SHOPDESK_DB || path.join(userData, 'shopdesk.db'),
    windowStateFile: path.join(userData, 'window-state.json'),
    preloadFile: path.join(mainDir, 'preload.cjs'),
    page,
  };
}
