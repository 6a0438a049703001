import { parse as csvParse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { CsvParser, type TableRecord } from '../../main/imports/source/csv-parser.js';
import { startServer, type RunningServer } from '../../main/transport/ws-server.js';
import { encodeText, shopsFor, taobaoOrderReport, taobaoOrders, toCsv, writeSheet } from '../helpers/import-files.js';
import { tmpDir } from '../helpers/tmp.js';

let core: Core;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = tmpDir();
  core = createCore({ dbPath: path.join(dir, 'shop.db'), log: () => {}, checkOutputs: true });
  shopsFor(core.db, ['taobao']);
  const staticDir = tmpDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  server = await startServer({ dispatch: core.dispatch, events: core.events, auth: core.stationAuth, staticDir, port: 0, token: 'run-token-123456', uploads: core.imports.uploads });
});
afterAll(async () => {
  await server.close();
  core.close();
});

function post(pathname: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, method: 'POST', headers: { 'Content-Length': String(body.length), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: res.headers['content-type']?.startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /api/upload', () => {
  const file = () => encodeText(toCsv(taobaoOrderReport(taobaoOrders(3))), 'gbk');

  it('refuses without the token, with a wrong one, and cross-origin; stores nothing', async () => {
    const before = fs.existsSync(core.imports.uploads.dir) ? fs.readdirSync(core.imports.uploads.dir).length : 0;
    expect((await post('/api/upload?name=a.csv', file())).status).toBe(401);
    expect((await post('/api/upload?name=a.csv', file(), { Authorization: 'Bearer wrong' })).json).toEqual({ error: { code: 'unauthorized', message: 'missing, wrong or revoked token' } });
    expect((await post('/api/upload?name=a.csv&token=run-token-123456', file(), { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('/api/upload?name=a.csv', file(), { Authorization: 'Bearer run-token-123456', Host: 'evil.example' })).status).toBe(421);
    const after = fs.existsSync(core.imports.uploads.dir) ? fs.readdirSync(core.imports.uploads.dir).length : 0;
    expect(after).toBe(before);
  });

  it('streams an upload to the imports folder and previews it through the contract', async () => {
    const r = await post(`/api/upload?name=${encodeURIComponent('订单报表.csv')}`, file(), { Authorization: 'Bearer run-token-123456' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ name: '订单报表.csv', bytes: file().length });
    const inspect = await core.dispatch('imports.inspect', { uploadId: r.json!.uploadId }, { origin: 'test', session: core.people.sessions.cli() });
    expect(inspect).toMatchObject({ ok: true, value: { format: 'taobao-orders', encoding: 'gb18030', platform: 'taobao' } });
  });

  it('refuses over the size cap (declared or streamed) with 413 and keeps no partial file', async () => {
    const { createUploadHandler } = await import('../../main/transport/upload.js');
    const handler = createUploadHandler({ uploads: core.imports.uploads, auth: core.stationAuth('tok-abcdefgh'), maxBytes: 1000 });
    const srv = http.createServer((req, res) => handler(req, res, {}));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const send = (body: Buffer, chunked: boolean) =>
      new Promise<number>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/api/upload?name=big.csv', method: 'POST', headers: { Authorization: 'Bearer tok-abcdefgh', ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(body.length) }) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(-1));
        req.end(body);
      });
    const before = fs.readdirSync(core.imports.uploads.dir).length;
    expect(await send(Buffer.alloc(5000, 65), false)).toBe(413);
    expect(await send(Buffer.alloc(5000, 65), true)).toBe(413);
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(core.imports.uploads.dir).length).toBe(before);
    await new Promise<void>((r) => srv.close(() => r()));
  });
});

describe('CSV parser', () => {
  it('reads what csv-parse reads (quotes, doubled quotes, newlines in quotes, CRLF/LF/CR, empty fields), across any chunking', () => {
    const text = 'a,b,c\r\n1,"x,y","say ""hi"""\r\n2,"line1\nline2",\n"",,"end"\n3,plain,last\rtail,"q"\r\n';
    const expected = csvParse(text, { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const p = new CsvParser(',', 't.csv');
      const out: TableRecord[] = [];
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size), out);
      p.end(out);
      expect(out.map((r) => r.cells), `chunk ${size}`).toEqual(expected);
      expect(out.map((r) => r.row)).toEqual(expected.map((_, i) => i + 1));
    }
  });

  it('keeps formula-protected ids and quotes inside unquoted values literally, and flags a file ending inside quotes', () => {
    const p = new CsvParser(',', 't.csv');
    const out: TableRecord[] = [];
    p.push('="3000000000000000001",5" screen\n"open', out);
    p.end(out);
    expect(out).toEqual([{ row: 1, cells: ['="3000000000000000001"', '5" screen'] }, { row: 2, cells: ['open'], truncated: true }]);
  });
});

describe('shopdesk import', () => {
  it('dry-runs, then imports, then finds everything unchanged (exit 0, JSON on stdout)', () => {
    const db = path.join(tmpDir(), 'cli.db');
    const c = createCore({ dbPath: db, log: () => {} });
    shopsFor(c.db, ['taobao']);
    c.close();
    const file = writeSheet(path.join(dir, 'cli.csv'), taobaoOrderReport(taobaoOrders(3)), 'gbk');
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', '--db', db, 'import', file, ...args], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    const dry = run('--dry-run', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ preview: { counts: { new: 3, updated: 0, unchanged: 0, invalid: 0 }, files: [{ format: 'taobao-orders', encoding: 'gb18030' }] }, commit: null });
    const real = run('--json');
    expect(JSON.parse(real.stdout)).toMatchObject({ commit: { counts: { new: 3 }, changed: 3 } });
    const again = run();
    expect(again.stdout).toContain('stored: 0 new, 0 updated, 3 unchanged; 0 invalid not imported');
    const bad = run('--format', 'ebay-orders', '--json');
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'invalid_input' } });
    expect(fs.existsSync(file)).toBe(true);
  }, 60_000);
});
