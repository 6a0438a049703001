import { BrowserWindow, app, type PrinterInfo, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { toPrintOptions, type OsPrintRequest } from './print-options.js';

export type { OsPrintRequest, PrintSource } from './print-options.js';

/** The PDF viewer draws after the load event; printing before it has painted gives blank pages. */
const PDF_SETTLE_MS = 500;

/**
 * Prints HTML or a PDF on an OS printer through a hidden, sandboxed window. The content goes through a temp file
 * (not a data: URL, whose size Chromium caps) that is removed afterwards. Resolves when the job was handed to the
 * spooler; rejects with Chromium's reason ("Print job canceled", "Invalid printer settings", …).
 */
export async function printOnOsPrinter(req: OsPrintRequest): Promise<void> {
  const options = toPrintOptions(req); // validate before opening anything
  const isPdf = req.source.kind === 'pdf';
  const file = path.join(app.getPath('temp'), `shopdesk-print-${randomUUID()}.${isPdf ? 'pdf' : 'html'}`);
  await fs.writeFile(file, req.source.kind === 'pdf' ? req.source.data : req.source.html);
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      // Layouts are static HTML: no script runs in it. The PDF viewer is a plugin and needs plugins + its own script.
      javascript: isPdf,
      plugins: isPdf,
      spellcheck: false,
    },
  });
  try {
    await win.loadFile(file);
    if (isPdf) await new Promise((r) => setTimeout(r, PDF_SETTLE_MS));
    await new Promise<void>((resolve, reject) => {
      win.webContents.print(options, (success, failureReason) => (success ? resolve() : reject(new Error(failureReason || 'print failed'))));
    });
  } finally {
    win.destroy();
    await fs.rm(file, { force: true });
  }
}

/** The OS's printers. Uses the given page when there is one, else a throwaway hidden window. */
export async function listOsPrinters(contents?: WebContents): Promise<PrinterInfo[]> {
  if (contents && !contents.isDestroyed()) return contents.getPrintersAsync();
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
  try {
    return await win.webContents.getPrintersAsync();
  } finally {
    win.destroy();
  }
}
