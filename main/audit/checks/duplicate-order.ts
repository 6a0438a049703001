import { z } from 'zod';
import type { DB } from '../../store/db.js';
import { isMaskedText } from '../address/phone.js';
import type { AuditOrder, BuiltInCheck } from '../check-types.js';
import { parseWith } from './params.js';
import { jsonList } from './sql.js';
import { isBlank, normAddress, normName } from './text.js';

const Params = z
  .object({
    windowMinutes: z.number().int().min(1).max(60 * 24 * 30).default(1440),
  })
  .strict();

interface Facts {
  id: number;
  shopId: number;
  /** Null for the batch's own orders until a finding names one (see ORDER_IDS_SQL). */
  platformOrderId: string | null;
  buyer: string;
  /** Whether `buyer` is the nick (else the recipient name): which index finds the others. */
  byNick: boolean;
  placedAt: number;
  /** shop, buyer and address: what the database lookup narrows on before lines are read. */
  head: string;
  /** The item multiset key; null until needed (only orders sharing a head are compared by items). */
  items: string | null;
}

interface Line {
  platform_sku: string | null;
  sku_code: string | null;
  title: string;
  qty: number;
}

interface Row {
  id: number;
  shop_id: number;
  platform_order_id: string;
  buyer_nick: string | null;
  buyer_name: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  placed_at: number;
}

/** The buyer as compared: the nick when there is one (platform accounts), else the recipient name. */
function buyerOf(nick: string | null, name: string | null): string | null {
  if (!isBlank(nick)) return nick!.trim();
  return isBlank(name) ? null : name!.trim();
}

/**
 * Shop + buyer + address, or null when the pair cannot tell buyers apart (no buyer, or masked buyer and masked
 * address alike: '王**' at '文三路***号' is many people).
 */
function headOf(shopId: number, buyer: string | null, parts: (string | null)[]): string | null {
  if (buyer === null) return null;
  const address = parts.filter((p): p is string => !isBlank(p)).join('');
  if (isMaskedText(buyer) && (address === '' || isMaskedText(address))) return null;
  return `${shopId}\u0001${normName(buyer)}\u0001${normAddress(address)}`;
}

/** The multiset of items: each line's SKU code (else platform SKU, else title) × quantity, sorted. */
function itemsOf(lines: readonly Line[]): string {
  return lines
    .map((l) => `${normName(l.sku_code ?? l.platform_sku ?? l.title)}×${l.qty}`)
    .sort()
    .join('\u0002');
}

function factsOfOrder(o: AuditOrder): Facts | null {
  const buyer = buyerOf(o.buyerNick, o.buyerName);
  const head = headOf(o.shopId, buyer, [o.province, o.city, o.district, o.address1]);
  if (head === null) return null;
  // Items are compared only for orders whose head another order shares (most have none): filled in later.
  return { id: o.id, shopId: o.shopId, platformOrderId: null, buyer: buyer!, byNick: !isBlank(o.buyerNick), placedAt: o.placedAt, head, items: null };
}

function itemsOfOrder(o: AuditOrder): string {
  return itemsOf(o.lines.map((l) => ({ platform_sku: l.platformSku, sku_code: l.skuCode, title: l.title, qty: l.qty })));
}

/*
 * Other orders of the batch's buyers in the window, found through the buyer indexes (orders_buyer_nick /
 * orders_buyer_name, NOCASE like the lookup); the recipient name only for orders without a nick, as buyerOf does.
 * The batch's own orders are left out by rowid, which the index holds, so they cost no row read. An order the
 * platform cancelled or refunded is not a duplicate of anything.
 */
const CANDIDATES_SQL = `
  SELECT id, shop_id, platform_order_id, buyer_nick, buyer_name, province, city, district, address1, placed_at FROM orders
  WHERE buyer_nick IS NOT NULL AND buyer_nick COLLATE NOCASE IN (SELECT value FROM json_each(@nicks))
    AND id NOT IN (SELECT value FROM json_each(@batch))
    AND placed_at BETWEEN @from AND @to AND platform_state <> 'cancelled' AND payment <> 'refunded'
  UNION ALL
  SELECT id, shop_id, platform_order_id, buyer_nick, buyer_name, province, city, district, address1, placed_at FROM orders
  WHERE buyer_name IS NOT NULL AND buyer_name COLLATE NOCASE IN (SELECT value FROM json_each(@names)) AND buyer_nick IS NULL
    AND id NOT IN (SELECT value FROM json_each(@batch))
    AND placed_at BETWEEN @from AND @to AND platform_state <> 'cancelled' AND payment <> 'refunded'`;

/** Platform order ids are not among the audit's facts: read for the few batch orders a finding names. */
const ORDER_IDS_SQL = 'SELECT id, platform_order_id FROM orders WHERE id IN (SELECT value FROM json_each(?))';

