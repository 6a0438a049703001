import type { WaybillRow } from '../../../shared/contract/fulfil.js';
import { CARRIERS } from '../../../shared/domain/carriers.js';
import { AppError } from '../../../shared/errors.js';
import { lineSkuSql, weightOf, toLineSku, type LineSkuRow } from '../../fulfil/sku-resolve.js';
import { loadTarget, senderOf } from '../../fulfil/waybills/parties.js';
import type { Who } from '../../fulfil/who.js';
import type { DB } from '../../store/db.js';
import type { PiiService } from '../../sync/pii.js';
import type { LabelData, PickListData, SlipData } from '../index.js';
import type { PickRow, SlipLine } from '../layout-types.js';

export interface DocTarget {
  kind: 'order' | 'parcel';
  id: number;
}

interface OrderDoc {
  id: number;
  platform_order_id: string;
  pii_masked: number;
  buyer_name: string | null;
  buyer_nick: string | null;
  buyer_phone: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  postcode: string | null;
  buyer_message: string | null;
  seller_memo: string | null;
  shop_name: string;
}

interface Line extends LineSkuRow {
  variant: string | null;
}

const ORDER_DOC = `SELECT o.id, o.platform_order_id, o.pii_masked, o.buyer_name, o.buyer_nick, o.buyer_phone, o.country, o.province, o.city, o.district,
    o.address1, o.postcode, o.buyer_message, o.seller_memo, s.name AS shop_name
  FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.id = ?`;

const MAX_ITEM_LINES = 30;
const CODE128 = /^[\x20-\x7E]{1,48}$/;

/** Our SKU code where the line maps to one, else the platform's codes, else its position. */
export const skuOf = (l: Pick<LineSkuRow, 'our_code' | 'sku_code' | 'platform_sku' | 'line_no'>): string => l.our_code ?? l.sku_code ?? l.platform_sku ?? `line ${l.line_no}`;

/** What the packer scans to open an order at the bench: the platform's order id when a scanner can read it back. */
export const scanCodeOf = (o: { id: number; platform_order_id: string }): string => (CODE128.test(o.platform_order_id) ? o.platform_order_id : `SD${o.id}`);

function addressLines(a: { province?: string | null; city?: string | null; district?: string | null; town?: string | null; address1: string | null; postcode?: string | null; country?: string | null }): string[] {
  const region = [a.province, a.city, a.district, a.town].filter((x): x is string => !!x && x.trim() !== '');
  const tail = [a.postcode, a.country && a.country !== 'CN' ? a.country : null].filter((x): x is string => !!x);
  return [region.join(' '), a.address1 ?? '', tail.join(' ')].filter((l) => l.trim() !== '');
}

/**
 * The data each document prints, read from the order (or parcel) at the moment it is printed. A label needs the
 * buyer's real address: a masked one is decrypted through PiiService (purpose print_waybill, one event per order) and
 * lives only in the returned object, never in the database or the job row.
 */
export class DocumentBuilder {
  constructor(
    private readonly db: DB,
    private readonly pii: Pick<PiiService, 'reveal'> | undefined,
  ) {}

  private order(id: number): OrderDoc {
    const o = this.db.prepare(ORDER_DOC).get(id) as OrderDoc | undefined;
    if (!o) throw new AppError('not_found', `order ${id} does not exist`, { orderId: id });
    return o;
  }

  /** The lines a document lists: the order's, or just the parcel's units of each line. */
  private lines(t: DocTarget, orderIds: readonly number[]): Line[] {
    const ids = JSON.stringify(orderIds);
    const variants = new Map((this.db.prepare('SELECT id, variant FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?))').all(ids) as { id: number; variant: string | null }[]).map((r) => [r.id, r.variant]));
    const all = (this.db.prepare(lineSkuSql('o.id IN (SELECT value FROM json_each(?))')).all(ids) as LineSkuRow[]).map((l): Line => ({ ...l, variant: variants.get(l.line_id) ?? null }));
    if (t.kind === 'order') return all;
    const held = new Map((this.db.prepare('SELECT order_line_id, qty FROM parcel_lines WHERE parcel_id = ?').all(t.id) as { order_line_id: number; qty: number }[]).map((r) => [r.order_line_id, r.qty]));
    return all.filter((l) => held.has(l.line_id)).map((l) => ({ ...l, qty: held.get(l.line_id)! }));
  }

