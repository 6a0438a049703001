import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { PoolProvider } from '../../main/fulfil/waybills/pool.js';
import { WaybillService } from '../../main/fulfil/waybills/service.js';
import { cainiaoCarrier, world, type World } from '../sim/cainiao/harness.js';
import { formatCnTime } from '../../main/sync/edge.js';
import { CAINIAO_APP, CainiaoSim, SIM_SENDER_ADDRESS, SIM_TEMPLATE, SIM_USER_ID } from '../sim/cainiao/server.js';
import { simSign } from '../sim/taobao/sign.js';

const GET = 'cainiao.waybill.ii.get';
const CANCEL = 'cainiao.waybill.ii.cancel';
const running: { w?: World; sim?: CainiaoSim }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.w?.close();
    await r.sim?.close();
  }
});

async function setup(quota?: Record<string, number>) {
  const sim = await CainiaoSim.start(quota ? { quota } : {});
  const w = world({ sim });
  running.push({ w, sim });
  const shop = cainiaoCarrier(w, sim, 'YTO');
  const wh = w.warehouse('HZ');
  const order = (spec: Parameters<World['order']>[1] = {}) => {
    const id = w.order(shop, spec);
    w.core.db.prepare("UPDATE orders SET carrier = 'YTO', warehouse_id = ? WHERE id = ?").run(wh, id);
    return id;
  };
  return { sim, w, shop, wh, order };
}

