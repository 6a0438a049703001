import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import type { Session } from '../../main/people/sessions.js';
import type { CallContext } from '../../main/transport/dispatch.js';
import { channels } from '../../shared/contract/index.js';
import { PERMISSIONS } from '../../shared/domain/people.js';
import { demoCore, tmpDir } from '../helpers/tmp.js';

const ctxOf = (session: Session): CallContext => ({ origin: 'test', session });

async function call(core: Core, session: Session, channel: string, input: unknown) {
  return core.dispatch(channel, input, ctxOf(session));
}

function freshCore(): Core {
  return createCore({ dbPath: path.join(tmpDir(), 'people.db'), checkOutputs: true, log: () => {} });
}

describe('first run', () => {
  it('allows nothing but setup until an owner exists, then signs the owner in', async () => {
    const core = freshCore();
    const s = core.people.sessions.forLocal();
    const info = await call(core, s, 'session.get', {});
    expect(info).toMatchObject({ ok: true, value: { needsSetup: true, operator: null } });
    expect(await call(core, s, 'orders.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized', details: { reason: 'needs_setup' } } });
    const setup = await call(core, s, 'session.setupOwner', { name: '周老板', pin: '2580' });
    expect(setup).toMatchObject({ ok: true, value: { needsSetup: false, operator: { name: '周老板', role: 'owner', hasPin: true } } });
    expect((setup as { value: { permissions: string[] } }).value.permissions).toEqual([...PERMISSIONS]);
    expect(await call(core, s, 'orders.list', {})).toMatchObject({ ok: true });
    // Only once: a second "first run" would let anyone crown themselves owner.
    const again = await call(core, core.people.sessions.forLocal(), 'session.setupOwner', { name: 'Mallory' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The owner has a PIN, so a new connection is not signed in by itself.
    expect(core.people.sessions.forLocal().operatorId).toBeNull();
    expect(core.db.prepare("SELECT action, actor FROM events WHERE entity = 'operator'").all()).toEqual([{ action: 'owner_created', actor: 'operator:周老板' }]);
  });
});

describe('sign-in and PINs', () => {
  it('signs in with the right PIN, refuses a wrong one, and locks after five wrong tries', async () => {
    const core = demoCore(50);
    const s = core.people.sessions.forLocal();
    const packer = core.people.operators.list().find((o) => o.name === '李强')!;
    expect(await call(core, s, 'session.signIn', { operatorId: packer.id })).toMatchObject({ ok: false, error: { code: 'unauthorized', details: { field: 'pin' } } });
    for (let i = 0; i < 4; i++) {
      expect(await call(core, s, 'session.signIn', { operatorId: packer.id, pin: '0000' })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'wrong PIN' } });
    }
    const ok = await call(core, s, 'session.signIn', { operatorId: packer.id, pin: '2468' });
    expect(ok).toMatchObject({ ok: true, value: { operator: { name: '李强', role: 'packer' }, permissions: ['orders.view', 'print.labels', 'pack.verify'] } });
    const other = core.people.sessions.forLocal();
    const reviewer = core.people.operators.list().find((o) => o.name === '王芳')!;
    for (let i = 0; i < 5; i++) await call(core, other, 'session.signIn', { operatorId: reviewer.id, pin: '9999' });
    const locked = await call(core, other, 'session.signIn', { operatorId: reviewer.id, pin: '1234' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((locked as { error: { message: string } }).error.message).toMatch(/too many wrong PINs; try again in \d+ s/);
    // Failures are recorded; the PINs tried are not.
    const logged = core.db.prepare("SELECT action, reason, data FROM events WHERE entity = 'operator'").all() as { action: string; reason: string | null; data: string | null }[];
    expect(logged.filter((e) => e.action === 'sign_in_failed')).toHaveLength(9);
    expect(JSON.stringify(logged.map((e) => [e.reason, e.data]))).not.toMatch(/2468|1234|0000|9999/);
  });

  it('stores PINs hashed, never in clear', () => {
    const core = demoCore(10);
    const rows = core.db.prepare('SELECT pin_hash FROM operators WHERE pin_hash IS NOT NULL').all() as { pin_hash: string }[];
    expect(rows.length).toBe(4);
    for (const r of rows) expect(r.pin_hash).toMatch(/^scrypt\$16384\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });
});

describe('permissions at the contract', () => {
  it('gives every channel a declared permission', () => {
    for (const [name, def] of Object.entries(channels)) expect(def.permission === null || PERMISSIONS.includes(def.permission), name).toBe(true);
  });

  it('stops a packer from managing people, permissions or stations, even calling the channels directly', async () => {
    const core = demoCore(50);
    const s = core.people.sessions.forLocal();
    const packer = core.people.operators.list().find((o) => o.name === '李强')!;
    await call(core, s, 'session.signIn', { operatorId: packer.id, pin: '2468' });
    const attempts: [string, unknown][] = [
      ['people.setPermissions', { role: 'packer', permissions: ['rules.edit', 'ship.unverified'] }],
      ['people.create', { name: 'Mallory', role: 'reviewer' }],
      ['people.update', { id: packer.id, role: 'reviewer' }],
      ['stations.pairStart', { name: 'Bench 2' }],
      ['stations.list', {}],
    ];
    for (const [channel, input] of attempts) {
      const r = await call(core, s, channel, input);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.people.sessions.permissions.of('packer')).toEqual(['orders.view', 'print.labels', 'pack.verify']);
    expect(core.db.prepare("SELECT count(*) AS n FROM operators WHERE name = 'Mallory'").get()).toEqual({ n: 0 });
    // What a packer may do still works.
    expect(await call(core, s, 'orders.list', { limit: 1 })).toMatchObject({ ok: true });
  });

  it('lets the owner adjust a role, and the change applies at once', async () => {
    const core = demoCore(50);
    const owner = core.people.sessions.forLocal(); // demo owner has no PIN: signed in by itself
    const packerSession = core.people.sessions.forLocal();
    const packer = core.people.operators.list().find((o) => o.name === '陈静')!;
    await call(core, packerSession, 'session.signIn', { operatorId: packer.id, pin: '1357' });
    expect(await call(core, packerSession, 'orders.claim', { id: 1, purpose: 'pack' })).toMatchObject({ ok: true });

    const set = await call(core, owner, 'people.setPermissions', { role: 'packer', permissions: ['orders.view', 'print.labels'] });
    expect(set).toMatchObject({ ok: true, value: ['orders.view', 'print.labels'] });
    expect(await call(core, packerSession, 'orders.claim', { id: 2, purpose: 'pack' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { permission: 'pack.verify', role: 'packer' } },
    });
    // Owner-only powers cannot be handed out.
    expect(await call(core, owner, 'people.setPermissions', { role: 'reviewer', permissions: ['people.manage'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const ev = core.db.prepare("SELECT actor, operator_id, station_id FROM events WHERE action = 'permissions_changed'").get() as Record<string, unknown>;
    expect(ev).toMatchObject({ actor: 'operator:周老板', operator_id: core.people.operators.owner()!.id, station_id: core.people.stations.local().id });
  });

  it('keeps the owner an owner', async () => {
    const core = demoCore(10);
    const owner = core.people.sessions.forLocal();
    const r = await call(core, owner, 'people.update', { id: core.people.operators.owner()!.id, active: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
