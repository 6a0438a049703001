import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, WS_CLOSE_UNAUTHORIZED, WS_PATH, type ServerMessage } from '../../shared/contract/wire.js';
import { AppError } from '../../shared/errors.js';
import { isExportDownload, serveExportDownload } from '../exports/download.js';
import type { Session } from '../people/sessions.js';
import type { StationAuth } from '../stations/auth.js';
import { toErrorPayload, type Dispatch } from './dispatch.js';
import type { EventBus } from './event-bus.js';
import { contentSecurityPolicy, serveStatic } from './static-files.js';
import { createUploadHandler, UPLOAD_PATH } from './upload.js';
import type { UploadStore } from '../imports/uploads.js';

export interface ServeOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Who may connect: the run token (this computer) and paired stations' tokens. */
  auth: (runToken: string) => StationAuth;
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed run token (tests); otherwise a fresh random one per run. */
  token?: string;
  log?: (msg: string) => void;
  /** Where POST /api/upload stores order files for import (core.imports.uploads); without it uploads are 404. */
  uploads?: UploadStore;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  token: string;
  /** Addresses a second station on the LAN can open (empty when bound to loopback). */
  stationUrls: string[];
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1 << 20;

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** The computer's LAN IPv4 addresses, for the pairing link a station opens. */
function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => Boolean(a && a.family === 'IPv4' && !a.internal))
    .map((a) => a.address);
}

const PAIR_PATH = '/pair';

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
  socket.destroy();
}

/**
 * `shopdesk serve`: the built renderer over HTTP and the contract over a WebSocket on one port. Bound to 127.0.0.1
 * unless told otherwise. The contract needs the per-run token; on loopback the Host header must be a loopback name
 * (so a web page cannot reach the API through DNS rebinding) and a browser's Origin must be this server.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const auth = opts.auth(token);
  const log = opts.log ?? (() => {});
  const sockets = new Map<WebSocket, Session>();
  const upload = opts.uploads ? createUploadHandler({ uploads: opts.uploads, auth, log }) : null;

  const hostAllowed = (hostHeader: string | undefined): boolean => {
    if (!isLoopback(host)) return true; // LAN mode: the token is the gate
    if (!hostHeader) return false;
    const name = hostHeader.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    return isLoopback(name);
  };

  const server = http.createServer((req, res) => {
    const hostHeader = req.headers.host;
    if (!hostAllowed(hostHeader)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
      return;
    }
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy(`ws://${hostHeader}`),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (req.url === PAIR_PATH) return handlePair(req, res, headers);
    if (upload && (req.url === UPLOAD_PATH || req.url?.startsWith(`${UPLOAD_PATH}?`))) return upload(req, res, headers);
    if (isExportDownload(req.url)) return serveExportDownload(req, res, headers);
    // A browser cannot read why a WebSocket upgrade failed; the page asks here to tell "wrong token" from "offline".
    if (req.url?.startsWith(`${WS_PATH}?`) || req.url === WS_PATH) {
      const ok = auth.sessionFor(new URL(req.url, 'http://x').searchParams.get('token')) !== null;
      res.writeHead(ok ? 426 : 401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(ok ? 'Upgrade Required' : 'Unauthorized');
      return;
    }
    serveStatic(opts.staticDir, req, res, headers);
  });

  /** POST /pair {"code"}: a new station trades the one-time code for its own token. */
  function handlePair(req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string>) {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
    if (req.method !== 'POST') return reply(405, { error: { code: 'invalid_input', message: 'POST a JSON body {"code"}' } });
    if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`) return reply(403, { error: { code: 'forbidden', message: 'cross-origin pairing refused' } });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
      if (body.length > 1024) req.destroy();
    });
    req.on('end', () => {
      let code: unknown;
      try {
        code = (JSON.parse(body) as { code?: unknown }).code;
      } catch {
        code = undefined;
      }
      if (typeof code !== 'string' || !/^[\d\s]{1,20}$/.test(code)) {
        return reply(400, { error: { code: 'invalid_input', message: 'the pairing code is 8 digits', details: { field: 'code' } } });
      }
      try {
        const paired = auth.pair(code, req.socket.remoteAddress ?? '?');
        log(`paired a new station "${paired.stationName}" from ${req.socket.remoteAddress}`);
        reply(200, { token: paired.token, stationName: paired.stationName });
      } catch (e) {
        const err = toErrorPayload(e);
        reply(err.code === 'forbidden' ? 429 : err.code === 'unauthorized' ? 401 : 500, { error: err });
      }
    });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req.headers.host)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) return refuseUpgrade(socket, 403, 'Forbidden');
    const session = auth.sessionFor(url.searchParams.get('token'));
    if (!session) {
      log(`refused a connection from ${req.socket.remoteAddress}: missing, wrong or revoked token`);
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, session));
  });

  wss.on('connection', (ws: WebSocket, req: http.IncomingMessage, session: Session) => {
    sockets.set(ws, session);
    const leave = session.stationId ? auth.join(session.stationId) : () => {};
    const ctx = { origin: `ws:${req.socket.remoteAddress ?? '?'}`, session };
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    ws.on('close', () => {
      clearInterval(ping);
      sockets.delete(ws);
      leave();
    });
    ws.on('message', (data, isBinary) => {
      void handleMessage(ws, isBinary ? null : data.toString(), ctx);
    });
  });

  const send = (ws: WebSocket, msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  async function handleMessage(ws: WebSocket, text: string | null, ctx: { origin: string; session: Session }) {
    let raw: unknown;
    try {
      raw = text === null ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const msg = ClientMessage.safeParse(raw);
    if (!msg.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send(ws, { type: 'result', id, ok: false, error: { code: 'invalid_input', message: 'malformed message: expected {type:"invoke", id, channel, input}' } });
      return;
    }
    const result = await opts.dispatch(msg.data.channel, msg.data.input, ctx);
    send(ws, { type: 'result', id: msg.data.id, ...result });
  }

  const unsubscribe = opts.events.subscribe((name, payload) => {
    const text = JSON.stringify({ type: 'event', name, payload } satisfies ServerMessage);
    for (const ws of sockets.keys()) if (ws.readyState === ws.OPEN) ws.send(text);
  });
  // A revoked station is cut off at once, not at its next reconnect.
  const unRevoke = auth.onRevoke((stationId) => {
    for (const [ws, s] of sockets) if (s.stationId === stationId) ws.close(WS_CLOSE_UNAUTHORIZED, 'station revoked');
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new AppError('io_error', `port ${opts.port} on ${host} is already in use; choose another with --port`, { port: opts.port, host }));
      else if (e.code === 'EADDRNOTAVAIL') reject(new AppError('io_error', `${host} is not an address of this computer`, { host }));
      else reject(e);
    };
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const stationHosts = isLoopback(host) ? [] : host === '0.0.0.0' ? lanAddresses() : [host];
  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    host,
    port,
    token,
    stationUrls: stationHosts.map((h) => `http://${h}:${port}/`),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        unRevoke();
        for (const ws of sockets.keys()) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
