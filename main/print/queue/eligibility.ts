import type { PrintDocKind, RefusalReason } from '../../../shared/contract/print.js';
import type { AfterSales, Payment, PlatformState, Workflow } from '../../../shared/domain/status.js';
import { AppError } from '../../../shared/errors.js';
import { assertShippable } from '../../orders/ship.js';
import type { DB } from '../../store/db.js';

/** What the refusals read about one order, loaded for a whole selection in one statement. */
export interface PrintFacts {
  id: number;
  shop_id: number;
  platform_order_id: string;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  after_sales: AfterSales;
  open_flags: number;
  warehouse_id: number | null;
  warehouse_code: string | null;
  /** Live parcels holding its lines, "id:kind:state" joined by commas; null when none. */
  parcels: string | null;
}

const FACTS = /* sql */ `
  SELECT o.id, o.shop_id, o.platform_order_id, o.platform_state, o.workflow, o.payment, o.after_sales, o.open_flags, o.warehouse_id,
    w.code AS warehouse_code,
    (SELECT group_concat(x.id || ':' || x.kind || ':' || x.state) FROM (SELECT DISTINCT p.id, p.kind, p.state FROM parcel_lines pl
       JOIN parcels p ON p.id = pl.parcel_id WHERE pl.order_id = o.id AND p.state <> 'cancelled' ORDER BY p.id) x) AS parcels
  FROM orders o LEFT JOIN warehouses w ON w.id = o.warehouse_id
  WHERE o.id IN (SELECT value FROM json_each(?))`;

export function loadPrintFacts(db: DB, ids: readonly number[]): Map<number, PrintFacts> {
  const rows = db.prepare(FACTS).all(JSON.stringify(ids)) as PrintFacts[];
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ParcelRef {
  id: number;
  kind: 'merged' | 'split';
  state: 'open' | 'printed' | 'verified' | 'shipped';
}

export function parcelsOf(f: Pick<PrintFacts, 'parcels'>): ParcelRef[] {
  if (!f.parcels) return [];
  return f.parcels.split(',').map((s) => {
    const [id, kind, state] = s.split(':') as [string, ParcelRef['kind'], ParcelRef['state']];
    return { id: Number(id), kind, state };
  });
}

export interface Refusal {
  reason: RefusalReason;
  message: string;
}

const SHIPPED: ReadonlySet<Workflow> = new Set(['shipped', 'written_back']);
const BEFORE_ALLOCATION: ReadonlySet<Workflow> = new Set(['pending_audit', 'approved']);
const LABEL_PRINTED: ReadonlySet<Workflow> = new Set(['printed', 'verified']);

/**
 * Must not be printed now, whatever the document: gone, shipped, intercepted, cancelled or refunded, on hold, an
 * open after-sales case. The shipping refusals (assertShippable) are the same facts, so both ask one function: a
 * label is never printed for a parcel that could not leave.
 */
export function blockedNow(o: PrintFacts): Refusal | null {
  const name = `order ${o.platform_order_id}`;
  if (SHIPPED.has(o.workflow) || o.platform_state === 'shipped' || o.platform_state === 'completed') return { reason: 'shipped', message: `${name} has already shipped` };
  try {
    assertShippable(o);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const reason = e.details?.reason;
    const code: RefusalReason = reason === 'intercepted' || reason === 'cancelled' || reason === 'on_hold' || reason === 'after_sale_open' ? reason : 'intercepted';
    return { reason: code, message: `not printed: ${e.message}` };
  }
  return null;
}

/** Why an order is left out of a batch of `kind` (per order; the per-document checks come with the targets). */
export function orderRefusal(kind: PrintDocKind, o: PrintFacts | undefined, id: number): Refusal | null {
  if (!o) return { reason: 'not_found', message: `order ${id} does not exist` };
  const blocked = blockedNow(o);
  if (blocked) return blocked;
  const name = `order ${o.platform_order_id}`;
  if (BEFORE_ALLOCATION.has(o.workflow)) {
    return { reason: 'not_allocated', message: `${name} is ${o.workflow === 'approved' ? 'approved but has no stock allocated yet: run allocation first' : 'not approved yet'}` };
  }
  if (kind === 'label' && LABEL_PRINTED.has(o.workflow) && !parcelsOf(o).some((p) => p.state === 'open')) {
    return { reason: 'already_printed', message: `${name} already has its label printed (${o.workflow}): reprint it explicitly if it is needed again` };
  }
  if (kind === 'picklist' && o.workflow === 'verified') return { reason: 'already_printed', message: `${name} is already packed and verified` };
  return null;
}
