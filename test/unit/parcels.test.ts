import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import type { NormalizedOrder } from '../../main/orders/model.js';
import type { Session } from '../../main/people/sessions.js';
import type { CallContext } from '../../main/transport/dispatch.js';
import type { ParcelInfo } from '../../shared/contract/audit.js';
import { tmpDir } from '../helpers/tmp.js';

/*
 * Merge, split and unparcel as a person does them, with sessions, stations and claims: events name the operator
 * and the parcel, refusals name the order, the line, the station or the parcel, and nothing changes on a refusal.
 */

const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);
let core: Core;
let serial = 0;
let changed: number[][];
let owner: Session;
let reviewer: Session;
let packer: Session;
let bench2: Session;

beforeEach(() => {
  core = createCore({ dbPath: path.join(tmpDir(), 'parcels.db'), checkOutputs: true, log: () => {} });
  core.db.prepare("INSERT INTO shops (id, platform, name, currency, created_at, updated_at) VALUES (1, 'woocommerce', 'Shop', 'EUR', 0, 0)").run();
  const local = core.people.stations.local().id;
  const ops = core.people.operators;
  owner = { stationId: local, operatorId: ops.create('Olga', 'owner', undefined).id, trusted: false };
  reviewer = { stationId: local, operatorId: ops.create('Rita', 'reviewer', undefined).id, trusted: false };
  packer = { stationId: local, operatorId: ops.create('Paul', 'packer', undefined).id, trusted: false };
  const { code } = core.people.stations.pairStart('Bench 2', null);
  bench2 = { stationId: core.people.stations.redeem(code).station.id, operatorId: null, trusted: false };
  changed = [];
  core.events.subscribe((name, payload) => {
    if (name === 'orders.changed') changed.push((payload as { ids: number[] }).ids);
  });
});
afterEach(() => core.close());

function order(over: Partial<NormalizedOrder> = {}): NormalizedOrder {
  serial++;
  return {
    shopId: 1, platform: 'woocommerce', platformOrderId: `W${serial}`, platformStatus: 'processing', platformState: 'to_ship', payment: 'paid',
    buyerName: 'Eva Braun', country: 'DE', city: 'Berlin', address1: 'Hauptstraße 5', postcode: '10115', currency: 'EUR', goodsMinor: 3000, totalMinor: 3000,
    placedAt: NOW - 3600_000 + serial * 1000, platformUpdatedAt: NOW,
    lines: [
      { platformLineId: `${serial}-1`, skuCode: 'BOWL', title: 'Bowl', qty: 2, unitPriceMinor: 1000 },
      { platformLineId: `${serial}-2`, skuCode: 'SPOON', title: 'Spoon', qty: 1, unitPriceMinor: 1000 },
    ],
    raw: { format: 'woocommerce.v3.order', payload: JSON.stringify({ payment_method: 'bacs' }) },
    ...over,
  };
}
const store = (...o: NormalizedOrder[]) => core.orders.writer.upsertMany(o, 'test', NOW).ids;
const ctx = (session: Session): CallContext => ({ origin: 'test', session });
const trusted: Session = { stationId: null, operatorId: null, trusted: true };

async function call<T>(s: Session, channel: string, input: unknown): Promise<T> {
  const r = await core.dispatch(channel, input, ctx(s));
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}
async function refusal(s: Session, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await core.dispatch(channel, input, ctx(s));
  if (r.ok) throw new Error(`${channel} was allowed`);
  return r.error;
}
const lineIds = (orderId: number) => (core.db.prepare('SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no').all(orderId) as { id: number }[]).map((l) => l.id);
const count = (sql: string, ...p: unknown[]) => (core.db.prepare(sql).get(...p) as { n: number }).n;

