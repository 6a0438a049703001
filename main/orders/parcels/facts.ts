import type { Platform } from '../../../shared/domain/ids.js';
import type { AfterSales, Payment, PlatformState, Workflow } from '../../../shared/domain/status.js';
import type { DB } from '../../store/db.js';
import type { PartyFields } from './keys.js';

/** Everything eligibility reads about one order, loaded in one statement. */
export interface OrderFacts extends PartyFields {
  id: number;
  shop_id: number;
  platform: Platform;
  platform_order_id: string;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  after_sales: AfterSales;
  open_flags: number;
  currency: string;
  carrier: string | null;
  pii_masked: number;
  paid_minor: number;
  total_minor: number;
  placed_at: number;
  /** Lines with a label or slip printed for any unit. */
  printed_lines: number;
  /** Live (not cancelled) parcels holding this order's lines, as "id:kind" joined by commas; null when none. */
  parcels: string | null;
  raw_format: string | null;
  raw_payload: string | null;
  pii_ref: string | null;
}

const SELECT_FACTS = /* sql */ `
  SELECT o.id, o.shop_id, o.platform, o.platform_order_id, o.platform_state, o.workflow, o.payment, o.after_sales, o.open_flags,
    o.currency, o.carrier, o.buyer_nick, o.buyer_name, o.country, o.province, o.city, o.district, o.address1, o.postcode,
    o.pii_masked, o.paid_minor, o.total_minor, o.placed_at,
    (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.qty_printed > 0) AS printed_lines,
    (SELECT group_concat(x.id || ':' || x.kind) FROM (SELECT DISTINCT p.id, p.kind FROM parcel_lines pl JOIN parcels p ON p.id = pl.parcel_id
       WHERE pl.order_id = o.id AND p.state <> 'cancelled' ORDER BY p.id) x) AS parcels,
    r.format AS raw_format, r.payload AS raw_payload, pii.ref AS pii_ref
  FROM orders o LEFT JOIN order_raw r ON r.order_id = o.id LEFT JOIN order_pii pii ON pii.order_id = o.id
  WHERE o.id IN (SELECT value FROM json_each(?))
  ORDER BY o.placed_at, o.id`;

/** The facts of these orders, oldest first; ids that do not exist are simply absent. */
export function loadFacts(db: DB, ids: readonly number[]): OrderFacts[] {
  return db.prepare(SELECT_FACTS).all(JSON.stringify(ids)) as OrderFacts[];
}

/** "id:kind,id:kind" → parcels. */
export function parcelRefs(facts: Pick<OrderFacts, 'parcels'>): { id: number; kind: 'merged' | 'split' }[] {
  if (!facts.parcels) return [];
  return facts.parcels.split(',').map((p) => {
    const [id, kind] = p.split(':') as [string, 'merged' | 'split'];
    return { id: Number(id), kind };
  });
}
