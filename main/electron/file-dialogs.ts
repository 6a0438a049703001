import { dialog, type BrowserWindow } from 'electron';
import fs from 'node:fs';
import { setExportSaveDialog } from '../exports/download.js';
import { setImportFilesDialog } from '../imports/pick-dialog.js';

/**
 * The app's native file dialogs for the flows `serve` does over HTTP: which order files to import (in the browser
 * they are uploaded) and where a finished export is saved (in the browser it is a download). Main shows them; the
 * renderer only asks through ordinary contract channels, so the preload stays invoke + subscribe.
 */
export function installFileDialogs(window: () => BrowserWindow | null): void {
  setImportFilesDialog(async () => {
    const win = window();
    const opts = {
      properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
      filters: [{ name: 'Order files', extensions: ['csv', 'tsv', 'txt', 'xlsx'] }],
    };
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return r.canceled ? [] : r.filePaths;
  });
  setExportSaveDialog(async (file, suggestedName) => {
    const win = window();
    const r = win ? await dialog.showSaveDialog(win, { defaultPath: suggestedName }) : await dialog.showSaveDialog({ defaultPath: suggestedName });
    if (r.canceled || !r.filePath) return null;
    await fs.promises.copyFile(file, r.filePath);
    return r.filePath;
  });
}
