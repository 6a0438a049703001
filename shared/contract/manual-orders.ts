import { z } from 'zod';
import { RowId } from '../domain/ids.js';
import { minorToDecimal, parseDecimalToMinor } from '../domain/money.js';
import { OrderDetail } from '../domain/order.js';
import type { Workflow } from '../domain/status.js';

/*
 * Manual orders (phone / WeChat): typed in by the seller into a shop of platform "manual", edited until printed.
 * Amounts cross as the decimal text the person typed ("12.30") and are parsed exactly in the shop's currency, never
 * through floating point. The rules (checkManualOrder) are pure, so the form checks them as the person types and main
 * checks them again before storing: the same words for the same mistake in both places.
 */

/** A manual order may be edited until its label is printed; after that the parcel exists and the order is fixed. */
export const EDITABLE_WORKFLOWS: readonly Workflow[] = ['pending_audit', 'approved', 'allocated'];

export const MAX_MANUAL_LINES = 200;
export const MAX_LINE_QTY = 99_999;

/** Decimal text as typed; checked by checkManualOrder in the shop's currency. */
const MoneyText = z.string().max(24);

export const ManualLineInput = z
  .object({
    /** Our SKU code; empty for a free line (a custom item, a service). */
    skuCode: z.string().max(100).default(''),
    /** Empty with a known SKU code: main fills in the SKU's name. */
    title: z.string().max(200).default(''),
    variant: z.string().max(100).default(''),
    /** A whole number as typed (text from the form, or a number from a file). */
    qty: z.union([z.number(), z.string().max(12)]),
    unitPrice: MoneyText,
  })
  .strict();
export type ManualLineInput = z.input<typeof ManualLineInput>;

/** What the form (or a JSON file from the CLI) sends, for a new order and for an edit alike. */
export const ManualOrderFields = z.object({
  buyerName: z.string().max(100),
  buyerPhone: z.string().max(40),
  /** Absent: left as it is on an edit (the form has no country box; demo and imported orders may carry one). */
  country: z.string().max(60).optional(),
  province: z.string().max(60),
  city: z.string().max(60),
  district: z.string().max(60).default(''),
  address1: z.string().max(300),
  postcode: z.string().max(20).default(''),
  lines: z.array(ManualLineInput).max(MAX_MANUAL_LINES),
  shipping: MoneyText.default('0'),
  discount: MoneyText.default('0'),
  /** Optional: when given it must equal goods − discount + shipping (a cross-check of what the buyer was told). */
  total: MoneyText.optional(),
  paid: z.boolean(),
  buyerMessage: z.string().max(1000).default(''),
  sellerMemo: z.string().max(1000).default(''),
});
export type ManualOrderFields = z.input<typeof ManualOrderFields>;

export const ManualOrderCreate = ManualOrderFields.extend({
  shopId: RowId,
  /** Empty: main generates M + yyMMdd + a sequence, unique in the shop. */
  platformOrderId: z.string().max(100).default(''),
}).strict();
export type ManualOrderCreate = z.input<typeof ManualOrderCreate>;

/** The shop and the order id stay as they are; everything else may change while the order is editable. */
export const ManualOrderEdit = ManualOrderFields.extend({ id: RowId }).strict();
export type ManualOrderEdit = z.input<typeof ManualOrderEdit>;

export const SkuSuggestion = z.object({
  code: z.string(),
  title: z.string(),
  /** The price this SKU last sold at in the shop's currency, as decimal text; null when it never sold. */
  unitPrice: z.string().nullable(),
});
export type SkuSuggestion = z.infer<typeof SkuSuggestion>;

/** Stable codes for what is wrong with a field; the form translates them, main's message says it in English. */
export const MANUAL_ISSUE_CODES = [
  'required',
  'id_format',
  'phone',
  'postcode',
  'money',
  'money_decimals',
  'money_negative',
  'money_range',
  'qty',
  'no_lines',
  'discount_too_big',
  'total_mismatch',
  'unknown_sku',
  'not_manual_shop',
] as const;
export type ManualIssueCode = (typeof MANUAL_ISSUE_CODES)[number];