const LINES_SQL = `SELECT order_id, platform_sku, sku_code, title, qty FROM order_lines
  WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id`;

/** The database's orders (besides the batch's own) that share a shop, buyer and address with one of them. */
function others(db: DB, mine: Facts[], windowMs: number): Facts[] {
  // A masked buyer ('张*') would bring thousands of rows: such orders are compared within the batch only.
  const nicks = new Set<string>();
  const names = new Set<string>();
  for (const f of mine) if (!isMaskedText(f.buyer)) (f.byNick ? nicks : names).add(f.buyer);
  const heads = new Set(mine.map((f) => f.head));
  let from = Infinity;
  let to = -Infinity;
  for (const f of mine) {
    from = Math.min(from, f.placedAt - windowMs);
    to = Math.max(to, f.placedAt);
  }
  const found: Facts[] = [];
  const params = { nicks: jsonList(nicks), names: jsonList(names), batch: jsonList(mine.map((f) => f.id)), from, to };
  for (const r of db.prepare(CANDIDATES_SQL).all(params) as Row[]) {
    const buyer = buyerOf(r.buyer_nick, r.buyer_name);
    const head = headOf(r.shop_id, buyer, [r.province, r.city, r.district, r.address1]);
    if (head === null || !heads.has(head)) continue;
    found.push({ id: r.id, shopId: r.shop_id, platformOrderId: r.platform_order_id, buyer: buyer!, byNick: r.buyer_nick !== null, placedAt: r.placed_at, head, items: null });
  }
  if (found.length === 0) return found;
  const lines = new Map<number, Line[]>();
  for (const l of db.prepare(LINES_SQL).all(jsonList(found.map((f) => f.id))) as (Line & { order_id: number })[]) {
    const list = lines.get(l.order_id);
    if (list) list.push(l);
    else lines.set(l.order_id, [l]);
  }
  for (const f of found) f.items = itemsOf(lines.get(f.id) ?? []);
  return found;
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (m < 120) return unit(m, 'minute');
  return m % 60 === 0 ? unit(m / 60, 'hour') : `${unit(Math.floor(m / 60), 'hour')} ${unit(m % 60, 'minute')}`;
}

/**
 * The same buyer ordering the same items to the same address again within the window (a double click, a re-order
 * after a failed payment page): fires on the later order, naming the earlier one.
 */
export const duplicateOrder: BuiltInCheck = {
  name: 'duplicate_order',
  defaults: { enabled: true, outcome: 'review', params: { windowMinutes: 1440 } },
  parseParams: (p) => parseWith('duplicate_order', Params, p),
  prepare(batch, ctx) {
    const windowMs = Number(ctx.params.windowMinutes ?? 1440) * 60_000;
    const mine: Facts[] = [];
    const orderOf = new Map<Facts, AuditOrder>();
    for (const o of batch) {
      const f = factsOfOrder(o);
      if (f) {
        mine.push(f);
        orderOf.set(f, o);
      }
    }
    if (mine.length === 0) return () => null;
    const byHead = new Map<string, Facts[]>();
    for (const f of [...mine, ...others(ctx.db, mine, windowMs)]) {
      const list = byHead.get(f.head);
      if (list) list.push(f);
      else byHead.set(f.head, [f]);
    }
    const earlierOf = new Map<Facts, Facts>();
    for (const f of mine) {
      const same = byHead.get(f.head)!;
      if (same.length < 2) continue;
      let earlier: Facts | null = null;
      for (const g of same) {
        if (g.id === f.id) continue;
        const before = g.placedAt < f.placedAt || (g.placedAt === f.placedAt && g.id < f.id);
        if (!before || f.placedAt - g.placedAt > windowMs || (earlier && g.placedAt <= earlier.placedAt)) continue;
        f.items ??= itemsOfOrder(orderOf.get(f)!);
        g.items ??= itemsOfOrder(orderOf.get(g)!);
        if (g.items === f.items) earlier = g;
      }
      if (earlier) earlierOf.set(f, earlier);
    }
    const unnamed = [...earlierOf.values()].filter((g) => g.platformOrderId === null);
    if (unnamed.length) {
      const poIds = new Map((ctx.db.prepare(ORDER_IDS_SQL).all(jsonList(unnamed.map((g) => g.id))) as { id: number; platform_order_id: string }[]).map((r) => [r.id, r.platform_order_id]));
      for (const g of unnamed) g.platformOrderId = poIds.get(g.id) ?? `#${g.id}`;
    }
    const findings = new Map<number, string>();
    for (const [f, g] of earlierOf) {
      findings.set(f.id, `same buyer '${f.buyer}', address and items as order ${g.platformOrderId}, placed ${minutes(f.placedAt - g.placedAt)} earlier`);
    }
    return (order) => findings.get(order.id) ?? null;
  },
};