async function rejected(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const requestOf = (sim: CainiaoSim, i = 0) => JSON.parse(sim.callsOf(GET)[i]!.params.param_waybill_cloud_print_apply_new_request!) as Record<string, unknown>;

describe('Cainiao e-waybill provider against the simulator', () => {
  it('gets a number with print data through a signed TOP call: the request carries sender, recipient, order, items and template', async () => {
    const { sim, w, order } = await setup();
    const o = order({ id: '3619873200512345678', lines: [{ sku: 'A', qty: 2, title: '绿茶 100g' }] });
    const wb = await w.f.waybills.ensure('order', o, w.who);
    expect(wb).toMatchObject({ orderId: o, carrier: 'YTO', provider: 'cainiao', state: 'allocated', trackingNo: expect.stringMatching(/^YT\d{13}$/) });
    expect(JSON.parse(wb.printData!)).toMatchObject({ data: { waybillCode: wb.trackingNo, cpCode: 'YTO' }, templateURL: SIM_TEMPLATE });
    expect(sim.quota('YTO')).toBe(99);

    const call = sim.callsOf(GET)[0]!;
    expect(call.code).toBe(0);
    expect(call.params).toMatchObject({ sign_method: 'hmac-sha256', format: 'json', v: '2.0' });
    expect(call.computedSign).toBe(call.receivedSign); // recomputed independently by the simulator
    expect(requestOf(sim)).toEqual({
      cp_code: 'YTO',
      sender: { name: '王仓管', mobile: '13800001111', address: { province: SIM_SENDER_ADDRESS.province, city: SIM_SENDER_ADDRESS.city, district: SIM_SENDER_ADDRESS.district, detail: SIM_SENDER_ADDRESS.detail } },
      trade_order_info_dtos: [
        {
          object_id: `o${o}_1`,
          order_info: { order_channels_type: 'TB', trade_order_list: ['3619873200512345678'] },
          package_info: { id: `o${o}_1`, items: [{ name: '绿茶 100g', count: 2 }] },
          recipient: { name: '张三', mobile: '13912345678', address: { province: '广东省', city: '深圳市', district: '南山区', detail: '科技园南区 1 号' } },
          template_url: SIM_TEMPLATE,
          user_id: SIM_USER_ID,
        },
      ],
    });
    expect(w.row('SELECT tracking_no, carrier FROM orders WHERE id = ?', o)).toEqual({ tracking_no: wb.trackingNo, carrier: 'YTO' });
    expect(w.events('order', o, 'waybill_allocated')[0]!.data).toEqual({ carrier: 'YTO', trackingNo: wb.trackingNo, provider: 'cainiao', attemptKey: `o${o}_1` });
    // Asking again returns the live number without calling Cainiao.
    expect((await w.f.waybills.ensure('order', o, w.who)).id).toBe(wb.id);
    expect(sim.callsOf(GET)).toHaveLength(1);
  });

  it('a masked Taobao address goes with its OAID for Cainiao to decrypt; a masked address without one is refused before any call', async () => {
    const { sim, w, order } = await setup();
    const o = order({ masked: true, oaid: '1lYuAqyrrl8696KR75icIq6YJII0ibvb8NiaT14Jh0XdBfzQn' });
    await w.f.waybills.ensure('order', o, w.who);
    const recipient = (requestOf(sim).trade_order_info_dtos as { recipient: Record<string, unknown> }[])[0]!.recipient;
    expect(recipient).toMatchObject({ name: '张**', mobile: '*******5678', oaid: '1lYuAqyrrl8696KR75icIq6YJII0ibvb8NiaT14Jh0XdBfzQn' });
    expect(recipient.tid).toBe(w.row<{ platform_order_id: string }>('SELECT platform_order_id FROM orders WHERE id = ?', o).platform_order_id);

    const noOaid = order({ masked: true });
    const e = await rejected(w.f.waybills.ensure('order', noOaid, w.who));
    expect(e).toMatchObject({ code: 'conflict', details: { reason: 'pii_masked' } });
    expect(sim.callsOf(GET)).toHaveLength(1);
  });

  it('an address the platform decrypted for the label is sent once and asked back encrypted: no plaintext is stored', async () => {
    const { sim, w, wh } = await setup();
    const jd = w.shop('jd', 'JD store', { credentials: { appKey: 'k', appSecret: 's', accessToken: 't' } });
    const o = w.order(jd, { masked: true });
    w.core.db.prepare("UPDATE orders SET carrier = 'YTO', warehouse_id = ? WHERE id = ?").run(wh, o);
    const revealed: string[] = [];
    const service = new WaybillService({
      db: w.core.db,
      log: w.core.eventLog,
      carriers: w.f.carriers,
      pool: w.f.pool,
      providers: { pool: new PoolProvider(w.f.pool, w.core.eventLog, () => sim.clock.now()), cainiao: w.f.cainiao },
      // Stands in for PiiService.reveal (JD's decrypt call, recorded as an event there).
      reveal: async (orderId) => {
        revealed.push(String(orderId));
        return { name: '李四', phone: '13700001234', province: '广东省', city: '深圳市', district: '南山区', address: '科技园北区 8 号', revealed: true };
      },
      now: () => sim.clock.now(),
    });
    const wb = await service.ensure('order', o, w.who);
    expect(revealed).toEqual([String(o)]);
    const req = requestOf(sim);
    expect(req.need_encrypt).toBe(true);
    expect((req.trade_order_info_dtos as { order_info: unknown; recipient: unknown }[])[0]).toMatchObject({ order_info: { order_channels_type: 'JD' }, recipient: { name: '李四', mobile: '13700001234' } });
    expect(Object.keys(JSON.parse(wb.printData!))).toEqual(['encryptedData', 'signature', 'templateURL', 'ver']);
    const stored = w.row<{ print_data: string }>('SELECT print_data FROM waybills WHERE id = ?', wb.id).print_data;
    for (const plain of ['李四', '13700001234', '科技园北区']) expect(stored).not.toContain(plain);
  });

  it('a lost answer is asked again under the same key and gives the same number: one number spent, one row', async () => {
    const { sim, w, order } = await setup();
    const o = order();
    sim.loseNextResponses(1, GET);
    const wb = await w.f.waybills.ensure('order', o, w.who);
    expect(sim.callsOf(GET).map((c) => JSON.parse(c.params.param_waybill_cloud_print_apply_new_request!).trade_order_info_dtos[0].object_id)).toEqual([`o${o}_1`, `o${o}_1`]);
    expect(sim.state.waybills.size).toBe(1);
    expect(sim.quota('YTO')).toBe(99);
    expect(w.f.waybills.forTarget('order', o).map((r) => r.trackingNo)).toEqual([wb.trackingNo]);
  });

  it('a network that stays down leaves nothing half-done: no row, no event, no number spent; the next try works', async () => {
    const { sim, w, order } = await setup();
    const o = order();
    sim.failNext(3); // every attempt of the client's retry policy
    const e = await rejected(w.f.waybills.ensure('order', o, w.who));
    expect(e).toMatchObject({ code: 'io_error', details: { carrier: 'YTO', kind: 'server' } });
    expect(e.message).toMatch(/^Cainiao e-waybill: could not get a number for YTO: Taobao cainiao\.waybill\.ii\.get: the router answered HTTP 502/);
    expect(w.rows('SELECT id FROM waybills')).toEqual([]);
    expect(w.events('order', o, 'waybill_allocated')).toEqual([]);
    expect(w.row('SELECT tracking_no FROM orders WHERE id = ?', o)).toEqual({ tracking_no: null });
    expect(sim.quota('YTO')).toBe(100);
    expect((await w.f.waybills.ensure('order', o, w.who)).state).toBe('allocated');
    expect(sim.quota('YTO')).toBe(99);
  });

  it('a number Cainiao gives that another order already holds is refused, named and given back to Cainiao', async () => {
    const { sim, w, order } = await setup();
    const holder = order({ id: 'HOLDER' });
    w.f.waybills.bind('order', holder, 'YTO', 'YT0000000001001', w.who); // typed in by hand earlier: the simulator's next number
    const o = order();
    const e = await rejected(w.f.waybills.ensure('order', o, w.who));
    expect(e.message).toMatch(/^tracking number YT0000000001001 already belongs to order HOLDER/);
    expect(sim.waybill('YT0000000001001').state).toBe('cancelled');
    expect(sim.quota('YTO')).toBe(100);
    expect(w.rows('SELECT id FROM waybills WHERE order_id = ?', o)).toEqual([]);
    expect(w.events('order', o, 'waybill_orphaned')).toEqual([]);
  });

  it('names an exhausted quota, a refused signature and an expired session', async () => {
    const { sim, w, order, shop } = await setup({ YTO: 1 });
    await w.f.waybills.ensure('order', order(), w.who);
    const empty = await rejected(w.f.waybills.ensure('order', order(), w.who));
    expect(empty).toMatchObject({ code: 'conflict', details: { reason: 'quota_exhausted', carrier: 'YTO', cpCode: 'YTO', platformCode: '15/isv.invalid-parameter' } });
    expect(empty.message).toBe("Cainiao has no YTO e-waybill numbers left on this account (quota exhausted): top it up at the carrier's branch (网点充值), then print again");
    expect(sim.callsOf(GET).at(-1)).toMatchObject({ code: 15, subCode: 'isv.invalid-parameter' });

    sim.setQuota('YTO', 5);
    w.core.sync.shops.update(shop, { credentials: { appKey: '23456789', appSecret: 'not-the-secret', sessionKey: '6200cainiao0sim0session' } }, 'test');
    const badSign = await rejected(w.f.waybills.ensure('order', order(), w.who));
    expect(badSign.message).toMatch(/Taobao refused the request signature/);
    const refused = sim.callsOf(GET).at(-1)!;
    expect(refused).toMatchObject({ code: 25 });
    expect(refused.computedSign).not.toBe(refused.receivedSign);
    // What the sim computes is what a client with the right secret sends.
    expect(simSign(new Map(Object.entries(refused.params)), 'cainiao-sim-secret-fedcba9876543210', 'hmac-sha256')).toBe(refused.computedSign);

    w.core.sync.shops.update(shop, { credentials: { appKey: '23456789', appSecret: 'cainiao-sim-secret-fedcba9876543210', sessionKey: '6200cainiao0sim0session' } }, 'test');
    sim.expireSession();
    expect((await rejected(w.f.waybills.ensure('order', order(), w.who))).message).toMatch(/the session key has expired/);
  });

  it('reprints with the same number (counted, same print data) or a new one (old cancelled at Cainiao, voided, unprintable)', async () => {
    const { sim, w, order } = await setup();
    const o = order();
    const first = await w.f.waybills.ensure('order', o, w.who);
    expect(sim.print(first.trackingNo)).toMatchObject({ ok: true });
    w.f.waybills.markPrinted(first.id, w.who);

    const same = await w.f.waybills.reprint('order', o, { newNumber: false, reason: 'printer jammed' }, w.who);
    expect(same).toMatchObject({ id: first.id, trackingNo: first.trackingNo, reprints: 1, state: 'printed', printData: first.printData });
    expect(w.events('order', o, 'waybill_reprinted')[0]).toMatchObject({ reason: 'printer jammed', data: { trackingNo: first.trackingNo, newNumber: false, reprints: 1 } });
    expect(sim.callsOf(GET)).toHaveLength(1);

    const fresh = await w.f.waybills.reprint('order', o, { newNumber: true, reason: 'label smudged' }, w.who);
    expect(fresh.trackingNo).not.toBe(first.trackingNo);
    expect(requestOf(sim, 1).trade_order_info_dtos).toMatchObject([{ object_id: `o${o}_2`, package_info: { id: `o${o}_2` } }]);
    expect(sim.callsOf(CANCEL)[0]!.params).toMatchObject({ cp_code: 'YTO', waybill_code: first.trackingNo });
    expect(sim.waybill(first.trackingNo).state).toBe('cancelled');
    expect(sim.print(first.trackingNo)).toEqual({ ok: false, reason: `waybill ${first.trackingNo} was cancelled and cannot be printed` });
    expect(sim.quota('YTO')).toBe(99); // -1, +1 back on cancel, -1
    expect(w.f.waybills.forTarget('order', o).map((r) => [r.trackingNo, r.state])).toEqual([
      [first.trackingNo, 'void'],
      [fresh.trackingNo, 'allocated'],
    ]);
    expect(w.events('order', o, 'waybill_voided')[0]).toMatchObject({ reason: 'reprint with a new number: label smudged', data: { trackingNo: first.trackingNo, cancelledAtProvider: true } });
    expect(w.row('SELECT tracking_no FROM orders WHERE id = ?', o)).toEqual({ tracking_no: fresh.trackingNo });
  });

  it('a cancel that fails (network down, or the parcel already picked up) leaves the number live and takes no new one', async () => {
    const { sim, w, order } = await setup();
    const o = order();
    const first = await w.f.waybills.ensure('order', o, w.who);
    w.f.waybills.markPrinted(first.id, w.who);

    sim.failNext(3);
    expect((await rejected(w.f.waybills.reprint('order', o, { newNumber: true }, w.who))).code).toBe('io_error');
    sim.collect(first.trackingNo);
    const refused = await rejected(w.f.waybills.voidNumber('order', o, 'changed my mind', w.who));
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'cancel_refused', platformCode: '15/isv.waybill-cancel-fail' } });
    expect(refused.message).toBe('Cainiao refused to cancel ' + first.trackingNo + ': the carrier already picked up, delivered or recycled that parcel');
    expect(w.f.waybills.forTarget('order', o).map((r) => [r.trackingNo, r.state])).toEqual([[first.trackingNo, 'printed']]);
    expect(sim.callsOf(GET)).toHaveLength(1);
    expect(w.events('order', o).map((e) => e.action)).toEqual(['created', 'waybill_allocated', 'waybill_printed']);
  });

  it('recycles numbers of intercepted orders never printed (quota back); a cancel answer lost is still recorded once', async () => {
    const { sim, w, order } = await setup();
    const a = order();
    const b = order();
    const c = order();
    const na = await w.f.waybills.ensure('order', a, w.who);
    const nb = await w.f.waybills.ensure('order', b, w.who);
    const nc = await w.f.waybills.ensure('order', c, w.who);
    w.f.waybills.markPrinted(nc.id, w.who);
    expect(sim.quota('YTO')).toBe(97);
    w.core.db.prepare('UPDATE orders SET open_flags = 4 WHERE id IN (?, ?, ?)').run(a, b, c);
    sim.loseNextResponses(1, CANCEL);
    expect(await w.f.waybills.recycleUnused(null, w.who)).toEqual({ recycled: 2, failed: [] });
    expect([na, nb, nc].map((n) => sim.waybill(n.trackingNo).state)).toEqual(['cancelled', 'cancelled', 'allocated']);
    expect(sim.callsOf(CANCEL).map((x) => x.subCode)).toEqual([undefined, 'isv.waybill-already-cancelled', undefined]);
    expect(sim.quota('YTO')).toBe(99);
    expect(w.rows<{ state: string }>('SELECT state FROM waybills ORDER BY id').map((r) => r.state)).toEqual(['recycled', 'recycled', 'printed']);
    // No new number for an intercepted order.
    expect((await rejected(w.f.waybills.ensure('order', a, w.who))).details).toMatchObject({ reason: 'blocked' });
  });

  it('the router answers as TOP does: HTTP 200 error envelopes for a missing session, a wrong signature and missing arguments', async () => {
    const { sim } = await setup();
    const raw = async (params: Record<string, string>, secret: string = CAINIAO_APP.appSecret) => {
      const p = new Map(Object.entries({ app_key: CAINIAO_APP.appKey, timestamp: formatCnTime(sim.clock.now()), format: 'json', v: '2.0', sign_method: 'md5', ...params }));
      p.set('sign', simSign(p, secret, 'md5'));
      const res = await fetch(`${sim.url}/router/rest`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams([...p]).toString() });
      return { status: res.status, body: (await res.json()) as { error_response?: Record<string, unknown> } & Record<string, unknown> };
    };
    const noSession = await raw({ method: CANCEL, cp_code: 'YTO', waybill_code: 'YT0000000001001' });
    expect(noSession.status).toBe(200);
    expect(noSession.body.error_response).toMatchObject({ code: 26, msg: 'Missing session', request_id: expect.any(String) });
    expect((await raw({ method: CANCEL, session: CAINIAO_APP.sessionKey, cp_code: 'YTO', waybill_code: 'X' }, 'wrong')).body.error_response).toMatchObject({ code: 25 });
    expect((await raw({ method: CANCEL, session: CAINIAO_APP.sessionKey, cp_code: 'YTO' })).body.error_response).toMatchObject({ code: 40, msg: 'Missing required arguments:waybill_code' });
    expect((await raw({ method: CANCEL, session: CAINIAO_APP.sessionKey, cp_code: 'YTO', waybill_code: 'YT0000000009999' })).body.error_response).toMatchObject({
      code: 15,
      msg: 'Remote service error',
      sub_code: 'isv.waybill-not-exist',
    });
    expect((await raw({ method: 'cainiao.waybill.ii.search', session: CAINIAO_APP.sessionKey })).body).toHaveProperty('cainiao_waybill_ii_search_response.waybill_apply_subscription_cols.waybill_apply_subscription_info');
  });

  it('reads the subscription: branches, numbers left and the sender addresses they allow', async () => {
    const { w } = await setup({ YTO: 42, ZTO: 7 });
    const subs = await w.f.cainiao.subscriptions(w.f.carriers.setup('YTO'));
    expect(subs).toEqual([
      {
        cpCode: 'YTO',
        cpType: 2,
        branches: [{ branchCode: '571000', branchName: '杭州余杭YTO网点', quantity: 42, allocated: 0, cancelled: 0, printed: 0, addresses: [SIM_SENDER_ADDRESS] }],
      },
    ]);
  });
});