export interface ManualIssue {
  /** Field path as the contract names it: "buyerPhone", "lines.2.qty". */
  path: string;
  code: ManualIssueCode;
  message: string;
  /** Values for the translated message (e.g. the expected total). */
  vars?: Record<string, string | number>;
}

export interface CheckedLine {
  skuCode: string | null;
  title: string;
  variant: string | null;
  qty: number;
  unitPriceMinor: number;
}

export interface CheckedManualOrder {
  buyerName: string;
  buyerPhone: string;
  /** undefined: not given (an edit keeps the stored one). */
  country: string | null | undefined;
  province: string;
  city: string;
  district: string | null;
  address1: string;
  postcode: string | null;
  lines: CheckedLine[];
  goodsMinor: number;
  shippingMinor: number;
  discountMinor: number;
  totalMinor: number;
  paid: boolean;
  buyerMessage: string | null;
  sellerMemo: string | null;
}

/** Letters and digits first, then letters, digits and - _ . # /: what sellers use and what a label barcode can hold. */
const ORDER_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.#/-]{0,63}$/;
/** Loose on purpose: +86 138-0013-8000, (021) 5555 1234, 13800138000 — but at least 5 digits. */
const PHONE_RE = /^\+?[\d\s()-]{5,30}$/;
const POSTCODE_RE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/;

/** An order id typed by the seller, or null when it is acceptable. */
export function orderIdProblem(id: string): ManualIssue | null {
  const t = id.trim();
  if (t === '' || ORDER_ID_RE.test(t)) return null;
  return { path: 'platformOrderId', code: 'id_format', message: 'order id: 1-64 letters, digits or - _ . # /, starting with a letter or digit' };
}

type Fields = z.output<typeof ManualOrderFields>;

/**
 * The rules a manual order must pass, the same on both sides of the contract: every problem is reported (not just
 * the first), each naming its field. On success the amounts are integer minor units of `currency` and
 * goods − discount + shipping = total holds exactly.
 */
