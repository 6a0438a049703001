import path from 'node:path';
import { createCore, type Core } from '../../../main/core.js';
import { createFulfil, type Fulfil } from '../../../main/fulfil/services.js';
import type { Who } from '../../../main/fulfil/who.js';
import type { NormalizedLine, NormalizedOrder } from '../../../main/orders/model.js';
import { fetchHttp, type HttpClient } from '../../../main/sync/http.js';
import { deriveQueue, type Workflow } from '../../../shared/domain/status.js';
import type { Platform } from '../../../shared/domain/ids.js';
import { tmpDir } from '../../helpers/tmp.js';
import { CAINIAO_APP, SIM_SENDER_ADDRESS, SIM_TEMPLATE, SIM_USER_ID, type CainiaoSim } from './server.js';

/**
 * A fulfilment world for tests: a real core over a temp SQLite file, the fulfil services over it (TOP backoff made
 * instant, advancing the simulator's clock when there is one), and builders for shops, SKUs, stock and orders.
 */
export interface World {
  core: Core;
  f: Fulfil;
  who: Who;
  shop(platform?: Platform, name?: string, extra?: { credentials?: Record<string, string>; baseUrl?: string }): number;
  sku(code: string, weightG?: number | null): number;
  warehouse(code: string, over?: Partial<{ province: string; city: string; priority: number; active: boolean; sender: boolean }>): number;
  stock(warehouseId: number, skuId: number, onHand: number, lowWater?: number): void;
  order(shopId: number, spec?: OrderSpec): number;
  /** Moves an order to a workflow state as the audit (approved) or the print queue (printed) would. */
  setWorkflow(orderId: number, workflow: Workflow, priority?: number): void;
  row<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T;
  rows<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[];
  events(entity: string, entityId: number | null, action?: string): { action: string; actor: string; reason: string | null; data: Record<string, unknown> | null }[];
  close(): void;
}

export interface OrderSpec {
  id?: string;
  lines?: (Partial<NormalizedLine> & { sku?: string })[];
  province?: string;
  city?: string;
  country?: string | null;
  totalMinor?: number;
  currency?: string;
  paidAt?: number;
  masked?: boolean;
  oaid?: string;
}

let serial = 0;
export const T0 = Date.UTC(2026, 10, 25, 4, 0, 0);

