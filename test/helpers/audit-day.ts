/**
 * A realistic day of orders for the audit, with planted anomalies the generator remembers: a seller with shops on
 * eight platforms plus phone orders, every SKU mapped and in stock, real Chinese divisions and real foreign places,
 * masked PII where the Chinese platforms mask it. Each planted order carries exactly one problem of one kind that a
 * built-in check or one of DAY_RULES must catch; everything else is clean and should pass untouched.
 */
import { BlacklistStore } from '../../main/audit/blacklist.js';
import { createCore, type Core } from '../../main/core.js';
import { rng } from '../../main/demo/generate.js';
import * as D from '../../main/demo/data.js';
import { platformOrderId, platformStatus } from '../../main/demo/platform-formats.js';
import { EventLog } from '../../main/history/events.js';
import { OrderWriter } from '../../main/orders/ingest.js';
import type { NormalizedLine, NormalizedOrder } from '../../main/orders/model.js';
import type { Session } from '../../main/people/sessions.js';
import type { DB } from '../../main/store/db.js';
import type { RuleInput } from '../../shared/domain/audit.js';
import type { Platform } from '../../shared/domain/ids.js';
import type { FlagReason } from '../../shared/domain/status.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DayShop {
  id: number;
  platform: Platform;
  name: string;
  currency: string;
  weight: number;
}

export interface DayCatalog {
  shops: DayShop[];
  /** [code, zh, en, fen, grams] of SKUs in stock. */
  skus: (typeof D.DEMO_SKUS)[number][];
  warehouses: number[];
  /** A tracked SKU with nothing left. */
  soldOut: string;
  /** Blacklisted buyer nicks. */
  blacklistedNicks: string[];
}

/** What the day's checks are configured with (a seller's realistic settings). */
export const DAY_CHECK_SETTINGS = {
  /** Messages that only say "hurry" or "thanks" need no reader. */
  buyer_message: { ignorePatterns: '请尽快发货,谢谢,麻烦快点发货' },
};

/** The seller's rules for the day: a few that catch, a few that only route. */
export function dayRules(): RuleInput[] {
  return [
    {
      name: 'Gift orders: no invoice note is fine',
      conditions: [{ field: 'remark', target: 'buyer_message', op: 'contains', values: ['不要放发票'] }],
      actions: [{ type: 'waive', checks: ['buyer_message'] }, { type: 'tag', tags: ['gift'] }],
    },
    {
      name: 'Remote regions: confirm the carrier reaches them',
      conditions: [{ field: 'region', op: 'in', values: ['新疆维吾尔自治区', '西藏自治区'] }],
      actions: [{ type: 'review', note: '确认快递可达' }],
    },
    {
      name: 'Big orders at night: fraud check',
      conditions: [
        { field: 'placed_hour', op: 'between', value: 1, value2: 5 },
        { field: 'total', op: 'gte', value: 200000, currency: 'CNY' },
      ],
      actions: [{ type: 'hold', reason: 'fraud_check', note: '夜间大额订单，电话核实', release: { kind: 'when_fixed' } }],
    },
    { name: 'Heavy parcels go by SF', conditions: [{ field: 'weight', op: 'gte', value: 5000 }], actions: [{ type: 'set_carrier', carrier: 'SF' }] },
    { name: 'JD orders ship JD', conditions: [{ field: 'platform', op: 'in', values: ['jd'] }], actions: [{ type: 'set_carrier', carrier: 'JD' }, { type: 'tag', tags: ['jd'] }] },
  ];
}

