import { deriveQueue, FLAG_BIT, type FlagReason, type Payment, type PlatformState, type Queue, type Workflow } from '../../shared/domain/status.js';
import type { Platform } from '../../shared/domain/ids.js';
import type { DB } from '../store/db.js';
import { EventLog } from '../history/events.js';
import { OrderWriter } from '../orders/ingest.js';
import { OperatorStore } from '../people/operators.js';
import type { NormalizedLine, NormalizedOrder } from '../orders/model.js';
import * as D from './data.js';
import { platformStatus, platformOrderId } from './platform-formats.js';

export interface DemoOptions {
  orders: number;
  seed?: number;
  /** Orders are spread over this many days up to `now`. */
  days?: number;
  now?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  shops: number;
  skus: number;
  warehouses: number;
  orders: number;
  lines: number;
  byQueue: Partial<Record<Queue, number>>;
}

/** Small fast seeded PRNG (mulberry32): the same seed gives the same demo, so tests can rely on it. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const EXCEPTIONS: FlagReason[] = ['unmapped_sku', 'out_of_stock', 'address_invalid', 'buyer_message', 'amount_outlier', 'duplicate_order'];
const HOLDS: FlagReason[] = ['manual_hold', 'presale', 'address_check'];

/** Target queue by age: old orders have mostly shipped, today's are spread over the pipeline. */
function pickTarget(r: number, ageDays: number): Queue {
  if (ageDays > 3) {
    if (r < 0.88) return 'shipped';
    if (r < 0.95) return 'cancelled';
    if (r < 0.96) return 'intercepted';
    if (r < 0.98) return 'on_hold';
    return 'to_pack';
  }
  const cut: [number, Queue][] = [
    [0.05, 'unpaid'],
    [0.09, 'cancelled'],
    [0.11, 'intercepted'],
    [0.33, 'pending_audit'],
    [0.4, 'review'],
    [0.44, 'on_hold'],
    [0.66, 'to_print'],
    [0.76, 'to_pack'],
  ];
  for (const [c, q] of cut) if (r < c) return q;
  return ageDays < 0.25 ? 'to_print' : 'shipped'; // nothing placed in the last hours has left yet

}

/**
 * Fills an empty database with a realistic data set: a seller with shops on several platforms, SKUs mapped per
 * shop, two warehouses with stock, and orders in every state with their history. Deterministic for a seed.
 */
export function generateDemo(db: DB, opts: DemoOptions): DemoSummary {
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 30;
  const log = new EventLog(db);
  const writer = new OrderWriter(db, log);
  const summary: DemoSummary = { shops: 0, skus: 0, warehouses: 0, orders: 0, lines: 0, byQueue: {} };

  const shops = db.transaction(() => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('demo', ?)").run(JSON.stringify({ seed: opts.seed ?? 1, orders: opts.orders, at: now }));
    const people = new OperatorStore(db);
    for (const [name, role, pin] of D.DEMO_OPERATORS) people.create(name, role, pin ?? undefined, now);
    return setupCatalog(db, now, summary);
  })();

  const totalWeight = D.DEMO_SHOPS.reduce((s, x) => s + x.weight, 0);
  const pickShop = () => {
    let r = rand() * totalWeight;
    for (const s of shops) if ((r -= s.weight) < 0) return s;
    return shops[shops.length - 1]!;
  };

  const applyState = stateApplier(db, log);
  const BATCH = 2000;
  for (let start = 0; start < opts.orders; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(opts.orders, start + BATCH); i++) {
        // Newer orders are denser: a seller's volume grows, and today matters most.
        const ageMs = Math.floor(Math.pow(rand(), 1.6) * days * DAY);
        const placedAt = now - ageMs;
        const target = pickTarget(rand(), ageMs / DAY);
        const shop = pickShop();
        const o = makeOrder(shop, i, placedAt, target, rand, pick);
        const [, id] = writer.upsertOne(o, `sync:${shop.platform}`, placedAt + 60_000);
        applyState(id, o, target, placedAt, rand, pick);
        summary.orders++;
        summary.lines += o.lines.length;
        summary.byQueue[target] = (summary.byQueue[target] ?? 0) + 1;
      }
    })();
    opts.onProgress?.(Math.min(opts.orders, start + BATCH), opts.orders);
  }
  db.exec('ANALYZE'); // the planner needs statistics to pick the right queue index
  return summary;
}

type DemoShop = { id: number; platform: Platform; currency: string; weight: number };

