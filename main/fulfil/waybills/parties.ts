import type { Platform } from '../../../shared/domain/ids.js';
import { AppError } from '../../../shared/errors.js';
import type { DB } from '../../store/db.js';
import { lineSkuSql, toLineSku, weightOf, type LineSkuRow } from '../sku-resolve.js';
import type { Party, WaybillTarget } from './provider.js';
import type { TargetKind } from './store.js';

interface OrderFacts {
  id: number;
  shop_id: number;
  platform: Platform;
  platform_order_id: string;
  carrier: string | null;
  warehouse_id: number | null;
  pii_masked: number;
  buyer_name: string | null;
  buyer_phone: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  ref: string | null;
}

/** Everything a number request needs to know about its order or parcel, read in one place. */
export interface TargetFacts {
  target: Omit<WaybillTarget, 'attemptKey'>;
  /** The order whose buyer is the recipient (a merged parcel's orders share one buyer and address). */
  lead: OrderFacts;
  orderIds: number[];
  carrier: string | null;
  warehouseId: number | null;
  /** How the target names itself in messages. */
  label: string;
}

const ORDER = `SELECT o.id, o.shop_id, o.platform, o.platform_order_id, o.carrier, o.warehouse_id, o.pii_masked, o.buyer_name, o.buyer_phone,
    o.country, o.province, o.city, o.district, o.address1, p.ref
  FROM orders o LEFT JOIN order_pii p ON p.order_id = o.id WHERE o.id = ?`;
const ITEM_NAME_MAX = 60;

export function loadTarget(db: DB, kind: TargetKind, id: number): TargetFacts {
  if (kind === 'order') {
    const o = db.prepare(ORDER).get(id) as OrderFacts | undefined;
    if (!o) throw new AppError('not_found', `order ${id} does not exist`, { orderId: id });
    const lines = (db.prepare(lineSkuSql('o.id = ?')).all(id) as LineSkuRow[]).map(toLineSku);
    return {
      target: {
        kind,
        id,
        shopId: o.shop_id,
        platform: o.platform,
        platformOrderIds: [o.platform_order_id],
        items: lines.map((l) => ({ name: l.title.slice(0, ITEM_NAME_MAX), count: l.qty })),
        weightG: weightOf(lines),
      },
      lead: o,
      orderIds: [id],
      carrier: o.carrier,
      warehouseId: o.warehouse_id,
      label: `order ${o.platform_order_id}`,
    };
  }
  const p = db.prepare('SELECT id, carrier, state FROM parcels WHERE id = ?').get(id) as { id: number; carrier: string | null; state: string } | undefined;
  if (!p) throw new AppError('not_found', `parcel ${id} does not exist`, { parcelId: id });
  const pl = db
    .prepare('SELECT pl.order_id, pl.order_line_id, pl.qty, ol.title FROM parcel_lines pl JOIN order_lines ol ON ol.id = pl.order_line_id WHERE pl.parcel_id = ? ORDER BY pl.order_id, ol.line_no')
    .all(id) as { order_id: number; order_line_id: number; qty: number; title: string }[];
  if (!pl.length) throw new AppError('conflict', `parcel ${id} holds no lines`, { parcelId: id });
  const orderIds = [...new Set(pl.map((l) => l.order_id))];
  const orders = orderIds.map((oid) => db.prepare(ORDER).get(oid) as OrderFacts);
  const lead = orders[0]!;
  const byLine = new Map(
    (db.prepare(lineSkuSql('o.id IN (SELECT value FROM json_each(?))')).all(JSON.stringify(orderIds)) as LineSkuRow[]).map((r) => [r.line_id, toLineSku(r)]),
  );
  const parcelLines = pl.map((l) => ({ ...byLine.get(l.order_line_id)!, qty: l.qty }));
  return {
    target: {
      kind,
      id,
      shopId: lead.shop_id,
      platform: lead.platform,
      platformOrderIds: orders.map((o) => o.platform_order_id),
      items: pl.map((l) => ({ name: l.title.slice(0, ITEM_NAME_MAX), count: l.qty })),
      weightG: weightOf(parcelLines),
    },
    lead,
    orderIds,
    carrier: p.carrier ?? lead.carrier,
    warehouseId: lead.warehouse_id,
    label: `parcel ${id} (order${orders.length > 1 ? 's' : ''} ${orders.map((o) => o.platform_order_id).join(', ')})`,
  };
}

/** The sender: the warehouse the parcel leaves from, or the first active one; its missing fields are named. */
export function senderOf(db: DB, warehouseId: number | null): Party {
  const w = (
    warehouseId !== null
      ? db.prepare('SELECT * FROM warehouses WHERE id = ?').get(warehouseId)
      : db.prepare('SELECT * FROM warehouses WHERE active = 1 ORDER BY priority DESC, id LIMIT 1').get()
  ) as
    | { code: string; province: string | null; city: string | null; district: string | null; address: string | null; contact_name: string | null; contact_phone: string | null }
    | undefined;
  if (!w) throw new AppError('conflict', 'no warehouse to ship from: add one under Settings → Warehouses (its address is the sender on the label)', { field: 'warehouseId' });
  const missing = (
    [
      ['province', w.province],
      ['address', w.address],
      ['contactName', w.contact_name],
      ['contactPhone', w.contact_phone],
    ] as const
  )
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) {
    throw new AppError('invalid_input', `warehouse ${w.code} needs ${missing.join(', ')} to be the sender on a waybill`, { warehouse: w.code, fields: missing });
  }
  return { name: w.contact_name!, phone: w.contact_phone!, province: w.province!, city: w.city ?? '', district: w.district ?? '', address: w.address! };
}

/** The recipient as stored (masked values stay masked; a Taobao OAID lets Cainiao decrypt them itself). */
export function storedRecipient(o: OrderFacts): Party {
  const ref = o.ref ? (JSON.parse(o.ref) as { oaid?: string; tid?: string }) : {};
  return {
    name: o.buyer_name ?? '',
    phone: o.buyer_phone ?? '',
    country: o.country,
    province: o.province ?? '',
    city: o.city ?? '',
    district: o.district ?? '',
    address: o.address1 ?? '',
    ...(o.platform === 'taobao' && ref.oaid ? { oaid: ref.oaid, tid: ref.tid ?? o.platform_order_id } : {}),
  };
}
