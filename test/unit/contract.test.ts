import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { channels } from '../../shared/contract/index.js';
import { demoCore, TEST_CTX } from '../helpers/tmp.js';

let core: Core;
beforeAll(() => {
  core = demoCore(300, 3);
});

describe('contract at the transport boundary', () => {
  it('has a handler for every channel and no handler outside the contract', () => {
    expect(Object.keys(core.handlers).sort()).toEqual(Object.keys(channels).sort());
  });

  it('refuses unknown channels by name', async () => {
    const r = await core.dispatch('orders.delete_everything', {}, TEST_CTX);
    expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'unknown channel "orders.delete_everything"', details: { channel: 'orders.delete_everything' } } });
    const proto = await core.dispatch('__proto__', {}, TEST_CTX);
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('rejects malformed input with an error that names each bad field, and writes nothing', async () => {
    const changesBefore = core.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    const eventsBefore = core.db.prepare('SELECT count(*) AS n FROM events').get();
    const cases: [string, unknown, string[]][] = [
      ['orders.list', { limit: 0 }, ['limit']],
      ['orders.list', { limit: 'all', queue: 'lost' }, ['limit', 'queue']],
      ['orders.list', { sort: { field: 'buyer; DROP', dir: 'up' } }, ['sort.field', 'sort.dir']],
      ['orders.list', { unexpected: true }, ['(input)']],
      ['orders.list', { shopIds: [-1] }, ['shopIds.0']],
      ['orders.list', { search: 'x'.repeat(101) }, ['search']],
      ['orders.get', { id: '12' }, ['id']],
      ['orders.get', null, ['(input)']],
      ['orders.counts', { platforms: ['ebay'] }, ['platforms.0']],
      ['app.info', 'hello', ['(input)']],
    ];
    for (const [channel, input, fields] of cases) {
      const r = await core.dispatch(channel, input, TEST_CTX);
      expect(r.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message.startsWith(`${channel}: `)).toBe(true);
      const paths = (r.error.details?.issues as { path: string }[]).map((i) => i.path);
      for (const f of fields) expect(paths, `${channel} should name ${f}`).toContain(f);
    }
    expect(core.db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
    expect(core.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(eventsBefore);
  });

  it('fills defaults and returns outputs that satisfy the output schemas', async () => {
    for (const [channel, input] of [
      ['app.info', {}],
      ['shops.list', {}],
      ['orders.list', {}],
      ['orders.counts', {}],
      ['orders.get', { id: 1 }],
    ] as const) {
      const r = await core.dispatch(channel, input, TEST_CTX);
      expect(r.ok, channel).toBe(true);
      if (r.ok) expect(channels[channel].output.safeParse(r.value).success, channel).toBe(true);
    }
  });

  it('never sends shop credentials to the renderer', async () => {
    core.db.prepare("UPDATE shops SET credentials_enc = x'deadbeef' WHERE id = 1").run();
    const r = await core.dispatch('shops.list', {}, TEST_CTX);
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/credentials_enc|deadbeef/i);
    expect((r as { value: { id: number; hasCredentials: boolean }[] }).value.find((s) => s.id === 1)?.hasCredentials).toBe(true);
  });

  it('reports a handler that breaks its output schema as an internal error instead of passing it on', async () => {
    const { createDispatcher } = await import('../../main/transport/dispatch.js');
    const broken = createDispatcher({ ...core.handlers, 'app.info': () => ({ version: 1 }) as never }, { checkOutputs: true });
    const r = await broken('app.info', {}, TEST_CTX);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).toMatch(/breaks the contract/);
  });
});