function setupCatalog(db: DB, now: number, summary: DemoSummary): DemoShop[] {
  const insShop = db.prepare('INSERT INTO shops (platform, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const shops = D.DEMO_SHOPS.map((s) => ({ ...s, id: Number(insShop.run(s.platform, s.name, s.currency, now, now).lastInsertRowid) }));
  const insSku = db.prepare('INSERT INTO skus (code, name, barcode, weight_g, cost_minor, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insMap = db.prepare('INSERT INTO platform_skus (shop_id, platform_sku, sku_id, created_at) VALUES (?, ?, ?, ?)');
  const insWh = db.prepare('INSERT INTO warehouses (code, name, province, city, priority, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insStock = db.prepare('INSERT INTO stock (warehouse_id, sku_id, on_hand, reserved, low_water, updated_at) VALUES (?, ?, ?, 0, ?, ?)');
  const whs = [
    Number(insWh.run('HZ-01', '杭州主仓', '浙江省', '杭州市', 10, now).lastInsertRowid),
    Number(insWh.run('GZ-01', '广州分仓', '广东省', '广州市', 20, now).lastInsertRowid),
  ];
  D.DEMO_SKUS.forEach(([code, name, , price, weight], i) => {
    const barcode = ean13(`690${String(1000000 + i * 7919).slice(-7)}00`.slice(0, 12));
    const skuId = Number(insSku.run(code, name, barcode, weight, Math.round(price * 0.42), 'CNY', now, now).lastInsertRowid);
    for (const s of shops) insMap.run(s.id, code, skuId, now);
    whs.forEach((wh, w) => insStock.run(wh, skuId, ((i * 37 + w * 101) % 400) + (i % 5 === 0 ? 2 : 40), 20, now));
  });
  summary.shops = shops.length;
  summary.skus = D.DEMO_SKUS.length;
  summary.warehouses = whs.length;
  return shops;
}

/** EAN-13 with its check digit. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return first12 + ((10 - (sum % 10)) % 10);
}

function priceIn(currency: string, fen: number): number {
  if (currency === 'CNY') return fen;
  const rate = currency === 'USD' ? 7.1 : 7.8;
  return Math.max(99, Math.round(fen / rate / 100) * 100 - 1); // x.99 pricing
}

function makeOrder(shop: DemoShop, i: number, placedAt: number, target: Queue, rand: () => number, pick: <T>(xs: readonly T[]) => T): NormalizedOrder {
  const cn = shop.currency === 'CNY';
  const nLines = rand() < 0.72 ? 1 : rand() < 0.8 ? 2 : 3;
  const lines: NormalizedLine[] = [];
  const used = new Set<string>();
  for (let l = 0; l < nLines; l++) {
    const [code, zh, en, fen] = pick(D.DEMO_SKUS);
    if (used.has(code)) continue;
    used.add(code);
    const unmapped = target === 'review' && l === 0 && rand() < 0.3;
    lines.push({
      platformLineId: `${i}-${l + 1}`,
      platformSku: unmapped ? `OLD-${code}` : code,
      skuCode: unmapped ? null : code,
      title: cn ? zh : en,
      qty: rand() < 0.85 ? 1 : 1 + Math.floor(rand() * 3),
      unitPriceMinor: priceIn(shop.currency, fen),
    });
  }
  const goods = lines.reduce((s, l) => s + l.qty * l.unitPriceMinor, 0);
  const shipping = cn ? (goods >= 9900 ? 0 : 800) : goods >= 5000 ? 0 : 599;
  const discount = rand() < 0.3 ? Math.round(goods * 0.05) : 0;
  const total = goods + shipping - discount;
  const state: PlatformState =
    target === 'unpaid' ? 'unpaid' : target === 'cancelled' ? 'cancelled' : target === 'shipped' ? (rand() < 0.6 ? 'completed' : 'shipped') : 'to_ship';
  const payment: Payment = target === 'unpaid' ? 'unpaid' : target === 'cancelled' && rand() < 0.5 ? 'refunded' : target === 'intercepted' ? 'partly_refunded' : 'paid';
  const base = {
    shopId: shop.id,
    platform: shop.platform,
    platformOrderId: platformOrderId(shop.platform, i, placedAt, rand),
    platformStatus: platformStatus(shop.platform, state),
    platformState: state,
    payment,
    currency: shop.currency,
    goodsMinor: goods,
    shippingMinor: shipping,
    discountMinor: discount,
    totalMinor: total,
    refundedMinor: payment === 'refunded' ? total : payment === 'partly_refunded' ? lines[0]!.unitPriceMinor : 0,
    placedAt,
    paidAt: payment === 'unpaid' ? null : placedAt + Math.floor(rand() * 120_000),
    shipBy: placedAt + 2 * DAY,
    platformUpdatedAt: placedAt + 60_000,
    buyerMessage: rand() < (target === 'review' ? 0.5 : 0.06) ? pick(D.BUYER_MESSAGES) : null,
    sellerMemo: rand() < 0.04 ? pick(D.SELLER_MEMOS) : null,
    lines,
  };
  if (cn) {
    const [province, city, districts] = pick(D.CN_REGIONS);
    const name = pick(D.CN_SURNAMES) + pick(D.CN_GIVEN);
    // Chinese platforms hand out masked PII; we store it as given (see platform-apis.md, PII).
    const masked = shop.platform !== 'manual';
    return {
      ...base,
      buyerNick: shop.platform === 'manual' ? null : pick(D.CN_NICK_PARTS) + name.slice(1) + (i % 97),
      buyerName: masked ? name[0] + '**' : name,
      buyerPhone: masked ? `1${30 + (i % 60)}****${String(1000 + (i % 9000)).slice(-4)}` : `1${30 + (i % 60)}${String(10000000 + ((i * 7919) % 89999999))}`,
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
    const name = pick(D.US_NAMES);
    return { ...base, buyerNick: null, buyerName: name, buyerPhone: null, country: 'US', province: st, city: cityName, district: null, address1: `${100 + (i % 900)} Main St`, postcode: zip };
  }
  const [country, region, cityName, zip] = pick(D.EU_PLACES);
  return { ...base, buyerNick: null, buyerName: pick(D.EU_NAMES), buyerPhone: null, country, province: region, city: cityName, district: null, address1: `Hauptstraße ${1 + (i % 120)}`, postcode: zip };
}

/** Moves a freshly ingested order to where the demo wants it, recording each step as a person or rule would. */
function stateApplier(db: DB, log: EventLog) {
  const setOrder = db.prepare('UPDATE orders SET workflow = ?, open_flags = ?, queue = ?, tracking_no = ?, carrier = ?, updated_at = ? WHERE id = ?');
  const setLines = db.prepare(
    `UPDATE order_lines SET qty_allocated = CASE WHEN @a THEN qty ELSE 0 END, qty_printed = CASE WHEN @p THEN qty ELSE 0 END,
      qty_verified = CASE WHEN @v THEN qty ELSE 0 END, qty_shipped = CASE WHEN @s THEN qty ELSE 0 END WHERE order_id = @id`,
  );
  const addFlag = db.prepare('INSERT INTO order_flags (order_id, kind, reason, note, release_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const packers = D.DEMO_OPERATORS.filter(([, role]) => role === 'packer').map(([name]) => `operator:${name}`);

  return (id: number, o: NormalizedOrder, target: Queue, placedAt: number, rand: () => number, pick: <T>(xs: readonly T[]) => T) => {
    let workflow: Workflow = 'pending_audit';
    let flags = 0;
    let tracking: string | null = null;
    let carrier: string | null = null;
    let t = placedAt + 120_000;
    const step = (action: string, actor: string, reason?: string) => {
      t += 60_000 + Math.floor(rand() * 3_600_000);
      log.record({ at: t, actor, entity: 'order', entityId: id, action, reason: reason ?? null });
    };
    const flag = (kind: 'hold' | 'exception' | 'intercept', reason: FlagReason, actor: string, note: string | null, releaseAt: number | null = null) => {
      addFlag.run(id, kind, reason, note, releaseAt, t, actor);
      flags |= FLAG_BIT[kind];
      step(kind === 'hold' ? 'held' : kind === 'exception' ? 'exception_raised' : 'intercepted', actor, reason);
    };
    const pipeline: Workflow[] = ['approved', 'allocated', 'printed', 'verified', 'shipped', 'written_back'];
    const reach = (w: Workflow) => {
      for (const s of pipeline) {
        workflow = s;
        if (s === 'approved') step('approved', 'rule:auto-approve', 'no exception');
        else if (s === 'allocated') step('allocated', 'system', 'stock reserved');
        else if (s === 'printed') {
          const c = pick(D.CARRIERS.filter((x) => (o.currency === 'CNY') === (x.code !== 'UPS')));
          carrier = c.code;
          tracking = c.prefix + String(Math.floor(rand() * 10 ** Math.min(c.digits, 15))).padStart(c.digits, '0');
          step('printed', pick(packers));
        } else if (s === 'verified') step('verified', pick(packers), 'all units scanned');
        else if (s === 'shipped') step('shipped', pick(packers));
        else step('written_back', `sync:${o.platform}`);
        if (s === w) break;
      }
    };
    switch (target) {
      case 'review':
        flag('exception', o.lines.some((l) => !l.skuCode) ? 'unmapped_sku' : o.buyerMessage ? 'buyer_message' : pick(EXCEPTIONS), 'rule:audit', null);
        break;
      case 'on_hold':
        flag('hold', pick(HOLDS), pick(packers), '等客户确认', rand() < 0.5 ? t + 2 * DAY : null);
        break;
      case 'to_print':
        reach(rand() < 0.5 ? 'approved' : 'allocated');
        break;
      case 'to_pack':
        reach(rand() < 0.8 ? 'printed' : 'verified');
        break;
      case 'shipped':
        if (o.platformState !== 'cancelled') reach('written_back');
        break;
      case 'intercepted':
        reach('printed');
        flag('intercept', 'refund_requested', `sync:${o.platform}`, '买家申请退款');
        break;
      default:
        break; // unpaid, pending_audit, cancelled: as ingested
    }
    if (workflow === 'pending_audit' && flags === 0) return;
    const rank = pipeline.indexOf(workflow) + 1;
    setLines.run({ a: rank >= 2 ? 1 : 0, p: rank >= 3 ? 1 : 0, v: rank >= 4 ? 1 : 0, s: rank >= 5 ? 1 : 0, id });
    const queue = deriveQueue({ platformState: o.platformState, workflow, payment: o.payment, openFlags: flags });
    setOrder.run(workflow, flags, queue, tracking, carrier, t, id);
  };
}
