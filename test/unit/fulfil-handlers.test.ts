import { afterEach, describe, expect, it } from 'vitest';
import { fulfilChannels, type FulfilChannel } from '../../shared/contract/fulfil.js';
import { PERMISSIONS } from '../../shared/domain/people.js';
import { fulfilHandlers, type FulfilHandlers } from '../../main/fulfil/handlers.js';
import { world, type World } from '../sim/cainiao/harness.js';
import { TEST_CTX } from '../helpers/tmp.js';

const open: World[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
});

/** What the transport does for a channel: validate the input, run the handler, hold the output to the contract. */
async function call(h: FulfilHandlers, name: FulfilChannel, input: unknown): Promise<unknown> {
  const ch = fulfilChannels[name];
  const parsed = ch.input.safeParse(input);
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`);
  const handler = h[name] as (i: unknown, c: typeof TEST_CTX) => unknown;
  const out = await handler(parsed.data, TEST_CTX);
  const checked = ch.output.safeParse(out);
  if (!checked.success) throw new Error(`${name} broke its output contract: ${checked.error.message}`);
  return out;
}

describe('fulfil channels', () => {
  it('every channel names a real permission, with writes gated by the right one', () => {
    for (const [name, ch] of Object.entries(fulfilChannels)) expect(PERMISSIONS, name).toContain(ch.permission);
    expect(fulfilChannels['fulfil.saveCarrierRules'].permission).toBe('rules.edit');
    expect(fulfilChannels['stock.adjust'].permission).toBe('orders.edit');
    expect(fulfilChannels['skus.map'].permission).toBe('orders.edit');
    expect(fulfilChannels['waybills.reprint'].permission).toBe('print.labels');
    expect(fulfilChannels['waybills.bind'].permission).toBe('print.labels');
  });

  it('runs a day through the handlers: warehouse, SKU, mapping, stock, rules, allocation, pool, number, reprint — outputs hold to the contract', async () => {
    const w = world();
    open.push(w);
    const h = fulfilHandlers(w.f, w.core.people.sessions);
    const shop = w.shop();
    const wh = (await call(h, 'warehouses.save', {
      code: 'hz-1',
      name: 'Hangzhou',
      province: '浙江省',
      city: '杭州市',
      address: '文一西路 969 号',
      contactName: '王',
      contactPhone: '13800001111',
    })) as { id: number; code: string; priority: number };
    expect(wh).toMatchObject({ code: 'HZ-1', priority: 100 });
    const sku = (await call(h, 'skus.save', { code: 'TEA', name: 'Tea', weightG: 150 })) as { id: number };
    await call(h, 'skus.map', { shopId: shop, platformSku: 'P-1', skuId: sku.id });
    await call(h, 'stock.adjust', { warehouseId: wh.id, skuId: sku.id, mode: 'set', qty: 5 });
    await call(h, 'stock.setLowWater', { warehouseId: wh.id, skuId: sku.id, lowWater: 4 });
    await call(h, 'fulfil.saveCarrierRules', { rules: [{ name: 'all by ZTO', when: {}, carrier: 'zto' }], defaultCarrier: null });
    await call(h, 'waybills.setCarrier', { carrier: 'ZTO', provider: 'pool', lowWater: 1 });
    expect(await call(h, 'waybills.importPool', { carrier: 'ZTO', text: '751000000001\n751000000002', batch: 'roll 1' })).toEqual({ added: 2, duplicates: 0, free: 2, poolLow: false });

    const o = w.order(shop, { lines: [{ platformSku: 'P-1', qty: 2 }] });
    w.setWorkflow(o, 'approved');
    const run = (await call(h, 'fulfil.allocate', {})) as { allocated: number; lowStock: { skuCode: string }[] };
    expect(run).toMatchObject({ allocated: 1, lowStock: [{ skuCode: 'TEA' }] });
    expect(((await call(h, 'stock.low', {})) as { rows: unknown[] }).rows).toHaveLength(1);
    const alloc = (await call(h, 'waybills.allocate', { orderIds: [o, 99999] })) as { results: { ok: boolean; waybill: { trackingNo: string } | null; error: { code: string } | null }[] };
    expect(alloc.results.map((r) => [r.ok, r.waybill?.trackingNo ?? r.error?.code])).toEqual([
      [true, '751000000001'],
      [false, 'not_found'],
    ]);
    const re = (await call(h, 'waybills.reprint', { orderId: o, newNumber: true })) as { trackingNo: string };
    expect(re.trackingNo).toBe('751000000002');
    expect(((await call(h, 'waybills.forOrder', { orderId: o })) as { rows: { state: string }[] }).rows.map((r) => r.state)).toEqual(['void', 'allocated']);
    expect(((await call(h, 'waybills.carriers', {})) as { rows: { carrier: string; pool: { free: number } }[] }).rows).toMatchObject([{ carrier: 'ZTO', pool: { free: 0, taken: 1, void: 1 }, poolLow: true }]);
    expect(w.events('order', o, 'allocated')[0]!.actor).toBe('cli'); // the trusted test caller, as the event log names it
  });

  it('refuses bad input at the boundary with the field named', async () => {
    const w = world();
    open.push(w);
    const h = fulfilHandlers(w.f, w.core.people.sessions);
    await expect(call(h, 'stock.adjust', { warehouseId: 1, skuId: 1, mode: 'receive', qty: 0 })).rejects.toThrow('qty: receiving needs at least 1 unit');
    await expect(call(h, 'stock.adjust', { warehouseId: 1, skuId: 1, mode: 'set', qty: -1 })).rejects.toThrow(/qty/);
    await expect(call(h, 'skus.save', { code: 'A', name: 'A', colour: 'red' })).rejects.toThrow(/Unrecognized key/);
    await expect(call(h, 'waybills.setCarrier', { carrier: 'YTO', provider: 'cainiao' })).rejects.toThrow(
      'waybills.setCarrier: shopId: the Cainiao e-waybill needs shopId; templateUrl: the Cainiao e-waybill needs templateUrl; userId: the Cainiao e-waybill needs userId',
    );
    await expect(call(h, 'fulfil.saveCarrierRules', { rules: [{ name: 'x', when: { weightG: { min: 5, max: 1 } }, carrier: 'SF' }], defaultCarrier: null })).rejects.toThrow('min is above max');
    await expect(call(h, 'warehouses.save', { code: 'h z', name: 'x' })).rejects.toThrow('code: letters, digits, - and _ only');
  });
});