export function checkManualOrder(f: Fields, currency: string): { ok: true; order: CheckedManualOrder } | { ok: false; issues: ManualIssue[] } {
  const issues: ManualIssue[] = [];
  const issue = (path: string, code: ManualIssueCode, message: string, vars?: ManualIssue['vars']) => issues.push(vars ? { path, code, message, vars } : { path, code, message });
  const required = (path: string, v: string, what: string) => {
    const t = v.trim();
    if (!t) issue(path, 'required', `${what} is required`);
    return t;
  };
  const optional = (v: string) => v.trim() || null;

  /** Empty is 0 for shipping and discount; a unit price must be typed (a forgotten price is the common mistake). */
  const money = (path: string, text: string, what: string, mustType = false): number | null => {
    if (mustType && text.trim() === '') {
      issue(path, 'required', `${what} is required`);
      return null;
    }
    const t = text.trim() === '' ? '0' : text;
    let minor: number;
    try {
      minor = parseDecimalToMinor(t, currency);
    } catch (e) {
      const msg = (e as Error).message;
      if (msg.includes('decimals')) issue(path, 'money_decimals', `${what}: ${msg}`, { currency });
      else if (msg.includes('out of range')) issue(path, 'money_range', `${what}: ${msg}`);
      else issue(path, 'money', `${what}: not an amount: "${text}"`);
      return null;
    }
    if (minor < 0) {
      issue(path, 'money_negative', `${what} cannot be negative`);
      return null;
    }
    return minor;
  };

  const buyerName = required('buyerName', f.buyerName, 'the buyer’s name');
  const buyerPhone = required('buyerPhone', f.buyerPhone, 'a phone number (the carrier needs it)');
  if (buyerPhone && (!PHONE_RE.test(buyerPhone) || buyerPhone.replace(/\D/g, '').length < 5)) {
    issue('buyerPhone', 'phone', `phone "${buyerPhone}": digits, spaces, + - ( ) only, at least 5 digits`);
  }
  const province = required('province', f.province, 'the province / state');
  const city = required('city', f.city, 'the city');
  const address1 = required('address1', f.address1, 'the street address');
  const postcode = optional(f.postcode);
  if (postcode && !POSTCODE_RE.test(postcode)) issue('postcode', 'postcode', `postcode "${postcode}": 2-12 letters, digits, spaces or dashes`);

  if (f.lines.length === 0) issue('lines', 'no_lines', 'an order needs at least one line');
  let goods = 0n;
  const lines: CheckedLine[] = [];
  f.lines.forEach((l, i) => {
    const at = `lines.${i}`;
    const skuCode = optional(l.skuCode);
    const title = l.title.trim();
    if (!title && !skuCode) issue(`${at}.title`, 'required', `line ${i + 1}: a title (or a SKU code) is required`);
    const qtyText = String(l.qty).trim();
    const qty = /^\d{1,6}$/.test(qtyText) ? Number(qtyText) : NaN;
    if (!(qty >= 1 && qty <= MAX_LINE_QTY)) issue(`${at}.qty`, 'qty', `line ${i + 1}: quantity must be a whole number from 1 to ${MAX_LINE_QTY} (got "${qtyText}")`);
    const unit = money(`${at}.unitPrice`, l.unitPrice, `line ${i + 1} unit price`, true);
    if (unit !== null && qty >= 1) goods += BigInt(unit) * BigInt(qty);
    lines.push({ skuCode, title, variant: optional(l.variant), qty, unitPriceMinor: unit ?? 0 });
  });
  const shipping = money('shipping', f.shipping, 'shipping fee');
  const discount = money('discount', f.discount, 'discount');
  if (issues.length) return { ok: false, issues };

  const total = goods - BigInt(discount!) + BigInt(shipping!);
  if (goods > BigInt(Number.MAX_SAFE_INTEGER) || total > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, issues: [{ path: 'total', code: 'money_range', message: 'the order total is out of range' }] };
  }
  if (total < 0n) {
    const max = minorToDecimal(Number(goods) + shipping!, currency);
    return { ok: false, issues: [{ path: 'discount', code: 'discount_too_big', message: `discount is more than goods + shipping (${max} ${currency})`, vars: { max, currency } }] };
  }
  if (f.total !== undefined && f.total.trim() !== '') {
    const given = money('total', f.total, 'total');
    if (given === null) return { ok: false, issues };
    if (BigInt(given) !== total) {
      const expected = minorToDecimal(Number(total), currency);
      return {
        ok: false,
        issues: [{ path: 'total', code: 'total_mismatch', message: `total ${f.total.trim()} ≠ goods − discount + shipping = ${expected} ${currency}`, vars: { expected, currency } }],
      };
    }
  }
  return {
    ok: true,
    order: {
      buyerName,
      buyerPhone,
      country: f.country === undefined ? undefined : optional(f.country),
      province,
      city,
      district: optional(f.district),
      address1,
      postcode,
      lines,
      goodsMinor: Number(goods),
      shippingMinor: shipping!,
      discountMinor: discount!,
      totalMinor: Number(total),
      paid: f.paid,
      buyerMessage: optional(f.buyerMessage),
      sellerMemo: optional(f.sellerMemo),
    },
  };
}

export const manualOrderChannels = {
  /** A new manual order: stored like any order (pending audit), with the operator recorded as who entered it. */
  'orders.createManual': { input: ManualOrderCreate, output: OrderDetail, permission: 'orders.edit' },
  /** Changes a manual order that is not printed yet; the event records what changed. */
  'orders.editManual': { input: ManualOrderEdit, output: OrderDetail, permission: 'orders.edit' },
  /** SKUs whose code starts with `prefix`, with a price to prefill (the last one sold at in the shop's currency). */
  'orders.skuSuggest': {
    input: z.object({ shopId: RowId, prefix: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(20).default(8) }).strict(),
    output: z.array(SkuSuggestion),
    permission: 'orders.edit',
  },
} as const;
