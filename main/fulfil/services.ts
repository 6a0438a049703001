import type { EventLog } from '../history/events.js';
import type { ShopStore } from '../shops/shop-store.js';
import type { DB } from '../store/db.js';
import type { CarrierCodeStore } from '../sync/carrier-codes.js';
import type { HttpClient } from '../sync/http.js';
import type { PiiService } from '../sync/pii.js';
import type { TopClientOptions } from '../sync/platforms/taobao/client.js';
import { AppError } from '../../shared/errors.js';
import { Allocator } from './allocate.js';
import { SkuCatalog } from './catalog.js';
import { StockMoves } from './release.js';
import { FulfilRules } from './rules.js';
import { StockService } from './stock.js';
import { WarehouseStore } from './warehouses.js';
import type { Who } from './who.js';
import { CainiaoProvider } from './waybills/cainiao.js';
import { WaybillCarriers } from './waybills/carriers.js';
import { PoolProvider, WaybillPool } from './waybills/pool.js';
import type { Party } from './waybills/provider.js';
import { WaybillService } from './waybills/service.js';

export interface FulfilDeps {
  db: DB;
  log: EventLog;
  shops: ShopStore;
  carrierCodes: CarrierCodeStore;
  http: HttpClient;
  now: () => number;
  /** Decrypts masked non-Taobao addresses for e-waybills (Taobao orders go with their OAID instead). */
  pii?: PiiService;
  /** TOP retry and sleep (tests make backoff instant). */
  top?: TopClientOptions;
}

export interface Fulfil {
  warehouses: WarehouseStore;
  catalog: SkuCatalog;
  stock: StockService;
  rules: FulfilRules;
  allocator: Allocator;
  /** Release on cancel/refund/intercept, consume on ship (the Shipper calls consumeForShipment). */
  moves: StockMoves;
  carriers: WaybillCarriers;
  pool: WaybillPool;
  cainiao: CainiaoProvider;
  waybills: WaybillService;
}

/** The fulfilment services over one database; core builds this once. */
export function createFulfil(d: FulfilDeps): Fulfil {
  const stock = new StockService(d.db, d.log);
  const rules = new FulfilRules(d.db, d.log);
  const carriers = new WaybillCarriers(d.db, d.log, d.carrierCodes);
  const pool = new WaybillPool(d.db, d.log);
  const cainiao = new CainiaoProvider(d.shops, d.http, d.now, d.top);
  const pii = d.pii;
  const reveal = pii
    ? async (orderId: number, who: Who): Promise<Party> => {
        const r = (await pii.reveal([orderId], 'print_waybill', { actor: who.actor, operatorId: who.operatorId ?? null, stationId: who.stationId ?? null })).get(orderId);
        if (!r?.ok) throw new AppError('conflict', r?.message ?? `order ${orderId}: the platform did not decrypt the address`, { orderId, reason: 'pii_decrypt_failed' });
        const a = r.address;
        return { name: a.name, phone: a.phone, country: a.country ?? null, province: a.province ?? '', city: a.city ?? '', district: a.district ?? '', town: a.town ?? null, address: a.address1, revealed: true };
      }
    : undefined;
  return {
    warehouses: new WarehouseStore(d.db, d.log),
    catalog: new SkuCatalog(d.db, d.log),
    stock,
    rules,
    allocator: new Allocator(d.db, d.log, rules, stock),
    moves: new StockMoves(d.db, d.log),
    carriers,
    pool,
    cainiao,
    waybills: new WaybillService({
      db: d.db,
      log: d.log,
      carriers,
      pool,
      providers: { pool: new PoolProvider(pool, d.log, d.now), cainiao },
      ...(reveal ? { reveal } : {}),
      now: d.now,
    }),
  };
}

/**
 * The pass to run after each sync (the sync writer raises intercepts and cancellations): gives back the stock of
 * orders that must not ship and recycles their numbers that were never printed.
 */
export async function sweepBlocked(f: Fulfil, who: Who): Promise<{ released: ReturnType<StockMoves['releaseBlocked']>; recycled: Awaited<ReturnType<WaybillService['recycleUnused']>> }> {
  const released = f.moves.releaseBlocked(who);
  const recycled = await f.waybills.recycleUnused(null, who);
  return { released, recycled };
}
