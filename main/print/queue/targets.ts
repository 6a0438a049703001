import type { PrintDocKind } from '../../../shared/contract/print.js';
import { lineSkuSql, type LineSkuRow } from '../../fulfil/sku-resolve.js';
import type { DB } from '../../store/db.js';
import { blockedNow, loadPrintFacts, orderRefusal, parcelsOf, type PrintFacts, type Refusal } from './eligibility.js';

/** One document to print: an order's, or a parcel's (one label for merged orders; one per part of a split order). */
export interface Target {
  kind: 'order' | 'parcel';
  id: number;
  /** The orders the document covers, oldest first. */
  orderIds: number[];
  /** The orders of the selection that brought it in (their refusals name them). */
  selected: number[];
  title: string;
  warehouseCode: string | null;
  /** The SKU codes inside, sorted and joined: orders with the same items print next to each other. */
  skuKey: string;
}

export interface Planned {
  targets: Target[];
  /** A pick list: the accepted orders in pick-list order (it is one document, so it has no targets). */
  pickOrder: number[];
  refused: Map<number, Refusal>;
  facts: Map<number, PrintFacts>;
}

/**
 * The selection as documents in pick-list order — warehouse, then the SKUs inside (so a picker walks the shelves
 * once and the labels come out in the order the goods are picked), then the order — with each order left out and
 * why. A merged parcel prints once however many of its orders are chosen, and only when none of its orders is
 * blocked; a split order prints each part not printed yet.
 */
export function planTargets(db: DB, kind: PrintDocKind, ids: readonly number[]): Planned {
  const unique = [...new Set(ids)];
  const facts = loadPrintFacts(db, unique);
  const refused = new Map<number, Refusal>();
  const eligible: PrintFacts[] = [];
  for (const id of unique) {
    const why = orderRefusal(kind, facts.get(id), id);
    if (why) refused.set(id, why);
    else eligible.push(facts.get(id)!);
  }
  if (kind === 'picklist') {
    const keys = skuKeys(db, eligible.map((o) => o.id), null);
    const sorted = [...eligible].sort((a, b) => compare([a.warehouse_code, keys.get(a.id) ?? '', a.id], [b.warehouse_code, keys.get(b.id) ?? '', b.id]));
    return { targets: [], pickOrder: sorted.map((o) => o.id), refused, facts };
  }

  // Parcels: which orders each holds (the ones not in the selection are checked too).
  const parcelIds = [...new Set(eligible.flatMap((o) => parcelsOf(o).map((p) => p.id)))];
  const parcelOrders = new Map<number, number[]>();
  for (const r of db.prepare('SELECT DISTINCT parcel_id, order_id FROM parcel_lines WHERE parcel_id IN (SELECT value FROM json_each(?)) ORDER BY parcel_id, order_id').all(JSON.stringify(parcelIds)) as {
    parcel_id: number;
    order_id: number;
  }[]) {
    parcelOrders.set(r.parcel_id, [...(parcelOrders.get(r.parcel_id) ?? []), r.order_id]);
  }
  const others = [...new Set([...parcelOrders.values()].flat())].filter((id) => !facts.has(id));
  for (const [id, f] of loadPrintFacts(db, others)) facts.set(id, f);

  const byKey = new Map<string, Target>();
  for (const o of eligible) {
    const parcels = parcelsOf(o);
    if (!parcels.length) {
      byKey.set(`o${o.id}`, { kind: 'order', id: o.id, orderIds: [o.id], selected: [o.id], title: `order ${o.platform_order_id}`, warehouseCode: o.warehouse_code, skuKey: '' });
      continue;
    }
    // A label goes on a parcel not labelled yet; a slip goes in any parcel still in the building.
    const open = parcels.filter((p) => (kind === 'label' ? p.state === 'open' : p.state !== 'shipped'));
    if (!open.length) {
      refused.set(o.id, { reason: 'already_printed', message: `order ${o.platform_order_id}: every parcel it is in already has its ${kind} printed; reprint it explicitly` });
      continue;
    }
    let blockedBy: Refusal | null = null;
    for (const p of open) {
      for (const other of parcelOrders.get(p.id) ?? []) {
        const f = facts.get(other);
        const why = f ? blockedNow(f) : { reason: 'not_found' as const, message: `order ${other} does not exist` };
        if (why && other !== o.id) blockedBy = { reason: why.reason, message: `order ${o.platform_order_id} shares parcel ${p.id} with another order — ${why.message}` };
      }
    }
    if (blockedBy) {
      refused.set(o.id, blockedBy);
      continue;
    }
    for (const p of open) {
      const key = `p${p.id}`;
      const have = byKey.get(key);
      if (have) {
        have.selected.push(o.id);
        continue;
      }
      const orderIds = parcelOrders.get(p.id) ?? [o.id];
      const names = orderIds.map((id) => facts.get(id)?.platform_order_id ?? String(id));
      byKey.set(key, {
        kind: 'parcel',
        id: p.id,
        orderIds,
        selected: [o.id],
        title: `parcel ${p.id} (order${names.length > 1 ? 's' : ''} ${names.join(', ')})`,
        warehouseCode: o.warehouse_code,
        skuKey: '',
      });
    }
  }
  const targets = [...byKey.values()];
  const orderKeys = skuKeys(db, targets.filter((t) => t.kind === 'order').map((t) => t.id), null);
  const parcelKeys = skuKeys(db, [...new Set(targets.filter((t) => t.kind === 'parcel').flatMap((t) => t.orderIds))], targets.filter((t) => t.kind === 'parcel').map((t) => t.id));
  for (const t of targets) t.skuKey = (t.kind === 'order' ? orderKeys.get(t.id) : parcelKeys.get(t.id)) ?? '';
  targets.sort((a, b) => compare([a.warehouseCode, a.skuKey, a.orderIds[0]!], [b.warehouseCode, b.skuKey, b.orderIds[0]!]));
  return { targets, pickOrder: [], refused, facts };
}

/** Our SKU code where the line maps to one, else the line's own code, title last. */
const lineCode = (l: LineSkuRow) => l.our_code ?? l.sku_code ?? l.platform_sku ?? l.title;

/**
 * Sorted SKU codes per order (parcels null) or per parcel (only the lines the parcel holds).
 */
function skuKeys(db: DB, orderIds: readonly number[], parcelIds: readonly number[] | null): Map<number, string> {
  if (!orderIds.length) return new Map();
  const lines = db.prepare(lineSkuSql('o.id IN (SELECT value FROM json_each(?))')).all(JSON.stringify(orderIds)) as LineSkuRow[];
  const codes = new Map<number, string[]>();
  if (parcelIds === null) {
    for (const l of lines) codes.set(l.order_id, [...(codes.get(l.order_id) ?? []), lineCode(l)]);
  } else {
    const byLine = new Map(lines.map((l) => [l.line_id, l]));
    const held = db.prepare('SELECT parcel_id, order_line_id FROM parcel_lines WHERE parcel_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(parcelIds)) as {
      parcel_id: number;
      order_line_id: number;
    }[];
    for (const h of held) {
      const l = byLine.get(h.order_line_id);
      if (l) codes.set(h.parcel_id, [...(codes.get(h.parcel_id) ?? []), lineCode(l)]);
    }
  }
  return new Map([...codes].map(([k, v]) => [k, [...new Set(v)].sort().join('+')]));
}

type Key = [string | null, string, number];

/** Warehouse (none last), SKU key, order id. */
function compare(a: Key, b: Key): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    return a[0] < b[0] ? -1 : 1;
  }
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] - b[2];
}
