import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../main/audit/flags.js';
import type { Session } from '../../main/people/sessions.js';
import type { AuditKpi, DecideResult, ReviewList } from '../../shared/contract/audit.js';
import type { AuditExplanation } from '../../shared/domain/audit.js';
import { auditFixture, type AuditFixture } from '../helpers/audit-day.js';
import { tmpDir } from '../helpers/tmp.js';

const HOUR = 3_600_000;
let f: AuditFixture;
let owner: Session;
let reviewer: Session;
let packer: Session;
let otherStation: Session;

beforeEach(async () => {
  f = auditFixture(path.join(tmpDir(), 'decide.db'));
  const ops = f.core.people.operators;
  const station = f.core.people.sessions.forLocal().stationId;
  owner = { stationId: station, operatorId: ops.create('周老板', 'owner', undefined).id, trusted: false };
  reviewer = { stationId: station, operatorId: ops.create('王芳', 'reviewer', undefined).id, trusted: false };
  packer = { stationId: station, operatorId: ops.create('李强', 'packer', undefined).id, trusted: false };
  const { code } = f.core.people.stations.pairStart('打包台 2', owner.operatorId);
  const paired = f.core.people.stations.redeem(code).station;
  otherStation = { stationId: paired.id, operatorId: packer.operatorId, trusted: false };
});

const run = () => f.call('audit.run', {});
const decide = (input: unknown, s: Session) => f.call<DecideResult>('audit.decide', input, s);
const lastEvent = (id: number) =>
  f.core.db.prepare("SELECT actor, action, reason, data, operator_id, station_id FROM events WHERE entity = 'order' AND entity_id = ? ORDER BY id DESC LIMIT 1").get(id) as {
    actor: string;
    action: string;
    reason: string | null;
    data: string;
    operator_id: number | null;
    station_id: number | null;
  };

