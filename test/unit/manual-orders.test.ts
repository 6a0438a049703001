import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { ManualOrders } from '../../main/orders/manual.js';
import type { Session } from '../../main/people/sessions.js';
import { checkManualOrder, ManualOrderCreate, ManualOrderFields } from '../../shared/contract/manual-orders.js';
import type { OrderDetail } from '../../shared/domain/order.js';
import { tmpDir } from '../helpers/tmp.js';

let core: Core;
let reviewer: Session;
let packer: Session;
const SHOP = 1; // manual, CNY
const SHOP2 = 2; // manual, CNY
const TAOBAO = 3;
const JPY_SHOP = 4; // manual, JPY

beforeEach(() => {
  core = createCore({ dbPath: path.join(tmpDir(), 'manual.db'), checkOutputs: true, log: () => {} });
  const ins = core.db.prepare('INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
  ins.run(SHOP, 'manual', '电话订单', 'CNY');
  ins.run(SHOP2, 'manual', '微信订单', 'CNY');
  ins.run(TAOBAO, 'taobao', '旗舰店', 'CNY');
  ins.run(JPY_SHOP, 'manual', 'Tokyo phone', 'JPY');
  core.db.prepare("INSERT INTO skus (code, name, created_at, updated_at) VALUES ('CUP-500-WH', '真空保温杯 500ml 白色', 0, 0), ('CUP-750-GR', '真空保温杯 750ml 墨绿', 0, 0)").run();
  const ops = core.people.operators;
  ops.create('老板', 'owner', undefined);
  const station = core.people.sessions.forLocal().stationId;
  reviewer = { stationId: station, operatorId: ops.create('小王', 'reviewer', undefined).id, trusted: false };
  packer = { stationId: station, operatorId: ops.create('小李', 'packer', undefined).id, trusted: false };
});

const as = (session: Session) => ({ origin: 'test', session });

function draft(over: Partial<ManualOrderCreate> = {}): ManualOrderCreate {
  return {
    shopId: SHOP,
    buyerName: '张三',
    buyerPhone: '138 0013 8000',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    address1: '文三路 100 号 2 栋 301',
    postcode: '310012',
    lines: [
      { skuCode: 'CUP-500-WH', title: '', qty: '3', unitPrice: '19.90' },
      { skuCode: '', title: '刻字服务', qty: 1, unitPrice: '5' },
    ],
    shipping: '8',
    discount: '0.70',
    paid: true,
    buyerMessage: '周末送',
    sellerMemo: '老客户',
    ...over,
  };
}

async function create(input: ManualOrderCreate, session = reviewer): Promise<OrderDetail> {
  const r = await core.dispatch('orders.createManual', input, as(session));
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as OrderDetail;
}

/** The fields and codes an invalid call names. */
async function refusal(channel: string, input: unknown, session = reviewer): Promise<{ code: string; issues: { path: string; code?: string }[] }> {
  const r = await core.dispatch(channel, input, as(session));
  expect(r.ok, JSON.stringify(input)).toBe(false);
  if (r.ok) throw new Error('unreachable');
  return { code: r.error.code, issues: (r.error.details?.issues as { path: string; code?: string }[] | undefined) ?? [] };
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getFullYear()).slice(2)}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

