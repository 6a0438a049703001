import { checkManualOrder, ManualOrderFields, type ManualIssue } from '../../../../../shared/contract/manual-orders.js';
import { minorToDecimal, parseDecimalToMinor } from '../../../../../shared/domain/money.js';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { hasKey, type T } from '../../../i18n/index.js';
import type { ApiError } from '../../../api/errors.js';

/** One line as typed: every value stays the text in the box until main parses it exactly. */
export interface LineDraft {
  /** Stable React key: lines are added and removed in the middle. */
  key: number;
  skuCode: string;
  title: string;
  qty: string;
  unitPrice: string;
}

export interface OrderDraft {
  shopId: number | null;
  platformOrderId: string;
  buyerName: string;
  buyerPhone: string;
  province: string;
  city: string;
  district: string;
  address1: string;
  postcode: string;
  lines: LineDraft[];
  shipping: string;
  discount: string;
  paid: boolean;
  buyerMessage: string;
  sellerMemo: string;
}

let nextKey = 1;
export function emptyLine(): LineDraft {
  return { key: nextKey++, skuCode: '', title: '', qty: '1', unitPrice: '' };
}

export function emptyDraft(shopId: number | null): OrderDraft {
  return { shopId, platformOrderId: '', buyerName: '', buyerPhone: '', province: '', city: '', district: '', address1: '', postcode: '', lines: [emptyLine()], shipping: '', discount: '', paid: true, buyerMessage: '', sellerMemo: '' };
}

/** An order from main as the form edits it: amounts back to exact decimal text. */
export function draftOf(o: OrderDetail): OrderDraft {
  const money = (m: number) => minorToDecimal(m, o.currency);
  return {
    shopId: o.shopId,
    platformOrderId: o.platformOrderId,
    buyerName: o.address.name ?? '',
    buyerPhone: o.address.phone ?? '',
    province: o.address.province ?? '',
    city: o.address.city ?? '',
    district: o.address.district ?? '',
    address1: o.address.line1 ?? '',
    postcode: o.address.postcode ?? '',
    lines: o.lines.map((l) => ({ key: nextKey++, skuCode: l.skuCode ?? '', title: l.title, qty: String(l.qty), unitPrice: money(l.unitPriceMinor) })),
    shipping: o.amounts.shippingMinor ? money(o.amounts.shippingMinor) : '',
    discount: o.amounts.discountMinor ? money(o.amounts.discountMinor) : '',
    paid: o.payment !== 'unpaid',
    buyerMessage: o.buyerMessage ?? '',
    sellerMemo: o.sellerMemo ?? '',
  };
}

/** The contract's fields (without shop and id, which differ between create and edit). */
export function fieldsOf(d: OrderDraft) {
  return {
    buyerName: d.buyerName,
    buyerPhone: d.buyerPhone,
    province: d.province,
    city: d.city,
    district: d.district,
    address1: d.address1,
    postcode: d.postcode,
    lines: d.lines.map((l) => ({ skuCode: l.skuCode, title: l.title, qty: l.qty, unitPrice: l.unitPrice })),
    shipping: d.shipping,
    discount: d.discount,
    paid: d.paid,
    buyerMessage: d.buyerMessage,
    sellerMemo: d.sellerMemo,
  };
}

/** The same rules main applies, in the browser: problems by field path, before anything is sent. */
export function checkDraft(d: OrderDraft, currency: string): ManualIssue[] {
  const parsed = ManualOrderFields.safeParse(fieldsOf(d));
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: 'required', message: i.message }));
  const r = checkManualOrder(parsed.data, currency);
  return r.ok ? [] : r.issues;
}

/** Line amount and totals for display while typing; null where a value does not parse yet. */
export function amountsOf(d: OrderDraft, currency: string): { lines: (number | null)[]; goods: number | null; total: number | null } {
  const m = (s: string): number | null => {
    try {
      return parseDecimalToMinor(s.trim() === '' ? '0' : s, currency);
    } catch {
      return null;
    }
  };
  const lines = d.lines.map((l) => {
    const unit = l.unitPrice.trim() === '' ? null : m(l.unitPrice);
    return unit !== null && /^\d{1,6}$/.test(l.qty.trim()) ? unit * Number(l.qty.trim()) : null;
  });
  const goods = lines.every((x) => x !== null) ? lines.reduce((a: number, b) => a + (b ?? 0), 0) : null;
  const ship = m(d.shipping);
  const disc = m(d.discount);
  return { lines, goods, total: goods !== null && ship !== null && disc !== null ? goods - disc + ship : null };
}

/** A field's message in the person's language: the issue's code translated, else main's own words. */
export function issueText(t: T, i: Pick<ManualIssue, 'code' | 'message' | 'vars'>): string {
  const key = `mo.issue.${String(i.code)}`;
  return hasKey(key) ? t(key, i.vars) : i.message;
}

/** Problems from main, by field path: rule issues (with codes), schema issues (messages) and a taken order id. */
export function serverIssues(t: T, e: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!e) return out;
  if (e.code === 'conflict' && e.details?.field === 'platformOrderId') out.platformOrderId = t('mo.idTaken');
  const raw = e.details?.issues;
  if (Array.isArray(raw)) {
    for (const i of raw as { path?: unknown; code?: unknown; message?: unknown; vars?: unknown }[]) {
      if (typeof i.path !== 'string' || typeof i.message !== 'string') continue;
      out[i.path] ??= issueText(t, { code: i.code as ManualIssue['code'], message: i.message, vars: i.vars as ManualIssue['vars'] });
    }
  }
  return out;
}
