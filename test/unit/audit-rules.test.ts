import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../main/people/sessions.js';
import type { RulesView } from '../../shared/contract/audit.js';
import type { BlacklistEntry, CheckSetting, RuleInput } from '../../shared/domain/audit.js';
import { auditFixture, type AuditFixture } from '../helpers/audit-day.js';
import { tmpDir } from '../helpers/tmp.js';

let f: AuditFixture;
let owner: Session;
let reviewer: Session;

beforeEach(() => {
  f = auditFixture(path.join(tmpDir(), 'rules.db'));
  const station = f.core.people.sessions.forLocal().stationId;
  owner = { stationId: station, operatorId: f.core.people.operators.create('周老板', 'owner', undefined).id, trusted: false };
  reviewer = { stationId: station, operatorId: f.core.people.operators.create('王芳', 'reviewer', undefined).id, trusted: false };
});

const version = () => f.core.audit.service.engine.version.current();
const save = (rule: RuleInput, id?: number) => f.call<RulesView>('audit.rules.save', { id, rule }, owner);
const simple = (name: string, over: Partial<RuleInput> = {}): RuleInput => ({ name, conditions: [{ field: 'platform', op: 'in', values: ['taobao'] }], actions: [{ type: 'approve' }], ...over });
const names = (v: RulesView) => v.rules.map((r) => `${r.position}:${r.name}`);