describe('merge and unparcel with people', () => {
  it('a reviewer merges (events name her and the parcel, orders.changed names the orders); a packer may not; unparcel undoes it', async () => {
    const [a, b] = store(order(), order());
    expect(await refusal(packer, 'orders.merge', { orderIds: [a, b] })).toMatchObject({ code: 'forbidden', message: expect.stringContaining('"audit.decide"') });
    const parcel = await call<ParcelInfo>(reviewer, 'orders.merge', { orderIds: [a, b] });
    expect(parcel.lines.map((l) => [l.orderId, l.skuCode, l.qty])).toEqual([
      [a, 'BOWL', 2],
      [a, 'SPOON', 1],
      [b, 'BOWL', 2],
      [b, 'SPOON', 1],
    ]);
    const events = core.db.prepare("SELECT entity_id, actor, operator_id, data FROM events WHERE action = 'merged' ORDER BY entity_id").all() as { entity_id: number; actor: string; operator_id: number; data: string }[];
    expect(events.map((e) => [e.entity_id, e.actor, e.operator_id, JSON.parse(e.data)])).toEqual(
      [a, b].map((id) => [id, 'operator:Rita', reviewer.operatorId, { parcelId: parcel.id, orders: [`W${serial - 1}`, `W${serial}`] }]),
    );
    expect(changed).toEqual([[a, b]]);
    expect((await call<{ parcels: ParcelInfo[] }>(packer, 'orders.parcels', { orderId: b })).parcels).toEqual([parcel]);

    expect(await call(reviewer, 'orders.unparcel', { parcelId: parcel.id })).toEqual({ ok: true });
    expect(core.parcels.store.get(parcel.id)?.state).toBe('cancelled');
    expect(count("SELECT count(*) AS n FROM events WHERE action = 'unmerged' AND actor = 'operator:Rita'")).toBe(2);
    expect((await call<{ parcels: ParcelInfo[] }>(packer, 'orders.parcels', { orderId: a })).parcels).toEqual([]);
    expect(await refusal(reviewer, 'orders.unparcel', { parcelId: parcel.id })).toMatchObject({ code: 'conflict', message: `parcel ${parcel.id} was already undone` });
    // Free again: it ships on its own.
    expect(core.sync.shipper.ship(a!, 'DHL', 'DHL00001', trusted, NOW).workflow).toBe('shipped');
  });

  it('unparcel is refused once a parcel is printed, naming it; nothing changes', async () => {
    const [a, b] = store(order(), order());
    const parcel = await call<ParcelInfo>(reviewer, 'orders.merge', { orderIds: [a, b] });
    core.db.prepare("UPDATE parcels SET state = 'printed' WHERE id = ?").run(parcel.id);
    expect(await refusal(reviewer, 'orders.unparcel', { parcelId: parcel.id })).toMatchObject({
      code: 'conflict',
      message: `parcel ${parcel.id} is already printed: a merge can only be undone before anything is printed`,
    });
    expect(core.parcels.store.get(parcel.id)?.state).toBe('printed');
  });
});

describe('split', () => {
  it('says which line is wrong and by how much; needs two parts that hold something', async () => {
    const [a] = store(order());
    const [bowl, spoon] = lineIds(a!) as [number, number];
    const [other] = store(order());
    const split = (parts: { orderLineId: number; qty: number }[][]) => refusal(reviewer, 'orders.split', { orderId: a, parts: parts.map((lines) => ({ lines })) });
    const w = `W${serial - 1}`;
    expect(await split([[{ orderLineId: bowl, qty: 1 }], [{ orderLineId: bowl, qty: 2 }, { orderLineId: spoon, qty: 1 }]])).toMatchObject({
      code: 'invalid_input',
      message: `order ${w}: line 1 (BOWL) has 2 unit(s) but the parts hold 3 (1 + 2): every unit goes into exactly one part`,
    });
    expect((await split([[{ orderLineId: bowl, qty: 1 }], [{ orderLineId: bowl, qty: 1 }]])).message).toBe(
      `order ${w}: line 2 (SPOON) has 1 unit(s) but the parts hold none of them: every unit goes into exactly one part`,
    );
    expect((await split([[{ orderLineId: lineIds(other!)[0]!, qty: 2 }], [{ orderLineId: spoon, qty: 1 }]])).message).toBe(
      `order ${w}: part 1 names line id ${lineIds(other!)[0]}, which is not a line of this order`,
    );
    expect((await split([[{ orderLineId: bowl, qty: 1 }, { orderLineId: bowl, qty: 1 }], [{ orderLineId: spoon, qty: 1 }]])).message).toBe(`order ${w}: part 1 names line 1 (BOWL) twice`);
    expect(() => core.parcels.service.split(a!, [{ lines: [{ orderLineId: bowl, qty: 2 }, { orderLineId: spoon, qty: 1 }] }, { lines: [] }], trusted)).toThrow(
      `order ${w}: a split needs at least two parts that hold something (got 1)`,
    );
    expect(count('SELECT count(*) AS n FROM parcels')).toBe(0);
  });

  it('a pre-sale order on hold may be split, but no part ships while it is held; printed, split or merged orders are refused', async () => {
    const [held, printed, plain] = store(order(), order(), order());
    core.db.prepare("UPDATE orders SET open_flags = 1, queue = 'on_hold' WHERE id = ?").run(held);
    core.db.prepare("UPDATE orders SET workflow = 'printed', queue = 'to_pack' WHERE id = ?").run(printed);
    const byLine = (id: number) => ({ orderId: id, parts: lineIds(id).map((l, i) => ({ lines: [{ orderLineId: l, qty: i === 0 ? 2 : 1 }] })) });
    const { parcels } = await call<{ parcels: ParcelInfo[] }>(reviewer, 'orders.split', byLine(held!));
    expect(parcels.map((p) => p.lines.map((l) => [l.skuCode, l.qty]))).toEqual([[['BOWL', 2]], [['SPOON', 1]]]);
    expect(core.db.prepare("SELECT actor, data FROM events WHERE action = 'split'").get()).toMatchObject({ actor: 'operator:Rita', data: expect.stringContaining(`"parcelIds":[${parcels[0]!.id},${parcels[1]!.id}]`) });
    expect(() => core.parcels.shipper.shipParcel(parcels[0]!.id, 'DHL', 'DHL00002', trusted, NOW)).toThrow(/is on hold; release the hold first/);

    expect((await refusal(reviewer, 'orders.split', byLine(printed!))).message).toMatch(/cannot be split: order W\d+ is already printed: merge and split happen before printing$/);
    expect((await refusal(reviewer, 'orders.split', byLine(held!))).message).toContain(`is already split into parcels #${parcels[0]!.id}, #${parcels[1]!.id}`);
    expect((await refusal(reviewer, 'orders.merge', { orderIds: [plain, held] })).message).toContain('is already split into parcels');
    // Undoing any part undoes the whole split.
    await call(reviewer, 'orders.unparcel', { parcelId: parcels[1]!.id });
    expect(parcels.map((p) => core.parcels.store.get(p.id)?.state)).toEqual(['cancelled', 'cancelled']);
    expect(count("SELECT count(*) AS n FROM events WHERE action = 'unsplit' AND entity_id = ?", held)).toBe(1);
  });
});