describe('decisions', () => {
  it('approve: exceptions cleared, workflow approved, one event with the person and note; the audit does not raise it again', async () => {
    const id = f.put({ buyerMessage: '周末送' });
    await run();
    expect(f.state(id).queue).toBe('review');
    f.clock.now += 60_000; // a person reads it
    const r = await decide({ orderIds: [id], decision: 'approve', note: '周末有人' }, reviewer);
    expect(r.results).toEqual([{ orderId: id, ok: true, queue: 'to_print', error: null }]);
    expect(f.state(id)).toEqual({ queue: 'to_print', workflow: 'approved', flags: [] });
    const ev = lastEvent(id);
    expect(ev).toMatchObject({ actor: 'operator:王芳', action: 'approved', reason: '周末有人', operator_id: reviewer.operatorId, station_id: reviewer.stationId });
    expect(JSON.parse(ev.data)).toEqual({ released: ['buyer_message'], override: [], queue: 'to_print' });
    expect(f.core.db.prepare('SELECT released_by FROM order_flags WHERE order_id = ?').pluck().get(id)).toBe('operator:王芳');
    // Re-audited (the decision changed the order): the same message is accepted, the order stays approved.
    expect(f.core.audit.service.engine.changed()).toEqual([id]);
    await f.core.audit.service.runner.runChanged();
    expect(f.state(id)).toEqual({ queue: 'to_print', workflow: 'approved', flags: [] });
    const e = await f.call<AuditExplanation>('audit.explain', { orderId: id });
    expect(e).toMatchObject({ outcome: 'approve', decidedBy: 'person' });
    expect(e.findings[0]).toMatchObject({ check: 'buyer_message', detail: 'buyer message: "周末送" (accepted by operator:王芳)' });
  });

  it('approving past a blocking exception needs audit.override: a reviewer is refused by name, the owner may', async () => {
    const id = f.put({ lines: [{ platformSku: 'OLD-7', title: '旧款杯', qty: 1, unitPriceMinor: 5000 }] });
    await run();
    const refused = await decide({ orderIds: [id], decision: 'approve' }, reviewer);
    expect(refused.results[0]).toMatchObject({ ok: false, queue: 'review', error: { code: 'forbidden' } });
    expect(refused.results[0]!.error!.message).toMatch(/approving past unmapped_sku needs the "audit.override" permission/);
    expect(f.state(id).queue).toBe('review');
    const ok = await decide({ orderIds: [id], decision: 'approve', note: '手工拣货' }, owner);
    expect(ok.results[0]).toMatchObject({ ok: true, queue: 'to_print' });
    expect(JSON.parse(lastEvent(id).data)).toMatchObject({ override: ['unmapped_sku'] });
  });

  it('hold with a reason and release time, reject with a note; neither is let go by the audit', async () => {
    const a = f.put();
    const b = f.put();
    await run();
    const until = f.clock.now + 4 * HOUR;
    const held = await decide({ orderIds: [a], decision: 'hold', note: '等客户回电', hold: { reason: 'address_check', releaseAt: until } }, reviewer);
    expect(held.results[0]).toMatchObject({ ok: true, queue: 'on_hold' });
    expect(f.state(a).flags).toEqual([{ kind: 'hold', reason: 'address_check', createdBy: 'operator:王芳', note: '等客户回电', releaseAt: until }]);
    expect(lastEvent(a)).toMatchObject({ action: 'held', reason: '等客户回电', operator_id: reviewer.operatorId });
    // Holding again with the same reason replaces the first hold (one flag per reason).
    await decide({ orderIds: [a], decision: 'hold', note: '改到明天', hold: { reason: 'address_check' } }, reviewer);
    expect(f.state(a).flags).toEqual([{ kind: 'hold', reason: 'address_check', createdBy: 'operator:王芳', note: '改到明天', releaseAt: null }]);
    const rejected = await decide({ orderIds: [b], decision: 'reject', note: '客户要求取消，平台未取消' }, reviewer);
    expect(rejected.results[0]).toMatchObject({ ok: true, queue: 'on_hold' });
    expect(lastEvent(b)).toMatchObject({ action: 'rejected', reason: '客户要求取消，平台未取消' });
    await f.core.audit.service.runner.runChanged();
    expect(f.state(a).flags.map((x) => x.reason)).toEqual(['address_check']);
    expect(f.state(b)).toMatchObject({ queue: 'on_hold', flags: [{ reason: 'rejected' }] });
  });

  it('refuses printed, intercepted and claimed orders by name; a bulk decision applies per order', async () => {
    const fine = f.put({ sellerMemo: '看一下' });
    const printed = f.put();
    const intercepted = f.put();
    const claimed = f.put({ sellerMemo: '看一下' });
    await run();
    f.core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(printed);
    f.core.db.prepare("INSERT INTO order_flags (order_id, kind, reason, created_at, created_by) VALUES (?, 'intercept', 'refund_requested', 0, 'sync:manual')").run(intercepted);
    f.core.db.prepare("UPDATE orders SET open_flags = 4, queue = 'intercepted' WHERE id = ?").run(intercepted);
    f.core.people.claims.claim(claimed, 'print', otherStation, f.clock.now);
    const r = await decide({ orderIds: [fine, printed, intercepted, claimed, 999_999], decision: 'approve' }, reviewer);
    const byId = new Map(r.results.map((x) => [x.orderId, x]));
    expect(byId.get(fine)).toMatchObject({ ok: true, queue: 'to_print' });
    expect(byId.get(printed)!.error!.message).toMatch(/is already printed/);
    expect(byId.get(intercepted)!.error!.message).toMatch(/is intercepted/);
    expect(byId.get(claimed)).toMatchObject({ ok: false, queue: 'review', error: { code: 'conflict' } });
    expect(byId.get(claimed)!.error!.message).toMatch(/being worked at 打包台 2 \(李强\)/);
    expect(byId.get(999_999)).toMatchObject({ ok: false, queue: null, error: { code: 'not_found' } });
    // The station holding the claim may decide.
    const own = await decide({ orderIds: [claimed], decision: 'approve' }, otherStation).catch((e: { code: string }) => e.code);
    expect(own).toBe('forbidden'); // a packer may not decide at all…
    const ownerThere = { ...otherStation, operatorId: owner.operatorId };
    expect((await decide({ orderIds: [claimed], decision: 'approve' }, ownerThere)).results[0]).toMatchObject({ ok: true });
  });

  it('a packer cannot decide or release (channel permission)', async () => {
    const id = f.put();
    await expect(decide({ orderIds: [id], decision: 'approve' }, packer)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(f.call('audit.release', { orderIds: [id] }, packer)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('release: every hold goes, the order is audited again at once and a rule hold a person released stays released', async () => {
    await f.call('audit.rules.save', { rule: { name: 'Check big', conditions: [{ field: 'total', op: 'gte', value: 50000 }], actions: [{ type: 'hold', reason: 'fraud_check', release: { kind: 'manual' } }] } });
    const id = f.put({ lines: [{ skuCode: 'CUP-500-WH', title: '杯', qty: 8, unitPriceMinor: 8900 }] });
    await run();
    await decide({ orderIds: [id], decision: 'hold', hold: { reason: 'manual_hold' } }, reviewer);
    expect(f.state(id).flags.map((x) => x.reason).sort()).toEqual(['fraud_check', 'manual_hold']);
    const r = await f.call<DecideResult>('audit.release', { orderIds: [id], note: '已电话核实' }, reviewer);
    expect(r.results[0]).toMatchObject({ ok: true, queue: 'to_print' });
    expect(f.state(id)).toEqual({ queue: 'to_print', workflow: 'approved', flags: [] });
    expect(f.core.db.prepare("SELECT actor, reason, data FROM events WHERE entity_id = ? AND action = 'released'").get(id)).toEqual({
      actor: 'operator:王芳',
      reason: '已电话核实',
      data: JSON.stringify({ released: ['fraud_check', 'manual_hold'], queue: 'pending_audit' }), // then audited: to_print
    });
    const again = await f.call<DecideResult>('audit.release', { orderIds: [id] }, reviewer);
    expect(again.results[0]).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/no open hold/) } });
  });
});

