import { z } from 'zod';
import type { AdapterContext, AfterSalePage, MappingError, NormalizedAfterSale, TimeWindow } from '../../adapter.js';
import { fen, fromUnixMillis } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';
import type { KsClient } from './client.js';
import { KS_PAGE_SIZE, NO_MORE, readCursorPage } from './list.js';
import { ksAfterSaleKind, ksAfterSaleState } from './status.js';

const id = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be digits')])
  .refine((v) => typeof v === 'string' || Number.isSafeInteger(v), 'is not a whole number that survives JSON (over 2^53)')
  .transform(String);
const int = z.number().int();

/** A refundOrderInfoList entry (field names from the SDKs [S]); refundFee is fen, times are milliseconds. */
const Refund = z.looseObject({
  refundId: id,
  oid: id,
  status: int,
  handlingWay: int,
  negotiateStatus: int.nullish(),
  refundFee: z.union([z.number(), z.string()]), // checked by fen(), which names the problem
  refundReasonDesc: z.string().nullish(),
  refundDesc: z.string().nullish(),
  skuId: id.nullish(),
  createTime: int,
  submitTime: int.nullish(),
  updateTime: int,
});

export function mapKsRefund(raw: unknown, shopId: number): NormalizedAfterSale | MappingError {
  const r = Refund.safeParse(raw);
  const rawId = raw && typeof raw === 'object' ? (raw as { refundId?: unknown; oid?: unknown }) : {};
  const name = `Kuaishou refund ${typeof rawId.refundId === 'number' || typeof rawId.refundId === 'string' ? rawId.refundId : '(no refundId)'}`;
  const orderId = typeof rawId.oid === 'number' || typeof rawId.oid === 'string' ? String(rawId.oid) : null;
  const fail = (message: string): MappingError => ({ platformOrderId: orderId, message: `${name} (order ${orderId ?? '?'}): ${message}`, raw: JSON.stringify(raw) });
  if (!r.success) {
    const issue = r.error.issues[0];
    return fail(`field ${issue?.path.map(String).join('.') || '(refund)'}: ${issue?.message ?? 'invalid'}`);
  }
  const x = r.data;
  const state = ksAfterSaleState(x.status, x.negotiateStatus);
  if (!state) return fail(`field status: unknown Kuaishou refund status ${x.status}`);
  let refundMinor: number;
  let requestedAt: number;
  let updatedAt: number;
  try {
    refundMinor = fen(x.refundFee);
  } catch (e) {
    return fail(`field refundFee: ${(e as Error).message}`);
  }
  try {
    requestedAt = fromUnixMillis(x.submitTime || x.createTime);
    updatedAt = fromUnixMillis(x.updateTime);
  } catch (e) {
    return fail(`field ${x.submitTime ? 'submitTime' : 'createTime'}/updateTime: ${(e as Error).message}`);
  }
  return {
    shopId,
    platform: 'kuaishou',
    platformAfterSaleId: x.refundId,
    platformOrderId: x.oid,
    // A Kuaishou order holds one item line, so the case concerns the order's line; its SKU says which.
    platformLineId: null,
    platformSku: x.skuId ?? null,
    kind: ksAfterSaleKind(x.handlingWay),
    state,
    platformStatus: String(x.status),
    refundMinor,
    currency: 'CNY',
    reason: [x.refundReasonDesc, x.refundDesc].filter((s) => s && s.trim()).join(': ') || null,
    requestedAt,
    platformUpdatedAt: updatedAt,
    raw: { format: 'kuaishou.refund.pcursor.list', payload: JSON.stringify(raw) },
  };
}

const isError = (x: NormalizedAfterSale | MappingError): x is MappingError => !('platform' in x);

/**
 * open.seller.order.refund.pcursor.list [S] by update time (queryType 2), all refunds (type 9), following pcursor from
 * "" to "nomore". The platform wants currentPage alongside the cursor [S]; it counts up with the pages. The window is
 * at most one day [S], which is why the adapter's maxWindowMs is one day for orders too.
 */
export async function* listKsAfterSales(client: KsClient, window: TimeWindow, ctx: AdapterContext): AsyncIterable<AfterSalePage> {
  const beginTime = window.from;
  const endTime = window.to - 1;
  if (endTime < beginTime) return;
  const seen = new Set<string>();
  let pcursor = '';
  for (let currentPage = 1; ; currentPage++) {
    const data = await client.call('open.seller.order.refund.pcursor.list', { beginTime, endTime, currentPage, pageSize: KS_PAGE_SIZE, pcursor, queryType: 2, sort: 1, type: 9 }, 'GET');
    const page = readCursorPage(data, ['refundOrderInfoList', 'dataList'], 'pcursor', 'the refund list');
    const afterSales: NormalizedAfterSale[] = [];
    const errors: MappingError[] = [];
    for (const row of page.rows) {
      const m = mapKsRefund(row, ctx.shop.shopId);
      if (isError(m)) {
        errors.push(m);
        continue;
      }
      if (seen.has(m.platformAfterSaleId)) continue;
      seen.add(m.platformAfterSaleId);
      afterSales.push(m);
    }
    yield { afterSales, errors };
    if (page.cursor === NO_MORE || ctx.signal.aborted) return;
    if (page.cursor === pcursor) throw new PlatformError('server', `Kuaishou returned the same refund-list pcursor twice ("${pcursor}"); stopping rather than looping`);
    pcursor = page.cursor;
  }
}