  private async recipient(o: OrderDoc, who: Who): Promise<LabelData['recipient']> {
    if (!o.pii_masked) return { name: o.buyer_name ?? o.buyer_nick ?? '', phone: o.buyer_phone ?? '', addressLines: addressLines(o) };
    if (!this.pii) throw new AppError('conflict', `order ${o.platform_order_id}: its address is masked and this ShopDesk cannot decrypt it for a label`, { orderId: o.id, reason: 'pii_masked' });
    const r = (await this.pii.reveal([o.id], 'print_waybill', { actor: who.actor, operatorId: who.operatorId ?? null, stationId: who.stationId ?? null })).get(o.id);
    if (!r?.ok) throw new AppError('conflict', `order ${o.platform_order_id}: the platform did not decrypt the address for the label: ${r?.message ?? 'no answer'}`, { orderId: o.id, reason: 'pii_decrypt_failed' });
    return { name: r.address.name, phone: r.address.phone, addressLines: addressLines(r.address) };
  }

  async label(t: DocTarget, waybill: Pick<WaybillRow, 'carrier' | 'trackingNo'>, who: Who, now: number): Promise<LabelData> {
    const facts = loadTarget(this.db, t.kind, t.id);
    const lead = this.order(facts.lead.id);
    const sender = senderOf(this.db, facts.warehouseId);
    const lines = this.lines(t, facts.orderIds);
    const carrier = CARRIERS.find((c) => c.code === waybill.carrier);
    const items = lines.map((l) => `${skuOf(l)} ×${l.qty}`);
    const weight = weightOf(lines.map(toLineSku));
    return {
      carrier: { code: waybill.carrier, name: carrier ? (carrier.region === 'cn' ? carrier.zh : carrier.en) : waybill.carrier },
      trackingNo: waybill.trackingNo,
      sender: { name: sender.name, phone: sender.phone, address: [sender.province, sender.city, sender.district, sender.address].filter(Boolean).join(' ') },
      recipient: await this.recipient(lead, who),
      orderIds: facts.target.platformOrderIds,
      items: items.length > MAX_ITEM_LINES ? [...items.slice(0, MAX_ITEM_LINES - 1), `… ${items.length - MAX_ITEM_LINES + 1} more`] : items,
      ...(weight !== null ? { weightG: weight } : {}),
      printedAt: now,
      qr: waybill.trackingNo,
    };
  }

  /** A packing slip. It goes inside the box, so a masked buyer stays masked (no decryption for a slip). */
  slip(t: DocTarget, now: number): SlipData {
    const orderIds = t.kind === 'order' ? [t.id] : loadTarget(this.db, 'parcel', t.id).orderIds;
    const orders = orderIds.map((id) => this.order(id));
    const lead = orders[0]!;
    const lines: SlipLine[] = this.lines(t, orderIds).map((l) => ({ sku: skuOf(l), title: l.title, ...(l.variant ? { variant: l.variant } : {}), qty: l.qty }));
    const notes = orders.map((o) => o.seller_memo).filter(Boolean).join(' / ');
    const messages = orders.map((o) => o.buyer_message).filter(Boolean).join(' / ');
    return {
      shopName: lead.shop_name,
      orderIds: orders.map((o) => o.platform_order_id),
      buyer: {
        name: lead.buyer_name ?? lead.buyer_nick ?? '—',
        ...(lead.buyer_phone ? { phone: lead.buyer_phone } : {}),
        ...(lead.pii_masked ? {} : { addressLines: addressLines(lead) }),
      },
      lines,
      barcode: scanCodeOf(lead),
      ...(notes ? { notes } : {}),
      ...(messages ? { buyerMessage: messages } : {}),
      printedAt: now,
    };
  }

  /** What to take from the shelves for these orders: units of each of our SKUs (bundles counted in their units). */
  picklist(batchId: number, orderIds: readonly number[], now: number): PickListData {
    const lines = this.db.prepare(lineSkuSql('o.id IN (SELECT value FROM json_each(?))')).all(JSON.stringify(orderIds)) as LineSkuRow[];
    const rows = new Map<string, PickRow & { orderSet: Set<number> }>();
    for (const l of lines) {
      const sku = skuOf(l);
      const r = rows.get(sku) ?? { sku, title: l.title, qty: 0, orders: 0, orderSet: new Set<number>() };
      r.qty += l.qty * (l.our_code ? l.qty_per : 1);
      r.orderSet.add(l.order_id);
      r.orders = r.orderSet.size;
      rows.set(sku, r);
    }
    const code = `B${batchId}`;
    return {
      batchId: code,
      rows: [...rows.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)).map(({ orderSet: _o, ...r }) => r),
      barcode: code,
      printedAt: now,
    };
  }
}