describe('manual orders: create', () => {
  it('stores a typed order like any order: exact amounts, SKU titles filled, pending audit, operator recorded', async () => {
    const o = await create(draft());
    expect(o.platform).toBe('manual');
    expect(o.platformOrderId).toMatch(/^M\d{6}0001$/);
    expect(o.platformOrderId.slice(1, 7)).toBe(localDay(o.placedAt));
    expect(o).toMatchObject({ queue: 'pending_audit', workflow: 'pending_audit', payment: 'paid', platformState: 'to_ship', platformStatus: '待发货', currency: 'CNY' });
    // 3 × 19.90 + 5.00 = 64.70 goods; − 0.70 + 8.00 = 72.00
    expect(o.amounts).toEqual({ goodsMinor: 6470, shippingMinor: 800, discountMinor: 70, totalMinor: 7200, paidMinor: 7200, refundedMinor: 0 });
    expect(o.lines.map((l) => [l.skuCode, l.title, l.qty, l.unitPriceMinor])).toEqual([
      ['CUP-500-WH', '真空保温杯 500ml 白色', 3, 1990],
      [null, '刻字服务', 1, 500],
    ]);
    expect(o.address).toMatchObject({ name: '张三', phone: '138 0013 8000', province: '浙江省', city: '杭州市', district: '西湖区', postcode: '310012', masked: false });
    expect(o).toMatchObject({ itemCount: 4, skuSummary: 'CUP-500-WH×3, 刻字服务×1', buyerMessage: '周末送', sellerMemo: '老客户' });
    expect(o.paidAt).toBe(o.placedAt);
    const ev = core.db.prepare("SELECT actor, action, operator_id, station_id FROM events WHERE entity = 'order' AND entity_id = ?").all(o.id);
    expect(ev).toEqual([{ actor: 'operator:小王', action: 'created', operator_id: reviewer.operatorId, station_id: reviewer.stationId }]);
    const raw = core.db.prepare('SELECT format, payload FROM order_raw WHERE order_id = ?').get(o.id) as { format: string; payload: string };
    expect(raw.format).toBe('manual.form');
    expect(JSON.parse(raw.payload)).toMatchObject({ buyerName: '张三', lines: [{ unitPrice: '19.90' }, { unitPrice: '5' }] });
    // The tab counts (trigger-kept) include it.
    expect(core.orders.queries.counts({ shopIds: [SHOP] }).byQueue.pending_audit).toBe(1);
  });

  it('parses money as decimal text exactly, never through floats', async () => {
    // 0.1 × 3 in floating point is 0.30000000000000004; 1,234.50 has a thousands separator.
    const o = await create(draft({ lines: [{ title: '样品', qty: '3', unitPrice: '0.1' }, { title: '大件', qty: '1', unitPrice: '1,234.50' }], shipping: '', discount: '0.3', total: '1234.50' }));
    expect(o.amounts).toMatchObject({ goodsMinor: 30 + 123450, shippingMinor: 0, discountMinor: 30, totalMinor: 123450 });
    const big = await create(draft({ lines: [{ title: '整柜', qty: '2', unitPrice: '12345678901.23' }], shipping: '0', discount: '0' }));
    expect(big.amounts.totalMinor).toBe(2469135780246);
    // Yen has no minor unit: 1500 yen is 1500.
    const yen = await create(draft({ shopId: JPY_SHOP, lines: [{ title: 'お茶', qty: '2', unitPrice: '1500' }], shipping: '500', discount: '0' }));
    expect(yen).toMatchObject({ currency: 'JPY', totalMinor: 3500 });
  });

  it('an unpaid order waits in the unpaid queue', async () => {
    const o = await create(draft({ paid: false }));
    expect(o).toMatchObject({ queue: 'unpaid', payment: 'unpaid', platformState: 'unpaid', platformStatus: '待付款', paidAt: null });
    expect(o.amounts.paidMinor).toBe(0);
  });

  it('refuses each broken rule with the field and a stable code, and writes nothing', async () => {
    const changes = () => core.db.prepare('SELECT total_changes() AS n').get();
    const before = changes();
    const cases: [Partial<ManualOrderCreate>, string, string][] = [
      [{ buyerName: '  ' }, 'buyerName', 'required'],
      [{ buyerPhone: '' }, 'buyerPhone', 'required'],
      [{ buyerPhone: '打电话' }, 'buyerPhone', 'phone'],
      [{ buyerPhone: '12-34' }, 'buyerPhone', 'phone'],
      [{ province: '' }, 'province', 'required'],
      [{ city: '' }, 'city', 'required'],
      [{ address1: ' ' }, 'address1', 'required'],
      [{ postcode: '#1' }, 'postcode', 'postcode'],
      [{ lines: [] }, 'lines', 'no_lines'],
      [{ lines: [{ title: 'x', qty: '0', unitPrice: '1' }] }, 'lines.0.qty', 'qty'],
      [{ lines: [{ title: 'x', qty: '1.5', unitPrice: '1' }] }, 'lines.0.qty', 'qty'],
      [{ lines: [{ title: 'x', qty: 2.5, unitPrice: '1' }] }, 'lines.0.qty', 'qty'],
      [{ lines: [{ title: 'x', qty: '1', unitPrice: '' }] }, 'lines.0.unitPrice', 'required'],
      [{ lines: [{ title: 'x', qty: '1', unitPrice: '1.234' }] }, 'lines.0.unitPrice', 'money_decimals'],
      [{ lines: [{ title: 'x', qty: '1', unitPrice: '-1' }] }, 'lines.0.unitPrice', 'money_negative'],
      [{ lines: [{ title: 'x', qty: '1', unitPrice: '1e3' }] }, 'lines.0.unitPrice', 'money'],
      [{ lines: [{ title: '', skuCode: '', qty: '1', unitPrice: '1' }] }, 'lines.0.title', 'required'],
      [{ lines: [{ title: '', skuCode: 'NOPE-1', qty: '1', unitPrice: '1' }] }, 'lines.0.title', 'unknown_sku'],
      [{ shipping: '-5' }, 'shipping', 'money_negative'],
      [{ discount: '100' }, 'discount', 'discount_too_big'],
      [{ total: '72.01' }, 'total', 'total_mismatch'],
      [{ platformOrderId: 'has space' }, 'platformOrderId', 'id_format'],
      [{ shopId: TAOBAO }, 'shopId', 'not_manual_shop'],
      [{ shopId: JPY_SHOP, lines: [{ title: 'x', qty: '1', unitPrice: '10.5' }] }, 'lines.0.unitPrice', 'money_decimals'],
    ];
    for (const [over, field, code] of cases) {
      const r = await refusal('orders.createManual', draft(over));
      expect(r.code, JSON.stringify(over)).toBe('invalid_input');
      expect(r.issues, JSON.stringify(over)).toContainEqual(expect.objectContaining({ path: field, code }));
    }
    // Several problems at once are all named, not only the first.
    const many = await refusal('orders.createManual', draft({ buyerName: '', city: '', lines: [{ title: 'x', qty: '0', unitPrice: 'abc' }] }));
    expect(many.issues.map((i) => i.path).sort()).toEqual(['buyerName', 'city', 'lines.0.qty', 'lines.0.unitPrice']);
    expect(changes()).toEqual(before);
    // A total that adds up is accepted as the cross-check it is.
    expect((await create(draft({ total: '72.00' }))).amounts.totalMinor).toBe(7200);
  });

  it('the form checks with the same function: what main refuses, the form flags before sending', () => {
    const f = ManualOrderFields.parse({ ...draft(), discount: '999' });
    const r = checkManualOrder(f, 'CNY');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ path: 'discount', code: 'discount_too_big', vars: { max: '72.70', currency: 'CNY' } })]);
  });

  it('an unknown shop is not_found; a typed id already used in the shop is a conflict naming it', async () => {
    expect((await refusal('orders.createManual', draft({ shopId: 99 }))).code).toBe('not_found');
    await create(draft({ platformOrderId: 'WX-2026-001' }));
    const dup = await core.dispatch('orders.createManual', draft({ platformOrderId: 'WX-2026-001' }), as(reviewer));
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', details: { field: 'platformOrderId', platformOrderId: 'WX-2026-001' } } });
    // Order ids are unique per shop: another manual shop may use the same one.
    expect((await create(draft({ shopId: SHOP2, platformOrderId: 'WX-2026-001' }))).platformOrderId).toBe('WX-2026-001');
  });

  it('generates ids unique in the shop, also for two creates in one transaction', () => {
    const m = new ManualOrders(core.db, core.orders.queries, core.people.sessions);
    const now = new Date(2026, 10, 25, 10, 30).getTime(); // 25 Nov 2026, local time
    const ids = core.db.transaction(() => [m.create(parsed(draft()), reviewer, now), m.create(parsed(draft()), reviewer, now)])();
    expect(ids.map((o) => o.platformOrderId)).toEqual(['M2611250001', 'M2611250002']);
    // A typed id that looks generated moves the sequence past it; another shop counts on its own; a new day restarts.
    m.create(parsed(draft({ platformOrderId: 'M2611250007' })), reviewer, now);
    expect(m.create(parsed(draft()), reviewer, now).platformOrderId).toBe('M2611250008');
    expect(m.create(parsed(draft({ shopId: SHOP2 })), reviewer, now).platformOrderId).toBe('M2611250001');
    expect(m.create(parsed(draft()), reviewer, now + 86_400_000).platformOrderId).toBe('M2611260001');
  });

  it('needs the orders.edit permission (a packer may not type orders)', async () => {
    const r = await core.dispatch('orders.createManual', draft(), as(packer));
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', details: { permission: 'orders.edit' } } });
  });

  it('suggests SKUs by code prefix with the price they last sold at', async () => {
    await create(draft());
    const r = await core.dispatch('orders.skuSuggest', { shopId: SHOP, prefix: 'CUP' }, as(reviewer));
    expect(r).toEqual({
      ok: true,
      value: [
        { code: 'CUP-500-WH', title: '真空保温杯 500ml 白色', unitPrice: '19.90' },
        { code: 'CUP-750-GR', title: '真空保温杯 750ml 墨绿', unitPrice: null },
      ],
    });
  });
});