describe('the review queue', () => {
  it('groups by reason with counts, filters by reason and shop, pages oldest paid first, says why in one line', async () => {
    const t = f.clock.now;
    const msg1 = f.put({ buyerMessage: '要蓝色', placedAt: t - 5 * HOUR });
    const msg2 = f.put({ buyerMessage: '要红色', sellerMemo: '老客户', placedAt: t - 4 * HOUR });
    const unmapped = f.put({ shopId: f.shops.taobao, platform: 'taobao', platformStatus: 'WAIT_SELLER_SEND_GOODS', buyerNick: 'tb1', lines: [{ platformSku: 'X-1', title: '无名', qty: 1, unitPriceMinor: 100 }], placedAt: t - 3 * HOUR });
    f.put(); // clean
    await f.call('audit.rules.save', { rule: { name: 'Presale rug', conditions: [{ field: 'sku', op: 'any', values: ['RUG-LIVING-L'] }], actions: [{ type: 'hold', reason: 'presale', note: '预售 3 天', release: { kind: 'after', minutes: 4320 } }] } });
    const rug = f.put({ lines: [{ skuCode: 'RUG-LIVING-L', title: '地毯', qty: 1, unitPriceMinor: 39900 }] });
    await run();

    const all = await f.call<ReviewList>('audit.review.list', { queue: 'review' });
    expect(all.total).toBe(3);
    expect(all.groups).toEqual([
      { reason: 'buyer_message', count: 2 },
      { reason: 'seller_memo', count: 1 },
      { reason: 'unmapped_sku', count: 1 },
    ]);
    expect(all.rows.map((r) => [r.id, r.reasons, r.summary])).toEqual([
      [msg1, ['buyer_message'], 'buyer message: "要蓝色"'],
      [msg2, ['buyer_message', 'seller_memo'], 'buyer message: "要红色"'],
      [unmapped, ['unmapped_sku'], "line 1: platform SKU 'X-1' (无名) is not mapped to a ShopDesk SKU"],
    ]);
    const memo = await f.call<ReviewList>('audit.review.list', { queue: 'review', reason: 'seller_memo' });
    expect([memo.total, memo.rows.map((r) => r.id)]).toEqual([1, [msg2]]);
    const taobao = await f.call<ReviewList>('audit.review.list', { queue: 'review', shopIds: [f.shops.taobao] });
    expect([taobao.total, taobao.rows.map((r) => r.id), taobao.groups]).toEqual([1, [unmapped], [{ reason: 'unmapped_sku', count: 1 }]]);
    const page2 = await f.call<ReviewList>('audit.review.list', { queue: 'review', offset: 1, limit: 1 });
    expect([page2.total, page2.rows.map((r) => r.id)]).toEqual([3, [msg2]]);
    const held = await f.call<ReviewList>('audit.review.list', { queue: 'on_hold' });
    expect(held.rows).toMatchObject([{ id: rug, reasons: ['presale'], summary: 'rule "Presale rug": line 1 is SKU RUG-LIVING-L', holdReleaseAt: f.clock.now + 4320 * 60_000 }]);
  });
});

