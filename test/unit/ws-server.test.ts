import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../main/core.js';
import { startServer, type RunningServer } from '../../main/transport/ws-server.js';
import { demoCore, tmpDir } from '../helpers/tmp.js';

let core: Core;
let server: RunningServer;
let staticDir: string;

beforeAll(async () => {
  core = demoCore(200, 5);
  staticDir = tmpDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ShopDesk</title>');
  fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'outside');
  server = await startServer({ dispatch: core.dispatch, events: core.events, auth: core.stationAuth, staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  core.close();
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path: pathname, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

/** Opens a socket; resolves with it when open, or with the HTTP status that refused the upgrade. */
function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function rpc(ws: WebSocket, msg: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMsg = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      if (m.type === 'result') {
        ws.off('message', onMsg);
        resolve(m);
      }
    };
    ws.on('message', onMsg);
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  });
}

describe('serve: HTTP + WebSocket transport', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the contract without the right token', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect('?token=wrong')).toBe(401);
    expect(await connect(`?token=${server.token}x`)).toBe(401);
  });

  it('tells a page over plain HTTP whether its token is good (426) or not (401)', async () => {
    expect((await get(`/api?token=${server.token}`)).status).toBe(426);
    expect((await get('/api?token=nope')).status).toBe(401);
    expect((await get('/api')).status).toBe(401);
  });

  it('refuses a foreign Origin and a non-loopback Host (DNS rebinding)', async () => {
    expect(await connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`?token=${server.token}`, { Host: 'evil.example' })).toBe(421);
    expect((await get('/', { Host: `evil.example:${server.port}` })).status).toBe(421);
  });

  it('answers invokes, validates input, and survives garbage', async () => {
    const ws = await connect(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    const sock = ws as WebSocket;
    const counts = await rpc(sock, { type: 'invoke', id: 7, channel: 'orders.counts', input: {} });
    expect(counts).toMatchObject({ type: 'result', id: 7, ok: true, value: { all: 200 } });
    const bad = await rpc(sock, { type: 'invoke', id: 8, channel: 'orders.get', input: { id: 'x' } });
    expect(bad).toMatchObject({ id: 8, ok: false, error: { code: 'invalid_input' } });
    const garbage = await rpc(sock, '{not json');
    expect(garbage).toMatchObject({ id: -1, ok: false, error: { code: 'invalid_input' } });
    const stillAlive = await rpc(sock, { type: 'invoke', id: 9, channel: 'app.info', input: {} });
    expect(stillAlive).toMatchObject({ id: 9, ok: true });
    sock.close();
  });

  it('pushes events to connected clients', async () => {
    const sock = (await connect(`?token=${server.token}`)) as WebSocket;
    const got = new Promise<unknown>((resolve) =>
      sock.on('message', (d) => {
        const m = JSON.parse(String(d)) as { name?: string };
        if (m.name === 'orders.changed') resolve(m); // other events (a station coming online) may arrive too
      }),
    );
    core.events.emit('orders.changed', { ids: [1, 2] });
    expect(await got).toEqual({ type: 'event', name: 'orders.changed', payload: { ids: [1, 2] } });
    sock.close();
  });

  it('says plainly when the port is taken', async () => {
    const clash = startServer({ dispatch: core.dispatch, events: core.events, auth: core.stationAuth, staticDir, port: server.port });
    await expect(clash).rejects.toMatchObject({ code: 'io_error', message: `port ${server.port} on 127.0.0.1 is already in use; choose another with --port` });
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>ShopDesk</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/../secret.txt')).status).not.toBe(200);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404); // normalized by the URL parser into the root
    expect((await get('/..%2fsecret.txt')).status).toBe(403); // decoded only after parsing: the guard catches it
    expect((await get('/missing.js')).status).toBe(404);
  });
});