describe('rules: save, move, remove', () => {
  it('appends, edits in place, moves and removes with dense positions; each change an event and a new rules version', async () => {
    const v0 = version();
    await save(simple('A'));
    await save(simple('B'));
    let v = await save(simple('C'));
    expect(names(v)).toEqual(['0:A', '1:B', '2:C']);
    expect(v.rules[0]).toMatchObject({ enabled: true, stop: false, updatedBy: 'operator:周老板', updatedAt: f.clock.now });
    const [a, b, c] = v.rules.map((r) => r.id) as [number, number, number];
    v = await save(simple('B2', { enabled: false, stop: true }), b);
    expect(v.rules[1]).toMatchObject({ id: b, position: 1, name: 'B2', enabled: false, stop: true });
    v = await f.call<RulesView>('audit.rules.move', { id: c, position: 0 }, owner);
    expect(names(v)).toEqual(['0:C', '1:A', '2:B2']);
    v = await f.call<RulesView>('audit.rules.move', { id: c, position: 99 }, owner); // past the end: last
    expect(names(v)).toEqual(['0:A', '1:B2', '2:C']);
    v = await f.call<RulesView>('audit.rules.remove', { id: a }, owner);
    expect(names(v)).toEqual(['0:B2', '1:C']);
    expect(version()).toBe(v0 + 7);
    const ev = f.core.db.prepare("SELECT entity_id, action, operator_id FROM events WHERE entity = 'audit_rule' ORDER BY id").all() as { entity_id: number; action: string; operator_id: number }[];
    expect(ev.map((e) => [e.entity_id, e.action])).toEqual([
      [a, 'rule_created'],
      [b, 'rule_created'],
      [c, 'rule_created'],
      [b, 'rule_changed'],
      [c, 'rule_moved'],
      [c, 'rule_moved'],
      [a, 'rule_removed'],
    ]);
    expect(new Set(ev.map((e) => e.operator_id))).toEqual(new Set([owner.operatorId]));
    // Moving to where it already is changes nothing.
    await f.call('audit.rules.move', { id: c, position: 1 }, owner);
    expect(version()).toBe(v0 + 7);
  });

  it('refuses a broken rule naming the field and value, and stores nothing', async () => {
    const bad = async (rule: RuleInput, field: string, message: RegExp) => {
      const err = await save(rule).catch((e: Error & { code: string }) => e);
      expect(err).toMatchObject({ code: 'invalid_input' });
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(field);
    };
    await bad(simple('x', { conditions: [{ field: 'total', op: 'between', value: 100 }] }), 'conditions.0.value2', /"total between" needs a second value/);
    await bad(simple('x', { conditions: [{ field: 'remark', target: 'either', op: 'contains' }] }), 'conditions.0.values', /needs at least one keyword/);
    await bad(simple('x', { conditions: [{ field: 'shop', op: 'in', values: [4242] }] }), 'conditions.0.values', /shop 4242 does not exist/);
    await bad(simple('x', { actions: [{ type: 'set_warehouse', warehouseId: 77 }] }), 'actions.0.warehouseId', /warehouse 77 does not exist/);
    await bad(simple('x', { actions: [{ type: 'approve' }, { type: 'review' }] }), 'actions', /at most one outcome/);
    // The contract's schema refuses what has no shape at all, before any handler runs.
    const r = await f.core.dispatch('audit.rules.save', { rule: { name: '', conditions: [], actions: [] } }, { origin: 'test', session: owner });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/rule.name: a rule needs a name.*rule.actions: a rule needs at least one action/) } });
    await expect(f.call('audit.rules.remove', { id: 999 }, owner)).rejects.toMatchObject({ code: 'not_found' });
    expect(f.core.db.prepare('SELECT count(*) FROM audit_rules').pluck().get()).toBe(0);
  });

  it('needs rules.edit: a reviewer may read the rules but not change them', async () => {
    await expect(f.call('audit.rules.list', {}, reviewer)).resolves.toMatchObject({ rules: [] });
    await expect(f.call('audit.rules.save', { rule: simple('A') }, reviewer)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(f.call('audit.checks.save', { check: 'seller_memo', enabled: false, outcome: 'review', params: {} }, reviewer)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(f.call('audit.run', {}, reviewer)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('conflicts the rule screen shows before any order is audited', () => {
  it('a rule after an enabled stop rule without conditions is unreachable; same conditions with different outcomes', async () => {
    const cond: RuleInput['conditions'] = [{ field: 'total', op: 'gte', value: 100000 }, { field: 'platform', op: 'in', values: ['jd'] }];
    await save({ name: 'Big JD review', conditions: cond, actions: [{ type: 'review' }] });
    await save({ name: 'Big JD approve', conditions: [...cond].reverse(), actions: [{ type: 'approve' }, { type: 'tag', tags: ['big'] }] });
    await save({ name: 'Big JD tag', conditions: cond, actions: [{ type: 'tag', tags: ['jd'] }] }); // no outcome: no conflict
    const all = await save({ name: 'Everything else', conditions: [], actions: [{ type: 'approve' }], stop: true });
    const v = await save(simple('Never'));
    const id = (n: string) => v.rules.find((r) => r.name === n)!.id;
    expect(v.conflicts).toEqual([
      { winnerId: id('Everything else'), loserId: id('Never'), on: 'unreachable', orders: 0, detail: '"Never" never runs: "Everything else" before it matches every order and stops' },
      {
        winnerId: id('Big JD review'),
        loserId: id('Big JD approve'),
        on: 'outcome',
        orders: 0,
        detail: '"Big JD review" and "Big JD approve" test the same conditions but decide review and approve: "Big JD approve"\'s approve never applies',
      },
    ]);
    // A disabled stop rule hides nothing.
    const stopper = all.rules.find((r) => r.name === 'Everything else')!;
    const after = await save({ name: stopper.name, conditions: [], actions: [{ type: 'approve' }], stop: true, enabled: false }, stopper.id);
    expect(after.conflicts.map((c) => c.on)).toEqual(['outcome']);
  });
});

describe('check settings', () => {
  it('lists every built-in check with its defaults; saves validated params; names a bad param', async () => {
    const { checks } = await f.call<{ checks: CheckSetting[] }>('audit.checks.list', {});
    expect(checks.map((c) => c.check)).toEqual(['unmapped_sku', 'out_of_stock', 'address_invalid', 'duplicate_order', 'blacklisted', 'buyer_message', 'seller_memo', 'amount_outlier', 'platform_risk']);
    expect(checks.find((c) => c.check === 'blacklisted')).toMatchObject({ enabled: true, outcome: 'hold' });
    const v0 = version();
    const saved = await f.call<{ checks: CheckSetting[] }>('audit.checks.save', { check: 'duplicate_order', enabled: true, outcome: 'hold', params: { windowMinutes: 120 } }, owner);
    expect(saved.checks.find((c) => c.check === 'duplicate_order')).toEqual({ check: 'duplicate_order', enabled: true, outcome: 'hold', params: { windowMinutes: 120 } });
    expect(version()).toBe(v0 + 1);
    expect(f.core.db.prepare("SELECT actor, action, reason FROM events WHERE entity = 'audit_check'").get()).toEqual({ actor: 'operator:周老板', action: 'check_changed', reason: 'duplicate_order' });
    const err = await f.call('audit.checks.save', { check: 'duplicate_order', enabled: true, outcome: 'review', params: { windowMinutes: -5 } }, owner).catch((e: Error & { code: string }) => e);
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect((err as Error).message).toMatch(/check duplicate_order: param windowMinutes.*-5/);
    const unknown = await f.call('audit.checks.save', { check: 'seller_memo', enabled: true, outcome: 'review', params: { colour: 'red' } }, owner).catch((e: Error) => e.message);
    expect(unknown).toMatch(/unknown param colour/);
    expect(version()).toBe(v0 + 1);
  });
});

describe('the blacklist through the audit channels', () => {
  it('adds normalized entries and removes them, each recorded, each a new rules version; a listed buyer is held', async () => {
    const id = f.put({ buyerPhone: '+86 139 0013 9000' });
    await f.call('audit.run', {});
    expect(f.state(id).queue).toBe('to_print');
    const v0 = version();
    const { entries } = await f.call<{ entries: BlacklistEntry[] }>('audit.blacklist.add', { kind: 'phone', value: '139-0013-9000', note: '恶意退款' }, owner);
    expect(entries).toMatchObject([{ kind: 'phone', value: '13900139000', note: '恶意退款', createdBy: 'operator:周老板' }]);
    expect(version()).toBe(v0 + 1);
    expect(f.core.audit.service.engine.changed()).toEqual([id]);
    await f.core.audit.service.runner.runChanged();
    expect(f.state(id)).toMatchObject({ queue: 'on_hold', workflow: 'approved', flags: [{ kind: 'hold', reason: 'blacklisted' }] });
    const dup = await f.call('audit.blacklist.add', { kind: 'phone', value: '13900139000' }, owner).catch((e: { code: string }) => e.code);
    expect(dup).toBe('conflict');
    const after = await f.call<{ entries: BlacklistEntry[] }>('audit.blacklist.remove', { id: entries[0]!.id }, owner);
    expect(after.entries).toEqual([]);
    expect(version()).toBe(v0 + 2);
    await f.core.audit.service.runner.runChanged();
    expect(f.state(id)).toEqual({ queue: 'to_print', workflow: 'approved', flags: [] });
    const ev = f.core.db.prepare("SELECT action, operator_id FROM events WHERE entity = 'audit_blacklist' ORDER BY id").all();
    expect(ev).toEqual([
      { action: 'added', operator_id: owner.operatorId },
      { action: 'removed', operator_id: owner.operatorId },
    ]);
  });
});
