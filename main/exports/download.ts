import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPORT_DOWNLOAD_PATH } from '../../shared/contract/exports.js';

/*
 * Finished exports offered over HTTP under `serve`. The WebSocket carries the contract, but a browser saves a file
 * only from a plain GET, which cannot carry the run token in a header; so each finished export gets a one-off ticket
 * (24 random bytes) instead, handed only to the caller over the authenticated socket and good for TICKET_TTL_MS. The
 * server passes GET EXPORT_DOWNLOAD_PATH… here (one line in main/transport/ws-server.ts).
 */

const TICKET_TTL_MS = 30 * 60_000;
const MIME: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

interface Offer {
  file: string;
  name: string;
  expiresAt: number;
}

// Module-level on purpose: the HTTP server has no core to ask, and a ticket is unguessable whichever core made it.
const offers = new Map<string, Offer>();

/** Offers `file` for download under `name`; returns the path to GET on the serve origin. */
export function offerDownload(file: string, name: string, now = Date.now()): string {
  for (const [t, o] of offers) if (o.expiresAt <= now) offers.delete(t);
  const ticket = crypto.randomBytes(24).toString('base64url');
  offers.set(ticket, { file, name, expiresAt: now + TICKET_TTL_MS });
  return `${EXPORT_DOWNLOAD_PATH}${ticket}`;
}

/** Withdraws the offers of a file (its export was removed). */
export function withdrawDownload(file: string): void {
  for (const [t, o] of offers) if (o.file === file) offers.delete(t);
}

/** `attachment` with the name in RFC 5987 form (Chinese names survive) and an ASCII fallback. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** GET/HEAD EXPORT_DOWNLOAD_PATH + ticket: the file as an attachment, or 404 for an unknown or expired ticket. */
export function serveExportDownload(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  const plain = { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...plain, Allow: 'GET, HEAD' }).end('method not allowed');
    return;
  }
  const ticket = new URL(req.url ?? '/', 'http://x').pathname.slice(EXPORT_DOWNLOAD_PATH.length);
  const offer = offers.get(ticket);
  if (!offer || offer.expiresAt <= Date.now()) {
    res.writeHead(404, plain).end('this download link is unknown or has expired; export again');
    return;
  }
  fs.stat(offer.file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, plain).end('the export file is no longer there; export again');
      return;
    }
    const ext = offer.name.slice(offer.name.lastIndexOf('.') + 1);
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Content-Length': String(st.size),
      'Content-Disposition': disposition(offer.name),
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(offer.file).pipe(res);
  });
}

/**
 * The desktop app's save dialog: given the finished file and a suggested name, asks where to save, copies it there
 * and returns the path (null: the person cancelled). Set by the Electron shell; absent under serve and the CLI.
 *
 * TODO(lead): in main/electron/main.ts, once the window exists, add one line:
 *   setExportSaveDialog(async (file, name) => { const r = await dialog.showSaveDialog(win, { defaultPath: name });
 *     if (r.canceled || !r.filePath) return null; await fs.promises.copyFile(file, r.filePath); return r.filePath; });
 * No preload change is needed: `exports.save` is an ordinary contract channel.
 */
export type SaveDialog = (file: string, suggestedName: string) => Promise<string | null>;
let saveDialog: SaveDialog | null = null;

export function setExportSaveDialog(fn: SaveDialog | null): void {
  saveDialog = fn;
}

export function exportSaveDialog(): SaveDialog | null {
  return saveDialog;
}

/** True for a request the download route answers (the hook in ws-server.ts asks this first). */
export function isExportDownload(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(EXPORT_DOWNLOAD_PATH);
}