describe('shipping a parcel: refusals', () => {
  it('an intercept after the merge blocks the whole parcel, and nothing ships', async () => {
    const [a, b] = store(order(), order({ platformOrderId: 'W-CANCEL' }));
    core.db.prepare("UPDATE orders SET workflow = 'approved', queue = 'to_print' WHERE id IN (?, ?)").run(a, b);
    const parcel = await call<ParcelInfo>(reviewer, 'orders.merge', { orderIds: [a, b] });
    // The platform cancels the second order after it was approved: the writer raises the intercept.
    core.orders.writer.upsertMany([order({ platformOrderId: 'W-CANCEL', platformStatus: 'cancelled', platformState: 'cancelled', platformUpdatedAt: NOW + 60_000 })], 'sync:woocommerce', NOW + 60_000);
    expect(core.db.prepare('SELECT queue FROM orders WHERE id = ?').get(b)).toEqual({ queue: 'intercepted' });
    expect(() => core.parcels.shipper.shipParcel(parcel.id, 'DHL', 'DHL00003', owner, NOW)).toThrow('order W-CANCEL is intercepted (refunded or cancelled on the platform after import): do not ship it');
    expect(core.parcels.store.get(parcel.id)).toMatchObject({ state: 'open', tracking_no: null });
    expect(count('SELECT count(*) AS n FROM order_lines WHERE order_id IN (?, ?) AND qty_shipped > 0', a, b)).toBe(0);
    expect(core.db.prepare('SELECT workflow, queue FROM orders WHERE id = ?').get(a)).toEqual({ workflow: 'approved', queue: 'to_print' });
    expect(count("SELECT count(*) AS n FROM events WHERE action = 'shipped'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM order_claims')).toBe(0); // the transaction rolled back the claims too
  });

  it('shipping unverified needs ship.unverified: a reviewer is refused until the parcel is verified', async () => {
    const [a, b] = store(order(), order());
    const parcel = await call<ParcelInfo>(reviewer, 'orders.merge', { orderIds: [a, b] });
    expect(() => core.parcels.shipper.shipParcel(parcel.id, 'DHL', 'DHL00004', reviewer, NOW)).toThrow(/needs the "ship.unverified" permission/);
    core.db.prepare("UPDATE parcels SET state = 'verified' WHERE id = ?").run(parcel.id);
    expect(core.parcels.shipper.shipParcel(parcel.id, 'DHL', 'DHL00004', reviewer, NOW).orders.map((o) => o.workflow)).toEqual(['shipped', 'shipped']);
    expect(count("SELECT count(*) AS n FROM events WHERE action = 'shipped' AND reason IS NULL AND actor = 'operator:Rita'")).toBe(2);
    expect(count('SELECT count(*) AS n FROM order_claims')).toBe(0); // taken for the shipment, released after
  });
});

describe('claims by another station', () => {
  it('merge, split, unparcel and shipping refuse an order another station is working, naming the station', async () => {
    const [a, b, c] = store(order(), order(), order());
    core.people.claims.claim(a!, 'print', bench2, Date.now());
    const held = new RegExp(`order W${serial - 2} is being worked at Bench 2 \\(print\\)`);
    expect((await refusal(reviewer, 'orders.merge', { orderIds: [a, b] })).message).toMatch(held);
    expect((await refusal(reviewer, 'orders.split', { orderId: a, parts: lineIds(a!).map((l, i) => ({ lines: [{ orderLineId: l, qty: i === 0 ? 2 : 1 }] })) })).message).toMatch(held);
    expect(count('SELECT count(*) AS n FROM parcels')).toBe(0);
    // The station holding the claim may merge what it is working on.
    const parcel = core.parcels.service.merge([a!, b!], bench2);
    expect(() => core.parcels.service.unparcel(parcel.id, reviewer)).toThrow(held);
    expect(() => core.parcels.shipper.shipParcel(parcel.id, 'DHL', 'DHL00005', owner)).toThrow(/is being worked at Bench 2/);
    expect(core.parcels.store.get(parcel.id)?.state).toBe('open');
    core.people.claims.release(a!, bench2);
    expect(core.parcels.shipper.shipParcel(parcel.id, 'DHL', 'DHL00005', owner).orders).toHaveLength(2);
    expect(core.sync.shipper.ship(c!, 'DHL', 'DHL00006', owner).workflow).toBe('shipped');
  });
});
