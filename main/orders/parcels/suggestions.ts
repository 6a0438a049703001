import type { MergeSuggestion } from '../../../shared/contract/audit.js';
import type { DB } from '../../store/db.js';
import { mergeRefusals, orderRefusals } from './eligibility.js';
import { loadFacts, type OrderFacts } from './facts.js';
import { addressLabel, addressRefKey, buyerLabel, normText, partyKey, type PartyFields } from './keys.js';

/** The queues an order can be merged from: not yet printed, not parked, not intercepted. */
const QUEUES = ['pending_audit', 'review', 'to_print'] as const;

interface Candidate extends PartyFields {
  id: number;
  shop_id: number;
  placed_at: number;
  currency: string;
  pii_masked: number;
  paid_minor: number;
  total_minor: number;
}

/**
 * Merge suggestions: groups of two or more orders of one shop, buyer and address that could ship as one parcel,
 * oldest group first (by its oldest order), at most `limit`. Never merges anything itself (peers: suggest, never
 * merge silently).
 *
 * Cost at 1M orders: the queue index gives only the orders waiting in these three tabs (tens of thousands in a busy
 * shop); their shop, buyer and street are grouped in a hash map. Only orders sharing those are read whole; what a
 * row already says (currency, paid nothing, masked with another platform reference) splits groups before anything
 * else is read; the full eligibility (lines printed, parcels, the platform payload for COD and Prime) is read in
 * batches, oldest group first, only until `limit` groups are found.
 */
export function mergeSuggestions(db: DB, opts: { shopIds?: readonly number[]; limit: number }): MergeSuggestion[] {
  const shops = opts.shopIds?.length ? JSON.stringify(opts.shopIds) : null;
  // Phase 1 reads only who and where (shop, nick, name, street) and groups on that: a narrow read an index can
  // cover. The queue list is written out, not bound, so a partial index WHERE queue IN (…) the same would be used.
  // No ORDER BY: sorting every waiting order would cost more than ordering the few groups found.
  const coarse = db
    .prepare(
      `SELECT id, shop_id, buyer_nick, buyer_name, address1 FROM orders
       WHERE queue IN (${QUEUES.map((q) => `'${q}'`).join(', ')}) ${shops ? 'AND shop_id IN (SELECT value FROM json_each(?))' : ''}`,
    )
    .all(...(shops ? [shops] : [])) as Pick<Candidate, 'id' | 'shop_id' | 'buyer_nick' | 'buyer_name' | 'address1'>[];
  const byWho = new Map<string, number[]>();
  for (const r of coarse) {
    // An order with neither buyer nor street says nothing about who gets it: never grouped.
    if (!(r.buyer_nick?.trim() || r.buyer_name?.trim()) || !r.address1?.trim()) continue;
    const key = `${r.shop_id}\u001e${normText(r.buyer_nick)}\u001f${normText(r.buyer_name)}\u001e${normText(r.address1)}`;
    const g = byWho.get(key);
    if (g) g.push(r.id);
    else byWho.set(key, [r.id]);
  }
  const ids = [...byWho.values()].filter((g) => g.length >= 2).flat();

  // Phase 2: the whole party (region, postcode) and the cheap conditions, for the orders that share a buyer and street.
  const rows = db
    .prepare(
      `SELECT id, shop_id, placed_at, currency, pii_masked, paid_minor, total_minor, buyer_nick, buyer_name, country, province, city, district, address1, postcode
       FROM orders WHERE id IN (SELECT value FROM json_each(?)) AND payment = 'paid' AND after_sales NOT IN ('requested', 'in_progress')`,
    )
    .all(JSON.stringify(ids)) as Candidate[];
  const byParty = new Map<string, Candidate[]>();
  for (const r of rows) {
    // Nothing collected on an order the platform calls paid: cash on delivery, never merged.
    if (r.paid_minor === 0 && r.total_minor > 0) continue;
    const key = partyKey(r);
    const g = byParty.get(key);
    if (g) g.push(r);
    else byParty.set(key, [r]);
  }
  const groups = presplit([...byParty.values()].filter((g) => g.length >= 2), db);

  const out: MergeSuggestion[] = [];
  const batch = Math.max(opts.limit, 20);
  for (let i = 0; i < groups.length && out.length < opts.limit; i += batch) {
    const slice = groups.slice(i, i + batch);
    const facts = new Map(loadFacts(db, slice.flatMap((g) => g.map((c) => c.id))).map((f) => [f.id, f]));
    const found = slice.flatMap((g) => mergeableSubgroups(g.map((c) => facts.get(c.id)).filter((f): f is OrderFacts => f !== undefined)));
    // A subgroup can be younger than its group's oldest order (that one was not eligible): order what this batch found.
    found.sort((a, b) => a[0]!.placed_at - b[0]!.placed_at || a[0]!.id - b[0]!.id);
    for (const g of found) {
      if (out.length >= opts.limit) break;
      out.push(suggestion(g));
    }
  }
  return out;
}

