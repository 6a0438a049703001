import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Core } from '../../main/core.js';
import { startServer, type RunningServer } from '../../main/transport/ws-server.js';
import { demoCore, tmpDir } from '../helpers/tmp.js';

let core: Core;
let server: RunningServer;

beforeAll(async () => {
  core = demoCore(300, 13);
  const staticDir = tmpDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ShopDesk</title>');
  server = await startServer({ dispatch: core.dispatch, events: core.events, auth: core.stationAuth, staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  core.close();
});

function postPair(code: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/pair', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}

class Client {
  private next = 1;
  private waiting = new Map<number, (m: Record<string, unknown>) => void>();
  closed: Promise<number>;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      if (m.type === 'result') this.waiting.get(m.id as number)?.(m);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }
  static open(token: string): Promise<Client | number> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${encodeURIComponent(token)}`);
      ws.on('open', () => resolve(new Client(ws)));
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    });
  }
  invoke(channel: string, input: unknown): Promise<Record<string, unknown>> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
    });
  }
}

async function signedInStation(name: string, operatorName: string, pin: string): Promise<{ client: Client; token: string; stationId: number }> {
  const owner = (await Client.open(server.token)) as Client;
  const started = await owner.invoke('stations.pairStart', { name });
  expect(started).toMatchObject({ ok: true, value: { code: expect.stringMatching(/^\d{8}$/) } });
  const code = (started.value as { code: string }).code;
  owner.ws.close();
  const paired = await postPair(code);
  expect(paired.status).toBe(200);
  const token = paired.body.token as string;
  const client = (await Client.open(token)) as Client;
  const session = await client.invoke('session.get', {});
  const stationId = (session.value as { station: { id: number } }).station.id;
  const op = core.people.operators.list().find((o) => o.name === operatorName)!;
  expect(await client.invoke('session.signIn', { operatorId: op.id, pin })).toMatchObject({ ok: true });
  return { client, token, stationId };
}

describe('stations: pairing over the LAN transport', () => {
  it('pairs a station with a one-time code; the code cannot be used twice', async () => {
    const owner = (await Client.open(server.token)) as Client;
    const r = await owner.invoke('stations.pairStart', { name: '打包台 2' });
    const code = (r.value as { code: string }).code;
    const first = await postPair(code);
    expect(first).toMatchObject({ status: 200, body: { stationName: '打包台 2' } });
    expect((first.body.token as string).length).toBeGreaterThanOrEqual(40);
    expect(await postPair(code)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await postPair('not a code')).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    // The station's session knows where it is; nobody is signed in there yet.
    const station = (await Client.open(first.body.token as string)) as Client;
    expect(await station.invoke('session.get', {})).toMatchObject({ ok: true, value: { station: { name: '打包台 2', kind: 'paired' }, operator: null } });
    expect(await station.invoke('orders.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized', details: { reason: 'signed_out' } } });
    const list = await owner.invoke('stations.list', {});
    expect((list.value as { name: string; online: boolean }[]).find((s) => s.name === '打包台 2')).toMatchObject({ online: true });
    station.ws.close();
    owner.ws.close();
  });

  it('revoking a station closes its open connection at once and refuses it afterwards', async () => {
    const { client, token, stationId } = await signedInStation('Bench to revoke', '李强', '2468');
    expect(await client.invoke('orders.counts', {})).toMatchObject({ ok: true });
    const owner = (await Client.open(server.token)) as Client;
    expect(await owner.invoke('stations.revoke', { id: stationId })).toMatchObject({ ok: true, value: { revokedAt: expect.any(Number) } });
    expect(await client.closed).toBe(4401);
    expect(await Client.open(token)).toBe(401);
    owner.ws.close();
  });
});

describe('two stations working at once', () => {
  it('never lets two stations claim the same order, however they race', async () => {
    const a = await signedInStation('Bench A', '李强', '2468');
    const b = await signedInStation('Bench B', '陈静', '1357');
    const orderIds = (core.db.prepare("SELECT id FROM orders WHERE queue IN ('to_print', 'to_pack') LIMIT 40").all() as { id: number }[]).map((r) => r.id);
    expect(orderIds.length).toBeGreaterThan(10);
    let winsA = 0;
    let winsB = 0;
    for (const id of orderIds) {
      // Both ask in the same tick, each first for half of the orders so neither always goes first.
      const claim = (x: typeof a) => x.client.invoke('orders.claim', { id, purpose: 'pack' });
      const [ra, rb] = id % 2 ? await Promise.all([claim(a), claim(b)]) : await Promise.all([claim(b), claim(a)]).then(([fromB, fromA]) => [fromA, fromB] as const);
      const oks = [ra, rb].filter((r) => r.ok);
      expect(oks, `order ${id}`).toHaveLength(1);
      const loser = ra.ok ? rb : ra;
      expect(loser).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect((loser.error as { message: string }).message).toMatch(ra.ok ? /Bench A \(李强\)/ : /Bench B \(陈静\)/);
      if (ra.ok) winsA++;
      else winsB++;
      const holder = core.db.prepare('SELECT station_id FROM order_claims WHERE order_id = ?').get(id) as { station_id: number };
      expect(holder.station_id).toBe(ra.ok ? a.stationId : b.stationId);
    }
    expect(winsA + winsB).toBe(orderIds.length);
    expect(winsA).toBeGreaterThan(0); // each station won some: the race really alternated
    expect(winsB).toBeGreaterThan(0);
    // Released by its holder, an order is free for the other station.
    const first = orderIds[0]!;
    const holderIsA = (core.db.prepare('SELECT station_id FROM order_claims WHERE order_id = ?').get(first) as { station_id: number }).station_id === a.stationId;
    const [holder, other] = holderIsA ? [a, b] : [b, a];
    expect(await holder.client.invoke('orders.release', { id: first })).toMatchObject({ ok: true });
    expect(await other.client.invoke('orders.claim', { id: first, purpose: 'ship' })).toMatchObject({ ok: true, value: { stationId: other.stationId, purpose: 'ship' } });
    a.client.ws.close();
    b.client.ws.close();
  });
});

describe('each station prints to its own printers', () => {
  it('routes a label to the printer assigned to the station that asks', async () => {
    const a = await signedInStation('Label bench A', '李强', '2468');
    const b = await signedInStation('Label bench B', '陈静', '1357');
    const owner = (await Client.open(server.token)) as Client;
    const bad = await owner.invoke('printers.save', { printer: { name: 'x', transport: 'tcp', address: 'no-port', language: 'zpl', paper: '100x150' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(bad)).toMatch(/address.*host:port/);
    const save = async (name: string, address: string) =>
      ((await owner.invoke('printers.save', { printer: { name, transport: 'tcp', address, language: 'tspl', paper: '100x150' } })).value as { id: number }).id;
    const p1 = await save('Bench A label', '127.0.0.1:9100');
    const p2 = await save('Bench B label', '127.0.0.1:9101');
    expect(await owner.invoke('stations.setPrinters', { stationId: a.stationId, label: p1, slip: null, picklist: null })).toMatchObject({ ok: true, value: { label: p1 } });
    expect(await owner.invoke('stations.setPrinters', { stationId: b.stationId, label: p2, slip: null, picklist: null })).toMatchObject({ ok: true });
    // Each station sees its own assignment without naming itself.
    expect(await a.client.invoke('stations.printers', {})).toMatchObject({ ok: true, value: { stationId: a.stationId, label: p1 } });
    expect(await b.client.invoke('stations.printers', {})).toMatchObject({ ok: true, value: { stationId: b.stationId, label: p2 } });
    const printers = core.people.printers;
    expect(printers.printerFor(a.stationId, 'label')).toMatchObject({ id: p1, address: '127.0.0.1:9100' });
    expect(printers.printerFor(b.stationId, 'label')).toMatchObject({ id: p2, address: '127.0.0.1:9101' });
    expect(() => printers.printerFor(a.stationId, 'slip')).toThrow(/no slip printer is set for station "Label bench A"; choose one in Settings → Stations/);
    // A packer may print but not re-route printers.
    expect(await a.client.invoke('stations.setPrinters', { stationId: a.stationId, label: p2, slip: null, picklist: null })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { permission: 'stations.manage' } },
    });
    expect(printers.printerFor(a.stationId, 'label').id).toBe(p1);
    for (const c of [a.client, b.client, owner]) c.ws.close();
  });
});

describe('pairing code guessing (last: the lock is per address, and every test comes from 127.0.0.1)', () => {
  it('locks out guessers: five wrong codes from one address and even the right code waits', async () => {
    const owner = (await Client.open(server.token)) as Client;
    const code = ((await owner.invoke('stations.pairStart', { name: 'Tablet' })).value as { code: string }).code;
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) expect((await postPair(wrong)).status).toBe(401);
    expect(await postPair(code)).toMatchObject({ status: 429, body: { error: { code: 'forbidden' } } });
    owner.ws.close();
  });
});
