import fs from 'node:fs';
import type http from 'node:http';
import { UPLOAD_MAX_BYTES, UPLOAD_PATH } from '../../shared/contract/imports.js';
import type { ErrorPayload } from '../../shared/errors.js';
import type { UploadStore } from '../imports/uploads.js';
import type { StationAuth } from '../stations/auth.js';

export { UPLOAD_PATH };

export interface UploadOptions {
  uploads: UploadStore;
  auth: StationAuth;
  /** Largest body accepted (tests lower it). */
  maxBytes?: number;
  log?: (msg: string) => void;
}

export type UploadHandler = (req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string>) => void;

/** The token from `Authorization: Bearer …` or `?token=` (the same token the WebSocket takes). */
function tokenOf(req: http.IncomingMessage, url: URL): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  return url.searchParams.get('token');
}

/**
 * POST /api/upload: the browser transport's way to hand main an order file (the renderer cannot read files). The
 * raw body is streamed to the imports folder — never held in memory — under the same admission as the WebSocket:
 * the run token or a paired station's token, and (checked by the server before this runs) a loopback Host and a
 * same-origin Origin. Over `maxBytes` the upload is cut off and removed with 413. Permission to import is checked
 * when the upload is used (imports.preview), where the operator's session is known.
 */
export function createUploadHandler(o: UploadOptions): UploadHandler {
  const max = o.maxBytes ?? UPLOAD_MAX_BYTES;
  return (req, res, headers) => {
    const reply = (status: number, body: unknown) => {
      if (res.headersSent) return;
      res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' }).end(JSON.stringify(body));
    };
    const fail = (status: number, error: ErrorPayload) => {
      reply(status, { error });
      // Stop reading a refused body (an oversized or unauthorized upload) instead of draining it.
      req.unpipe();
      req.resume();
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'POST') return fail(405, { code: 'invalid_input', message: 'POST the file bytes to upload' });
    if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`) return fail(403, { code: 'forbidden', message: 'cross-origin upload refused' });
    if (!o.auth.sessionFor(tokenOf(req, url))) return fail(401, { code: 'unauthorized', message: 'missing, wrong or revoked token' });
    const name = url.searchParams.get('name') ?? '';
    if (!name.trim()) return fail(400, { code: 'invalid_input', message: 'name the file: ?name=FILE', details: { field: 'name' } });
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      return fail(413, { code: 'invalid_input', message: `the file is larger than ${Math.floor(max / 2 ** 20)} MB`, details: { field: 'file', maxBytes: max, bytes: declared } });
    }
    const { id, path } = o.uploads.begin();
    const out = fs.createWriteStream(path, { mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const abort = (status: number, error: ErrorPayload) => {
      if (failed) return;
      failed = true;
      // The stream opens its file asynchronously: remove the file once it is closed, not before it exists.
      out.once('close', () => fs.rmSync(path, { force: true }));
      out.destroy();
      fail(status, error);
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > max) abort(413, { code: 'invalid_input', message: `the file is larger than ${Math.floor(max / 2 ** 20)} MB`, details: { field: 'file', maxBytes: max } });
    });
    req.on('aborted', () => abort(400, { code: 'io_error', message: 'the upload was interrupted' }));
    out.on('error', (e) => abort(500, { code: 'io_error', message: `cannot store the upload: ${e.message}` }));
    req.pipe(out);
    out.on('finish', () => {
      if (failed) return;
      const r = o.uploads.finish(id, name, bytes);
      o.log?.(`upload ${r.uploadId}: ${r.name}, ${bytes} bytes`);
      reply(200, r);
    });
  };
}
