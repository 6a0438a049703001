import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'ShopDesk';

/**
 * The per-user app data folder, the same place Electron's app.getPath('userData') gives, so the desktop app and
 * the CLI find one database: %APPDATA%\ShopDesk, ~/Library/Application Support/ShopDesk, $XDG_CONFIG_HOME/ShopDesk.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

/** Database path: --db wins, then SHOPDESK_DB, then the app data folder. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SHOPDESK_DB || path.join(userDataDir(env), 'shopdesk.db');
}
