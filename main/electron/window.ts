import { BrowserWindow, screen } from 'electron';
import type { ShellLocations } from './locations.js';
import type { FileLog } from './log.js';
import { loadWindowState, restoreWindowState, saveWindowState } from './window-state.js';

const DEFAULT_SIZE = { width: 1280, height: 800 };
// The order queue needs this much room; small laptops at the packing bench (1366×768) still fit it.
const MIN_SIZE = { width: 960, height: 600 };

export function createMainWindow(loc: ShellLocations, log: FileLog): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  const state = restoreWindowState({
    saved: loadWindowState(loc.windowStateFile),
    workAreas: [primary.workArea, ...others.map((d) => d.workArea)],
    defaultSize: DEFAULT_SIZE,
    minSize: MIN_SIZE,
  });

  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'ShopDesk',
    show: false, // shown on ready-to-show: no white flash while the page loads
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: loc.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  win.on('close', () => {
    try {
      // Normal bounds: a maximized window remembers the size it returns to, not the screen size.
      saveWindowState(loc.windowStateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      log.error('could not save the window position', e);
    }
  });
  win.webContents.on('did-fail-load', (_e, code, description, url) => {
    log.error(`page failed to load (${code} ${description}): ${url}`);
    win.show(); // an empty window is better than an invisible app
  });
  win.webContents.on('render-process-gone', (_e, details) => log.error(`renderer gone: ${details.reason} (exit ${details.exitCode})`));

  void win.loadURL(loc.page.url).catch((e: unknown) => log.error(`could not load ${loc.page.url}`, e));
  return win;
}

/** A second launch brings the existing window forward instead of opening another copy on the same database. */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