/** Shops, SKUs (mapped in every shop), two warehouses with plenty of stock, one sold-out SKU, a blacklist. */
export function seedDayCatalog(db: DB, now: number): DayCatalog {
  return db.transaction(() => {
    const insShop = db.prepare('INSERT INTO shops (platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const shops = D.DEMO_SHOPS.map((s) => ({ ...s, id: Number(insShop.run(s.platform, s.name, s.currency, now, now).lastInsertRowid) }));
    const insWh = db.prepare('INSERT INTO warehouses (code, name, province, city, priority, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const warehouses = [Number(insWh.run('HZ-01', '杭州主仓', '浙江省', '杭州市', 10, now).lastInsertRowid), Number(insWh.run('GZ-01', '广州分仓', '广东省', '广州市', 20, now).lastInsertRowid)];
    const insSku = db.prepare('INSERT INTO skus (code, name, weight_g, cost_minor, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insMap = db.prepare('INSERT INTO platform_skus (shop_id, platform_sku, sku_id, created_at) VALUES (?, ?, ?, ?)');
    const insStock = db.prepare('INSERT INTO stock (warehouse_id, sku_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)');
    const soldOut: (typeof D.DEMO_SKUS)[number] = ['LAMP-LTD-ED', '限量版台灯', 'Limited edition lamp', 29900, 1500];
    for (const [code, name, , fen, grams] of [...D.DEMO_SKUS, soldOut]) {
      const id = Number(insSku.run(code, name, grams, Math.round(fen * 0.4), 'CNY', now, now).lastInsertRowid);
      for (const s of shops) insMap.run(s.id, code, id, now);
      for (const w of warehouses) insStock.run(w, id, code === soldOut[0] ? 0 : 1_000_000, now);
    }
    const blacklistedNicks = ['差评专业户', '恶意退款王', 'refund_hunter88'];
    const blacklist = new BlacklistStore(db);
    for (const n of blacklistedNicks) blacklist.add('buyer', n, '多次恶意退款', 'cli', now);
    return { shops, skus: D.DEMO_SKUS, warehouses, soldOut: soldOut[0], blacklistedNicks };
  })();
}

/** What a planted order must end up with: its queue and the reason among its open flags. */
export interface Plant {
  reason: FlagReason;
  queue: 'review' | 'on_hold';
}

export const PLANT_KINDS: Record<string, Plant> = {
  unmapped_sku: { reason: 'unmapped_sku', queue: 'review' },
  out_of_stock: { reason: 'out_of_stock', queue: 'review' },
  address_invalid: { reason: 'address_invalid', queue: 'review' },
  duplicate_order: { reason: 'duplicate_order', queue: 'review' },
  blacklisted: { reason: 'blacklisted', queue: 'on_hold' },
  buyer_message: { reason: 'buyer_message', queue: 'review' },
  seller_memo: { reason: 'seller_memo', queue: 'review' },
  amount_outlier: { reason: 'amount_outlier', queue: 'review' },
  platform_risk: { reason: 'platform_risk', queue: 'on_hold' },
  remote_region: { reason: 'rule_review', queue: 'review' },
  night_fraud: { reason: 'fraud_check', queue: 'on_hold' },
};
export type PlantKind = keyof typeof PLANT_KINDS;

export interface AuditDay {
  ids: number[];
  planted: Map<number, PlantKind>;
  clean: number[];
}

export interface DayOptions {
  orders: number;
  seed?: number;
  /** Local midnight of the day. */
  dayStart: number;
  /** Share of orders with a planted anomaly (default 0.1). */
  plantRate?: number;
  /** Called after each stored chunk (the bench prints progress). */
  onProgress?: (done: number) => void;
}

const MEANINGFUL_MESSAGES = ['地址写错了，请改到公司地址', '要蓝色的不要白色', '能开专票吗？抬头稍后发', '同一个地址下了两单，合并发'];
const HARMLESS_MESSAGES = ['请尽快发货，谢谢', '送人的，不要放发票'];
const NL_POSTCODES = ['1012 JS', '1017 CT', '1071 DJ'];

/** Fills the day: orders spread over the local day (denser in the evening), stored through the OrderWriter. */
export function generateAuditDay(db: DB, cat: DayCatalog, opts: DayOptions): AuditDay {
  const rand = rng(opts.seed ?? 11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const writer = new OrderWriter(db, new EventLog(db));
  const kinds = Object.keys(PLANT_KINDS) as PlantKind[];
  const pickShop = (filter?: (s: DayShop) => boolean) => {
    const pool = filter ? cat.shops.filter(filter) : cat.shops;
    let r = rand() * pool.reduce((s, x) => s + x.weight, 0);
    for (const s of pool) if ((r -= s.weight) < 0) return s;
    return pool[pool.length - 1]!;
  };
  const day: AuditDay = { ids: [], planted: new Map(), clean: [] };

  let pending: { o: NormalizedOrder; kind: PlantKind | null }[] = [];
  const flush = () => {
    db.transaction(() => {
      for (const p of pending) {
        const [, id] = writer.upsertOne(p.o, `sync:${p.o.platform}`, p.o.placedAt + 60_000);
        day.ids.push(id);
        if (p.kind) day.planted.set(id, p.kind);
        else day.clean.push(id);
      }
    })();
    pending = [];
    opts.onProgress?.(day.ids.length);
  };

  const lastClean = new Map<number, NormalizedOrder>();
  // Orders arrive in time order (as a sync stores them); evening-heavy: √ pushes times later in the day.
  const times = Array.from({ length: opts.orders }, () => opts.dayStart + Math.floor(Math.sqrt(rand()) * (DAY - 60 * 60_000))).sort((a, b) => a - b);
  for (let i = 0; i < opts.orders; i++) {
    const placedAt = times[i]!;
    const night = placedAt >= opts.dayStart + HOUR && placedAt < opts.dayStart + 5 * HOUR;
    let kind = rand() < (opts.plantRate ?? 0.1) ? kinds[i % kinds.length]! : null;
    // The night rule only catches night orders: a night_fraud turn by day plants a memo; a few night plants are fraud.
    if (kind === 'night_fraud' && !night) kind = 'seller_memo';
    else if (kind && night && rand() < 0.2) kind = 'night_fraud';
    const shop =
      kind === 'platform_risk'
        ? pickShop((s) => s.platform === 'taobao' || s.platform === 'pinduoduo' || s.platform === 'jd')
        : kind === 'address_invalid' || kind === 'remote_region' || kind === 'night_fraud' || kind === 'blacklisted' || kind === 'unmapped_sku'
          ? pickShop((s) => s.currency === 'CNY' && s.platform !== 'manual')
          : pickShop();
    let o = makeOrder(shop, i, placedAt, kind, cat, rand, pick);
    const before = lastClean.get(shop.id);
    if (!kind && before && rand() < 0.04) {
      // A repeat buyer: same person and address as an earlier order today, other items — not a duplicate.
      const { buyerNick, buyerName, buyerPhone, province, city, district, address1, postcode } = before;
      o = { ...o, buyerNick, buyerName, buyerPhone, province, city, district, address1, postcode };
      if (o.lines.map((l) => `${l.skuCode}×${l.qty}`).join() === before.lines.map((l) => `${l.skuCode}×${l.qty}`).join()) o.lines[0]!.qty++;
      o.goodsMinor = o.lines.reduce((sum, l) => sum + l.qty * l.unitPriceMinor, 0);
      o.totalMinor = o.goodsMinor + (o.shippingMinor ?? 0);
    }
    if (!kind) lastClean.set(shop.id, o);
    pending.push({ o, kind });
    if (kind === 'duplicate_order') {
      // The first of the pair is an ordinary order; the same buyer ordering the same again 7 minutes later is the plant.
      pending[pending.length - 1]!.kind = null;
      pending.push({ o: { ...o, platformOrderId: `${o.platformOrderId}9`, placedAt: placedAt + 7 * 60_000, paidAt: placedAt + 8 * 60_000, platformUpdatedAt: placedAt + 8 * 60_000 }, kind });
    }
    if (pending.length >= 2000) flush();
  }
  if (pending.length) flush();
  return day;
}

function makeOrder(
  shop: DayShop,
  i: number,
  placedAt: number,
  kind: PlantKind | null,
  cat: DayCatalog,
  rand: () => number,
  pick: <T>(xs: readonly T[]) => T,
): NormalizedOrder {
  const cn = shop.currency === 'CNY';
  const price = (fen: number) => (cn ? fen : Math.max(99, Math.round(fen / (shop.currency === 'USD' ? 7.1 : 7.8) / 100) * 100 - 1));
  const lines: NormalizedLine[] = [];
  const nLines = rand() < 0.75 ? 1 : 2;
  const used = new Set<string>();
  for (let l = 0; l < nLines; l++) {
    const [code, zh, en, fen] = pick(cat.skus);
    if (used.has(code)) continue;
    used.add(code);
    lines.push({ platformLineId: `${i}-${l + 1}`, platformSku: code, skuCode: code, title: cn ? zh : en, qty: rand() < 0.85 ? 1 : 2, unitPriceMinor: price(fen) });
  }
  if (kind === 'unmapped_sku') Object.assign(lines[0]!, { platformSku: `OLD-${lines[0]!.platformSku}`, skuCode: null });
  if (kind === 'out_of_stock') lines.push({ platformLineId: `${i}-9`, platformSku: cat.soldOut, skuCode: cat.soldOut, title: '限量版台灯', qty: 1, unitPriceMinor: price(29900) });
  if (kind === 'amount_outlier') lines[0]!.qty = 60;
  if (kind === 'night_fraud') lines.splice(0, lines.length, { platformLineId: `${i}-1`, platformSku: 'SHEET-SET-18', skuCode: 'SHEET-SET-18', title: '全棉四件套 1.8m 床', qty: 7, unitPriceMinor: 32900 });
  const goods = lines.reduce((s, l) => s + l.qty * l.unitPriceMinor, 0);
  const shipping = cn ? (goods >= 9900 ? 0 : 800) : goods >= 5000 ? 0 : 599;
  const status = kind === 'platform_risk' ? riskStatus(shop.platform) : platformStatus(shop.platform, 'to_ship');
  const harmless = rand() < 0.06 ? pick(HARMLESS_MESSAGES) : null;
  const base: NormalizedOrder = {
    shopId: shop.id,
    platform: shop.platform,
    platformOrderId: platformOrderId(shop.platform, i, placedAt, rand),
    platformStatus: status,
    platformState: 'to_ship',
    payment: 'paid',
    currency: shop.currency,
    goodsMinor: goods,
    shippingMinor: shipping,
    discountMinor: 0,
    totalMinor: goods + shipping,
    placedAt,
    paidAt: placedAt + 30_000 + Math.floor(rand() * 90_000),
    shipBy: placedAt + 2 * DAY,
    platformUpdatedAt: placedAt + 120_000,
    buyerMessage: kind === 'buyer_message' ? pick(MEANINGFUL_MESSAGES) : harmless,
    sellerMemo: kind === 'seller_memo' ? '客户要求下周再发' : null,
    lines,
  };
  if (cn) {
    const regions = D.CN_REGIONS.filter(([p]) => p !== '新疆维吾尔自治区');
    let [province, city, districts] = kind === 'remote_region' ? D.CN_REGIONS.find(([p]) => p === '新疆维吾尔自治区')! : pick(regions);
    if (kind === 'address_invalid') [province, city, districts] = ['浙江省', '深圳市', ['南山区']]; // 深圳 is in 广东
    const name = pick(D.CN_SURNAMES) + pick(D.CN_GIVEN);
    const masked = shop.platform !== 'manual';
    const nick = kind === 'blacklisted' ? pick(cat.blacklistedNicks) : `${pick(D.CN_NICK_PARTS)}${name.slice(1)}${i}`;
    return {
      ...base,
      buyerNick: shop.platform === 'manual' ? null : nick,
      buyerName: masked ? name[0] + '**' : name,
      buyerPhone: masked ? `1${37 + (i % 3)}****${String(1000 + (i % 9000)).slice(-4)}` : `13${String(800000000 + ((i * 7919) % 199999999)).padStart(9, '0')}`,
      country: 'CN',
      province,
      city,
      district: pick(districts),
      address1: masked ? `${pick(D.CN_STREETS)}***号` : `${pick(D.CN_STREETS)}${1 + (i % 300)}号${1 + (i % 20)}栋${101 + (i % 30)}室`,
      postcode: null,
      piiMasked: masked,
    };
  }
  if (shop.currency === 'USD') {
    const [st, cityName, zip] = pick(D.US_PLACES);
    return { ...base, buyerNick: null, buyerName: `${pick(D.US_NAMES)} ${i}`, buyerPhone: null, country: 'US', province: st, city: cityName, district: null, address1: `${100 + (i % 900)} Main St`, postcode: zip };
  }
  const [country, region, cityName, zip] = pick(D.EU_PLACES);
  const postcode = country === 'NL' ? pick(NL_POSTCODES) : zip;
  return { ...base, buyerNick: null, buyerName: `${pick(D.EU_NAMES)} ${i}`, buyerPhone: null, country, province: region, city: cityName, district: null, address1: `Hauptstraße ${1 + (i % 120)}`, postcode };
}

/** How each platform spells "paid, but do not ship yet: under review". */
function riskStatus(p: Platform): string {
  if (p === 'taobao') return 'PAID_FORBID_CONSIGN';
  if (p === 'jd') return 'PAUSE';
  return 'order_status=1 confirm_status=1 refund_status=0 risk_control_status=1';
}

/* ------------------------------------------------------------------------------------------------------------ */

export interface AuditFixture {
  core: Core;
  /** The core's clock: tests move it. */
  clock: { now: number };
  shops: { taobao: number; manual: number; shopify: number };
  warehouses: { hz: number; gz: number };
  skus: Record<string, number>;
  /** Stores an order (a clean, paid phone order unless told otherwise) as a sync would; returns its id. */
  put(over?: Partial<NormalizedOrder>): number;
  /** A channel call as the CLI makes it (trusted), or as `session`; throws with the error code on failure. */
  call<T>(channel: string, input: unknown, session?: Session): Promise<T>;
  /** The order's queue, workflow and open flags. */
  state(id: number): { queue: string; workflow: string; flags: { kind: string; reason: string; createdBy: string; note: string | null; releaseAt: number | null }[] };
}

/**
 * A small real shop for the engine's unit tests: a Taobao shop (with a 2-pack bundle mapping), a phone-order shop
 * and a Shopify shop; SKUs with weights, two warehouses with stock and one SKU sold out.
 */
export function auditFixture(dbPath: string, start = new Date(2026, 10, 24, 14, 0).getTime()): AuditFixture {
  const clock = { now: start };
  const core = createCore({ dbPath, checkOutputs: true, log: () => {}, now: () => clock.now });
  const db = core.db;
  const t0 = start - 40 * DAY;
  const ins = db.prepare('INSERT INTO shops (platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const shops = {
    taobao: Number(ins.run('taobao', '云杉家居旗舰店', 'CNY', t0, t0).lastInsertRowid),
    manual: Number(ins.run('manual', '电话订单', 'CNY', t0, t0).lastInsertRowid),
    shopify: Number(ins.run('shopify', 'Spruce Home Store', 'USD', t0, t0).lastInsertRowid),
  };
  const wh = db.prepare('INSERT INTO warehouses (code, name, province, city, created_at) VALUES (?, ?, ?, ?, ?)');
  const warehouses = { hz: Number(wh.run('HZ-01', '杭州主仓', '浙江省', '杭州市', t0).lastInsertRowid), gz: Number(wh.run('GZ-01', '广州分仓', '广东省', '广州市', t0).lastInsertRowid) };
  const skus: Record<string, number> = {};
  const sku = db.prepare('INSERT INTO skus (code, name, weight_g, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const stock = db.prepare('INSERT INTO stock (warehouse_id, sku_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, ?, ?)');
  for (const [code, name, grams, hz, gz] of [
    ['CUP-500-WH', '真空保温杯 500ml 白色', 320, 30, 20],
    ['PILLOW-LATEX', '天然乳胶枕', 1500, 10, 0],
    ['RUG-LIVING-L', '客厅地毯 160x230', 4800, 5, 5],
    ['LAMP-LTD-ED', '限量版台灯', 1500, 0, 0],
  ] as const) {
    skus[code] = Number(sku.run(code, name, grams, t0, t0).lastInsertRowid);
    stock.run(warehouses.hz, skus[code], hz, 0, t0);
    stock.run(warehouses.gz, skus[code], gz, 0, t0);
  }
  // Taobao lists the cup as a 2-pack under its own SKU id.
  db.prepare('INSERT INTO platform_skus (shop_id, platform_sku, sku_id, qty_per, created_at) VALUES (?, ?, ?, 2, ?)').run(shops.taobao, 'TB-5512-2PACK', skus['CUP-500-WH'], t0);
  let n = 0;
  const put = (over: Partial<NormalizedOrder> = {}): number => {
    n++;
    const lines = over.lines ?? [{ platformSku: 'CUP-500-WH', skuCode: 'CUP-500-WH', title: '真空保温杯 500ml 白色', qty: 1, unitPriceMinor: 8900 }];
    const goods = lines.reduce((s, l) => s + l.qty * l.unitPriceMinor, 0);
    const placedAt = over.placedAt ?? clock.now - HOUR;
    const o: NormalizedOrder = {
      shopId: shops.manual,
      platform: 'manual',
      platformOrderId: `M2611240${String(n).padStart(3, '0')}`,
      platformStatus: '待发货',
      platformState: 'to_ship',
      payment: 'paid',
      buyerName: '张伟',
      buyerPhone: '13800138000',
      country: 'CN',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      address1: `文三路${100 + n}号`,
      postcode: '310012',
      currency: 'CNY',
      goodsMinor: goods,
      shippingMinor: 0,
      totalMinor: goods,
      placedAt,
      paidAt: placedAt + 60_000,
      shipBy: placedAt + 2 * DAY,
      platformUpdatedAt: placedAt + 60_000,
      ...over,
      lines,
    };
    return core.orders.writer.upsertMany([o], `sync:${o.platform}`, clock.now).ids[0]!;
  };
  const call = async <T>(channel: string, input: unknown, session?: Session): Promise<T> => {
    const r = await core.dispatch(channel, input, { origin: 'test', session: session ?? { stationId: null, operatorId: null, trusted: true } });
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}: ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const state = (id: number) => {
    const o = db.prepare('SELECT queue, workflow FROM orders WHERE id = ?').get(id) as { queue: string; workflow: string };
    const flags = (
      db.prepare('SELECT kind, reason, created_by, note, release_at FROM order_flags WHERE order_id = ? AND released_at IS NULL ORDER BY id').all(id) as {
        kind: string;
        reason: string;
        created_by: string;
        note: string | null;
        release_at: number | null;
      }[]
    ).map((f) => ({ kind: f.kind, reason: f.reason, createdBy: f.created_by, note: f.note, releaseAt: f.release_at }));
    return { ...o, flags };
  };
  return { core, clock, shops, warehouses, skus, put, call, state };
}
