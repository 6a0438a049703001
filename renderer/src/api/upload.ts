import { UPLOAD_MAX_BYTES, UPLOAD_PATH, UploadResult } from '../../../shared/contract/imports.js';
import { isErrorPayload } from '../../../shared/errors.js';
import { api } from './client.js';
import { ApiError } from './errors.js';
import { currentToken } from './token.js';

export type { UploadResult };

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * How an order file reaches main. Two ways, one result ({uploadId, name, bytes}, then `imports.inspect`):
 * - 'browser' (`shopdesk serve`): the page holds File objects (file input, drag and drop) and POSTs their bytes to
 *   main over HTTP with the token the WebSocket uses.
 * - 'dialog' (Electron): there is no HTTP server; main opens its own file dialog and registers the picked path, so the
 *   bytes never cross IPC.
 * Screens ask `fileSource()` once and offer a drop zone only when `kind` is 'browser'.
 */
export interface FileSource {
  readonly kind: 'browser' | 'dialog';
  /** browser: sends one file; rejects with ApiError (main's code) or an AbortError when `signal` fires. */
  upload(file: File, opts?: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal }): Promise<UploadResult>;
  /** dialog: lets the seller pick files in main's dialog; [] when the dialog was closed without a choice. */
  pick(): Promise<UploadResult[]>;
}

function abortError(): DOMException {
  return new DOMException('the upload was cancelled', 'AbortError');
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** main's `{error: {code, message, details}}`, or words for an answer that is not one (a proxy page, a crash). */
function errorOf(status: number, text: string, name: string): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: fall through to the status
  }
  const error = (body as { error?: unknown } | null)?.error;
  if (isErrorPayload(error)) return new ApiError(error);
  const code = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 413 ? 'invalid_input' : 'io_error';
  return new ApiError({ code, message: `${name}: the upload was refused (HTTP ${status})`, details: { file: name, status } });
}

/**
 * POSTs the raw bytes (not multipart) to UPLOAD_PATH. XMLHttpRequest rather than fetch: only it reports upload
 * progress, and a 100 MB export takes long enough on a slow disk that the seller should see it move.
 */
function httpUpload(file: File, opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}): Promise<UploadResult> {
  const { onProgress, signal } = opts;
  if (file.size > UPLOAD_MAX_BYTES) {
    const mb = (n: number) => Math.ceil(n / 1048576);
    return Promise.reject(
      new ApiError({ code: 'invalid_input', message: `${file.name}: ${mb(file.size)} MB is over the ${mb(UPLOAD_MAX_BYTES)} MB limit`, details: { file: file.name } }),
    );
  }
  // The same token the WebSocket was opened with (run token or this station's own), held since the page opened.
  const token = currentToken();
  if (!token) return Promise.reject(new ApiError({ code: 'unauthorized', message: 'this page has no access token' }));
  if (signal?.aborted) return Promise.reject(abortError());

  return new Promise<UploadResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.open('POST', `${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      done();
      if (xhr.status !== 200) return reject(errorOf(xhr.status, xhr.responseText, file.name));
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // checked below
      }
      const parsed = UploadResult.safeParse(json);
      if (!parsed.success) return reject(new ApiError({ code: 'internal', message: `${file.name}: the upload answer does not match the contract` }));
      onProgress?.({ loaded: file.size, total: file.size });
      resolve(parsed.data);
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError({ code: 'offline', message: `${file.name}: the connection to ShopDesk was lost during the upload`, details: { file: file.name } }));
    };
    xhr.onabort = () => {
      done();
      reject(abortError());
    };
    xhr.send(file);
  });
}

/** Electron: main shows its own file dialog and registers the picked paths (the bytes never cross IPC). */
function dialogPick(): Promise<UploadResult[]> {
  return api.invoke('imports.pickFiles', {});
}

let source: FileSource | null = null;

/** Chosen once, like the api transport: the Electron bridge when present, else HTTP to the serve origin. */
export function fileSource(): FileSource {
  if (source) return source;
  source = window.shopdesk
    ? {
        kind: 'dialog',
        upload: () => Promise.reject(new ApiError({ code: 'internal', message: 'the desktop window imports through its file dialog' })),
        pick: dialogPick,
      }
    : { kind: 'browser', upload: httpUpload, pick: () => Promise.resolve([]) };
  return source;
}