describe('the KPI', () => {
  it('counts first outcomes by local day, rule and check; a person touching an order makes it not auto', async () => {
    await f.call('audit.rules.save', { rule: { name: 'Big review', conditions: [{ field: 'total', op: 'gte', value: 50000 }], actions: [{ type: 'review' }] } });
    for (let i = 0; i < 7; i++) f.put();
    const memo = f.put({ sellerMemo: '注意' });
    f.put({ lines: [{ skuCode: 'CUP-500-WH', title: '杯', qty: 10, unitPriceMinor: 8900 }] });
    await run();
    const day1 = localDay(f.clock.now);
    f.clock.now += 24 * HOUR;
    f.put();
    f.put({ buyerMessage: '快点' });
    await run();
    const day2 = localDay(f.clock.now);
    await decide({ orderIds: [memo], decision: 'approve' }, reviewer);

    const k = await f.call<AuditKpi>('audit.kpi', { from: day1, to: day2 });
    expect(k.days).toEqual([
      { day: day1, audited: 9, autoApproved: 7, review: 2, held: 0, autoRate: 7 / 9 },
      { day: day2, audited: 2, autoApproved: 1, review: 1, held: 0, autoRate: 0.5 },
    ]);
    expect(k.total).toEqual({ audited: 11, autoApproved: 8, autoRate: 8 / 11 });
    expect(k.byRule).toEqual([{ ruleId: expect.any(Number), name: 'Big review', fired: 1, decided: 'review' }]);
    expect(k.byCheck).toEqual([
      { check: 'buyer_message', fired: 1 },
      { check: 'seller_memo', fired: 1 },
    ]);
    expect(k.target).toBe(0.8);
    // The person's decision: decided_by is now person (the first outcome stays review).
    expect(f.core.db.prepare('SELECT outcome, decided_by FROM audit_outcomes WHERE order_id = ?').get(memo)).toEqual({ outcome: 'review', decided_by: 'person' });
    // Defaults: the last 30 days up to today; a day with nothing has a null rate.
    const d = await f.call<AuditKpi>('audit.kpi', {});
    expect([d.days.length, d.to, d.days[0]!.autoRate]).toEqual([30, day2, null]);
    await expect(f.call('audit.kpi', { from: day2, to: day1 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(f.call('audit.kpi', { from: '2026-02-30' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