/** What the dispatcher hands a handler: the input parsed by its schema (defaults filled). */
function parsed(input: ManualOrderCreate) {
  return ManualOrderCreate.parse(input);
}

describe('manual orders: edit', () => {
  const edit = (id: number, over: Partial<ManualOrderCreate> = {}) => {
    const { shopId: _shop, platformOrderId: _id, ...fields } = draft(over);
    return core.dispatch('orders.editManual', { id, ...fields }, as(reviewer));
  };
  const editEvents = (id: number) =>
    (core.db.prepare("SELECT actor, operator_id, data FROM events WHERE entity = 'order' AND entity_id = ? AND action = 'edited' ORDER BY id").all(id) as { actor: string; operator_id: number; data: string }[]).map((e) => ({
      ...e,
      data: JSON.parse(e.data) as { changes: Record<string, { from: unknown; to: unknown }> },
    }));

  it('changes the order and records exactly what changed, by whom', async () => {
    const o = await create(draft());
    const r = await edit(o.id, { buyerPhone: '139 0000 1111', lines: [{ skuCode: 'CUP-750-GR', title: '', qty: '2', unitPrice: '29.00' }], shipping: '0', discount: '0' });
    expect(r.ok).toBe(true);
    const e = r.ok ? (r.value as OrderDetail) : null;
    expect(e).toMatchObject({ platformOrderId: o.platformOrderId, queue: 'pending_audit', itemCount: 2, skuSummary: 'CUP-750-GR×2' });
    expect(e?.amounts).toMatchObject({ goodsMinor: 5800, shippingMinor: 0, discountMinor: 0, totalMinor: 5800, paidMinor: 5800 });
    expect(e?.lines.map((l) => [l.lineNo, l.skuCode, l.title, l.qty, l.unitPriceMinor])).toEqual([[1, 'CUP-750-GR', '真空保温杯 750ml 墨绿', 2, 2900]]);
    const [ev, ...more] = editEvents(o.id);
    expect(more).toEqual([]);
    expect(ev).toMatchObject({ actor: 'operator:小王', operator_id: reviewer.operatorId });
    expect(ev?.data.changes).toEqual({
      buyerPhone: { from: '138 0013 8000', to: '139 0000 1111' },
      goodsMinor: { from: 6470, to: 5800 },
      shippingMinor: { from: 800, to: 0 },
      discountMinor: { from: 70, to: 0 },
      totalMinor: { from: 7200, to: 5800 },
      lines: { from: 'CUP-500-WH×3, 刻字服务×1', to: 'CUP-750-GR×2' },
    });
    // The drawer's history shows it too, with the changed fields as its reason.
    expect(e?.history[0]).toMatchObject({ action: 'edited', actor: 'operator:小王', reason: 'changed buyerPhone, goodsMinor, shippingMinor, discountMinor, totalMinor, lines' });
  });

  it('saving without a change records nothing; a field the form does not send (country) is kept', async () => {
    const o = await create(draft());
    core.db.prepare("UPDATE orders SET country = 'CN' WHERE id = ?").run(o.id);
    expect(await edit(o.id)).toMatchObject({ ok: true, value: { address: { country: 'CN' } } });
    expect(editEvents(o.id)).toEqual([]);
    // Sent explicitly, it changes like any field.
    const { shopId: _s, platformOrderId: _p, ...fields } = draft();
    expect(await core.dispatch('orders.editManual', { id: o.id, ...fields, country: '' }, as(reviewer))).toMatchObject({ ok: true, value: { address: { country: null } } });
    expect(editEvents(o.id)[0]?.data.changes).toEqual({ country: { from: 'CN', to: null } });
  });

  it('paid / unpaid moves the order between queues and sets or clears the paid time', async () => {
    const o = await create(draft({ paid: false }));
    const paid = await edit(o.id, { paid: true });
    expect(paid).toMatchObject({ ok: true, value: { queue: 'pending_audit', payment: 'paid', platformState: 'to_ship', platformStatus: '待发货', amounts: { paidMinor: 7200 } } });
    expect(paid.ok && (paid.value as OrderDetail).paidAt).toBeGreaterThan(0);
    expect(editEvents(o.id)[0]?.data.changes).toEqual({ payment: { from: 'unpaid', to: 'paid' } });
    expect(await edit(o.id, { paid: false })).toMatchObject({ ok: true, value: { queue: 'unpaid', payment: 'unpaid', paidAt: null } });
  });

  it('validates edits with the same rules', async () => {
    const o = await create(draft());
    const bad = await edit(o.id, { buyerPhone: '', discount: 'abc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect((bad.error.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['buyerPhone', 'discount']);
  });

  it('is allowed until printed, refused after with the reason', async () => {
    const o = await create(draft());
    core.db.prepare("UPDATE orders SET workflow = 'approved', queue = 'to_print' WHERE id = ?").run(o.id);
    expect(await edit(o.id, { sellerMemo: '加急' })).toMatchObject({ ok: true, value: { workflow: 'approved', queue: 'to_print', sellerMemo: '加急' } });
    for (const wf of ['printed', 'verified', 'shipped', 'written_back']) {
      core.db.prepare('UPDATE orders SET workflow = ? WHERE id = ?').run(wf, o.id);
      const r = await edit(o.id, { sellerMemo: '再改' });
      expect(r).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'printed', workflow: wf } } });
      if (!r.ok) expect(r.error.message).toContain(o.platformOrderId);
    }
    expect(core.db.prepare('SELECT seller_memo FROM orders WHERE id = ?').get(o.id)).toEqual({ seller_memo: '加急' });
  });

  it('keeps the lines of an order with stock allocated, but still takes other changes', async () => {
    const o = await create(draft());
    core.db.prepare("UPDATE orders SET workflow = 'allocated', queue = 'to_print' WHERE id = ?").run(o.id);
    core.db.prepare('UPDATE order_lines SET qty_allocated = qty WHERE order_id = ?').run(o.id);
    const lines = await edit(o.id, { lines: [{ title: '别的', qty: '1', unitPrice: '1' }] });
    expect(lines).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'allocated' } } });
    expect(await edit(o.id, { address1: '文三路 200 号' })).toMatchObject({ ok: true, value: { address: { line1: '文三路 200 号' } } });
  });

  it('only manual orders are edited here; unknown ids are not_found; packers may not edit', async () => {
    const o = await create(draft());
    core.orders.writer.upsertMany(
      [{ shopId: TAOBAO, platform: 'taobao', platformOrderId: '3100000000000000001', platformStatus: 'WAIT_SELLER_SEND_GOODS', platformState: 'to_ship', payment: 'paid', currency: 'CNY', goodsMinor: 100, totalMinor: 100, placedAt: 1, lines: [{ title: 't', qty: 1, unitPriceMinor: 100 }] }],
      'sync:taobao',
    );
    const tb = core.db.prepare("SELECT id FROM orders WHERE platform = 'taobao'").get() as { id: number };
    expect(await edit(tb.id)).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'not_manual' } } });
    expect(await edit(999_999)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const { shopId: _s, platformOrderId: _p, ...fields } = draft();
    expect(await core.dispatch('orders.editManual', { id: o.id, ...fields }, as(packer))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