export function world(opts: { sim?: CainiaoSim; http?: HttpClient; now?: () => number } = {}): World {
  const now = opts.now ?? (opts.sim ? () => opts.sim!.clock.now() : () => T0);
  const core = createCore({ dbPath: path.join(tmpDir(), 'fulfil.db'), log: () => {}, now });
  const f = createFulfil({
    db: core.db,
    log: core.eventLog,
    shops: core.sync.shops,
    carrierCodes: core.sync.carrierCodes,
    http: opts.http ?? fetchHttp,
    now,
    top: { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, sleep: async (ms) => opts.sim?.clock.advance(ms) },
  });
  const db = core.db;
  const who: Who = { actor: 'operator:tester', operatorId: null, stationId: null };
  const w: World = {
    core,
    f,
    who,
    shop(platform = 'manual', name = `shop ${++serial}`, extra = {}) {
      return core.sync.shops.add({ platform, name, currency: 'CNY', ...(extra.credentials ? { credentials: extra.credentials } : {}), ...(extra.baseUrl ? { baseUrl: extra.baseUrl } : {}) }, 'test').id;
    },
    sku(code, weightG = 500) {
      return f.catalog.save({ code, name: `${code} name`, weightG, active: true }, who).id;
    },
    warehouse(code, over = {}) {
      const sender = over.sender ?? true;
      return f.warehouses.save(
        {
          code,
          name: `${code} warehouse`,
          province: over.province ?? SIM_SENDER_ADDRESS.province,
          city: over.city ?? SIM_SENDER_ADDRESS.city,
          district: SIM_SENDER_ADDRESS.district,
          address: SIM_SENDER_ADDRESS.detail,
          contactName: sender ? '王仓管' : null,
          contactPhone: sender ? '13800001111' : null,
          priority: over.priority ?? 100,
          active: over.active ?? true,
        },
        who,
      ).id;
    },
    stock(warehouseId, skuId, onHand, lowWater) {
      f.stock.adjust({ warehouseId, skuId, mode: 'set', qty: onHand }, who);
      if (lowWater !== undefined) f.stock.setLowWater(warehouseId, skuId, lowWater, who);
    },
    order(shopId, spec = {}) {
      const platform = (db.prepare('SELECT platform FROM shops WHERE id = ?').get(shopId) as { platform: Platform }).platform;
      const lines = (spec.lines ?? [{ sku: 'A', qty: 1 }]).map((l, i) => ({ title: `item ${i + 1}`, qty: 1, unitPriceMinor: 1000, skuCode: l.sku ?? null, ...l }));
      const o: NormalizedOrder = {
        shopId,
        platform,
        platformOrderId: spec.id ?? `T${100000 + ++serial}`,
        platformStatus: 'WAIT_SELLER_SEND_GOODS',
        platformState: 'to_ship',
        payment: 'paid',
        buyerName: spec.masked ? '张**' : '张三',
        buyerPhone: spec.masked ? '*******5678' : '13912345678',
        country: spec.country === undefined ? 'CN' : spec.country,
        province: spec.province ?? '广东省',
        city: spec.city ?? '深圳市',
        district: '南山区',
        address1: spec.masked ? '科技园**号' : '科技园南区 1 号',
        piiMasked: spec.masked ?? false,
        ...(spec.oaid ? { piiRef: { oaid: spec.oaid } } : {}),
        currency: spec.currency ?? 'CNY',
        goodsMinor: spec.totalMinor ?? 1000,
        totalMinor: spec.totalMinor ?? 1000,
        paidMinor: spec.totalMinor ?? 1000,
        placedAt: T0 - 3600_000,
        paidAt: spec.paidAt ?? T0 - 3000_000,
        lines: lines.map(({ sku: _sku, ...l }) => l),
      };
      return core.orders.writer.upsertMany([o], 'test', T0).ids[0]!;
    },
    setWorkflow(orderId, workflow, priority) {
      const o = db.prepare('SELECT platform_state, payment, open_flags FROM orders WHERE id = ?').get(orderId) as { platform_state: 'to_ship'; payment: 'paid'; open_flags: number };
      const queue = deriveQueue({ platformState: o.platform_state, workflow, payment: o.payment, openFlags: o.open_flags });
      db.prepare('UPDATE orders SET workflow = ?, queue = ?, priority = coalesce(?, priority) WHERE id = ?').run(workflow, queue, priority ?? null, orderId);
    },
    row: <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T,
    rows: <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[],
    events(entity, entityId, action) {
      return (
        db
          .prepare(`SELECT action, actor, reason, data FROM events WHERE entity = ? AND entity_id IS ? ${action ? 'AND action = ?' : ''} ORDER BY id`)
          .all(entity, entityId, ...(action ? [action] : [])) as { action: string; actor: string; reason: string | null; data: string | null }[]
      ).map((e) => ({ ...e, data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null }));
    },
    close: () => core.close(),
  };
  return w;
}

/** A Taobao shop pointed at the simulator, and `carrier` set up for the Cainiao e-waybill through it. */
export function cainiaoCarrier(w: World, sim: CainiaoSim, carrier = 'YTO'): number {
  const shopId = w.shop('taobao', `Tmall flagship ${++serial}`, { credentials: { ...CAINIAO_APP }, baseUrl: sim.url });
  w.f.carriers.save({ carrier, provider: 'cainiao', shopId, templateUrl: SIM_TEMPLATE, userId: SIM_USER_ID, lowWater: 0 }, w.who);
  return shopId;
}
