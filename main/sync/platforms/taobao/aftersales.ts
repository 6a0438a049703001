import type { AdapterContext, AfterSaleKind, AfterSalePage, AfterSaleState, MappingError, NormalizedAfterSale, TimeWindow } from '../../adapter.js';
import { parseCnTime, yuanToFen } from '../../edge.js';
import { describeIssue } from '../../payload-issues.js';
import type { TopClient } from './client.js';
import { PAGE_SIZE, pagesBackwards, readListing, topWindow } from './paging.js';
import { TopRefund } from './payload.js';

export const REFUNDS_API = 'taobao.refunds.receive.get';
export const RAW_REFUND_FORMAT = 'taobao.refund';

const REFUND_FIELDS = [
  'refund_id', 'tid', 'oid', 'title', 'total_fee', 'status', 'created', 'modified', 'refund_fee', 'good_status',
  'has_good_return', 'reason', 'desc', 'order_status', 'refund_phase', 'dispute_type', 'sid', 'company_name',
  'outer_id', 'sku', 'num', 'refund_version',
].join(',');

/** dispute_type (§4.7) → ShopDesk's kind. */
const KIND: Readonly<Record<string, AfterSaleKind>> = {
  REFUND: 'refund_only',
  REFUND_AND_RETURN: 'return_refund',
  TMALL_EXCHANGE: 'exchange',
  TAOBAO_EXCHANGE: 'exchange',
  REPAIR: 'repair',
  RESHIPPING: 'reship',
  OTHERS: 'other',
};

/** Refund status (§4.7, plus the exchange states of the refunds.receive.get metadata) → where the case stands. */
const STATE: Readonly<Record<string, AfterSaleState>> = {
  WAIT_SELLER_AGREE: 'requested',
  WAIT_BUYER_RETURN_GOODS: 'in_progress',
  WAIT_SELLER_CONFIRM_GOODS: 'in_progress',
  WAIT_BUYER_CONFIRM_EXCHANGE_SELLER_SEND_GOODS: 'in_progress',
  WAIT_SELLER_CONSIGN_GOODS: 'in_progress',
  // An exchange turned into a refund: the case goes on, as a refund.
  EXCHANGE_TRANSFORM_TO_REFUND: 'in_progress',
  SUCCESS: 'succeeded',
  SELLER_REFUSE_BUYER: 'rejected',
  CLOSED: 'cancelled',
};

function field<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
  }
}

/** One refund record → a case; throws naming the field. */
function toAfterSale(r: TopRefund, raw: unknown, shopId: number): NormalizedAfterSale {
  const state = STATE[r.status];
  if (!state) throw new Error(`status: unknown refund status ${JSON.stringify(r.status)}`);
  // Older records carry no dispute_type: whether goods come back is then the only thing TOP says.
  const kind = r.dispute_type ? KIND[r.dispute_type] : r.has_good_return ? 'return_refund' : 'refund_only';
  if (!kind) throw new Error(`dispute_type: unknown ${JSON.stringify(r.dispute_type)}`);
  return {
    shopId,
    platform: 'taobao',
    platformAfterSaleId: r.refund_id,
    platformOrderId: r.tid,
    // "oid equals tid for a single-order trade": the line is still that sub-order.
    platformLineId: r.oid ?? null,
    platformSku: r.outer_id || null,
    kind,
    state,
    platformStatus: r.status,
    refundMinor: field('refund_fee', () => yuanToFen(r.refund_fee)),
    currency: 'CNY',
    qty: r.num ?? null,
    reason: r.reason || null,
    returnCarrier: r.company_name || null,
    returnTrackingNo: r.sid || null,
    requestedAt: field('created', () => parseCnTime(r.created)),
    platformUpdatedAt: field('modified', () => parseCnTime(r.modified)),
    raw: { format: RAW_REFUND_FORMAT, payload: JSON.stringify(raw) },
  };
}

export function mapRefund(raw: unknown, shopId: number): { ok: true; afterSale: NormalizedAfterSale } | { ok: false; error: MappingError } {
  const tidOf = () => {
    const tid = (raw as { tid?: unknown } | null)?.tid;
    return tid == null ? null : String(tid);
  };
  const parsed = TopRefund.safeParse(raw);
  if (!parsed.success) {
    const { field: f, problem } = describeIssue(parsed.error);
    return { ok: false, error: { platformOrderId: tidOf(), message: `refund ${String((raw as { refund_id?: unknown } | null)?.refund_id ?? '(no refund_id)')}: ${f}: ${problem}`, raw: JSON.stringify(raw) } };
  }
  try {
    return { ok: true, afterSale: toAfterSale(parsed.data, raw, shopId) };
  } catch (e) {
    return { ok: false, error: { platformOrderId: parsed.data.tid, message: `refund ${parsed.data.refund_id} of trade ${parsed.data.tid}: ${(e as Error).message}`, raw: JSON.stringify(raw) } };
  }
}

const modifiedOf = (item: unknown) => {
  const m = (item as { modified?: unknown } | null)?.modified;
  return typeof m === 'string' ? m : '';
};

/** Refund cases modified within the window, paged like the trades (modified descending, from the last page back). */
export async function* listRefunds(client: TopClient, window: TimeWindow, ctx: AdapterContext): AsyncIterable<AfterSalePage> {
  const { start, end, startSec, endSec } = topWindow(window);
  if (endSec <= startSec) return;
  const fetchPage = async (pageNo: number, useHasNext: boolean) =>
    readListing(
      await client.call(REFUNDS_API, {
        fields: REFUND_FIELDS,
        start_modified: start,
        end_modified: end,
        page_no: String(pageNo),
        page_size: String(PAGE_SIZE),
        use_has_next: String(useHasNext),
      }),
      'refunds',
      'refund',
      REFUNDS_API,
    );
  const seen = new Map<string, string>(); // refund_id → newest modified handled
  for await (const items of pagesBackwards(fetchPage, modifiedOf, ctx, REFUNDS_API)) {
    const page: AfterSalePage = { afterSales: [], errors: [] };
    for (const item of items) {
      const mapped = mapRefund(item, ctx.shop.shopId);
      if (!mapped.ok) {
        page.errors.push(mapped.error);
        continue;
      }
      const a = mapped.afterSale;
      const m = modifiedOf(item);
      if ((seen.get(a.platformAfterSaleId) ?? '') >= m) continue;
      seen.set(a.platformAfterSaleId, m);
      page.afterSales.push(a);
    }
    if (page.afterSales.length > 0 || page.errors.length > 0) yield page;
  }
}