/**
 * Splits same-party groups by what the rows already say — currency, and for masked addresses the platform
 * reference — and returns the parts of two or more, oldest first.
 */
function presplit(groups: Candidate[][], db: DB): Candidate[][] {
  const masked = groups.flatMap((g) => g.filter((c) => c.pii_masked).map((c) => c.id));
  const refs = new Map<number, string | null>();
  if (masked.length) {
    const rows = db.prepare('SELECT order_id, ref FROM order_pii WHERE order_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(masked)) as { order_id: number; ref: string }[];
    for (const r of rows) refs.set(r.order_id, addressRefKey(r.ref));
  }
  const parts: Candidate[][] = [];
  for (const g of groups) {
    const byKey = new Map<string, Candidate[]>();
    for (const c of g) {
      const key = `${c.currency}\u001f${c.pii_masked ? (refs.get(c.id) ?? `none:${c.id}`) : ''}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
    for (const p of byKey.values()) if (p.length >= 2) parts.push(p.sort((a, b) => a.placed_at - b.placed_at || a.id - b.id));
  }
  return parts.sort((a, b) => a[0]!.placed_at - b[0]!.placed_at || a[0]!.id - b[0]!.id);
}

/**
 * Orders of one party key that may ship together: the individually eligible ones, apart by currency and masked
 * address reference, then by carrier (orders with no carrier yet join the one carrier there is). Each group is
 * checked with mergeRefusals, the function the merge itself asks, so a suggestion always merges.
 */
function mergeableSubgroups(facts: readonly OrderFacts[]): OrderFacts[][] {
  const byKey = new Map<string, OrderFacts[]>();
  for (const f of facts) {
    if (orderRefusals(f, 'merge').length) continue;
    const key = `${f.currency}\u001f${f.pii_masked ? (addressRefKey(f.pii_ref) ?? `none:${f.id}`) : ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const groups: OrderFacts[][] = [];
  for (const members of byKey.values()) {
    const byCarrier = new Map<string, OrderFacts[]>();
    for (const f of members) {
      const c = f.carrier?.trim() ?? '';
      byCarrier.set(c, [...(byCarrier.get(c) ?? []), f]);
    }
    const unset = byCarrier.get('') ?? [];
    const set = [...byCarrier.entries()].filter(([c]) => c !== '');
    if (set.length === 1) groups.push([...set[0]![1], ...unset]);
    else groups.push(unset, ...set.map(([, g]) => g));
  }
  return groups.map((g) => [...g].sort((a, b) => a.placed_at - b.placed_at || a.id - b.id)).filter((g) => g.length >= 2 && mergeRefusals(g).length === 0);
}

function suggestion(g: readonly OrderFacts[]): MergeSuggestion {
  const first = g[0]!;
  return {
    orderIds: g.map((f) => f.id),
    shopId: first.shop_id,
    buyer: buyerLabel(first),
    address: addressLabel(first),
    totalMinor: g.reduce((n, f) => n + f.total_minor, 0),
    currency: first.currency,
  };
}
