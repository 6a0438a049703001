/**
 * Trades as the simulator holds them: plaintext receivers (TOP's side knows them), integer fen, epoch ms — and how
 * they are written on the wire: GMT+8 strings, yuan strings, masked receivers, 19-digit ids. The sim's own time and
 * money formatting, independent of the adapter's edge helpers.
 */

const CN = 8 * 3600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

export function cnTime(ms: number): string {
  const d = new Date(ms + CN);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Strict "yyyy-MM-dd HH:mm:ss" in GMT+8 → epoch ms, or null. */
export function parseCn(s: string | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, se) - CN;
  return cnTime(ms) === s ? ms : null;
}

export const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${p2(Math.abs(fen) % 100)}`;
export function fenOf(y: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(y);
  if (!m) throw new Error(`sim: bad yuan ${y}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface Receiver {
  name: string;
  mobile: string;
  phone?: string;
  state: string;
  city: string;
  district: string;
  town: string;
  address: string;
  zip: string;
}

export interface SimLine {
  oid: string;
  title: string;
  numIid: string;
  skuId: string;
  outerIid: string;
  outerSkuId: string;
  skuProps: string;
  priceFen: number;
  num: number;
  /** What the buyer paid for the line after apportioned discounts. */
  divideFen: number;
  status: string;
  refundStatus: string;
  invoiceNo?: string;
  company?: string;
}

export interface SimTrade {
  tid: string;
  status: string;
  createdMs: number;
  modifiedMs: number;
  payMs: number | null;
  consignMs: number | null;
  buyerNick: string;
  buyerMessage: string;
  sellerMemo: string;
  postFen: number;
  receiver: Receiver;
  oaid: string;
  privacy: boolean;
  lines: SimLine[];
  /** Fields written verbatim over the rendered trade / a sub-order (to make one the adapter must refuse). */
  patch: Record<string, unknown>;
  linePatch: Record<number, Record<string, unknown>>;
}

export interface LineSpec {
  title?: string;
  price?: string;
  num?: number;
  /** Line discount in yuan (divide_order_fee = price × num − discount). */
  discount?: string;
  outerSkuId?: string;
  outerIid?: string;
  skuProps?: string;
  refundStatus?: string;
}

export interface TradeSpec {
  status?: string;
  lines?: LineSpec[];
  post?: string;
  buyerMessage?: string;
  sellerMemo?: string;
  receiver?: Partial<Receiver>;
  privacy?: boolean;
  createdAt?: number;
}

export const DEFAULT_RECEIVER: Receiver = {
  name: '张三丰',
  mobile: '13812345678',
  state: '浙江省',
  city: '杭州市',
  district: '余杭区',
  town: '五常街道',
  address: '文一西路969号',
  zip: '311121',
};

const UNPAID = new Set(['WAIT_BUYER_PAY', 'TRADE_NO_CREATE_PAY', 'TRADE_CLOSED_BY_TAOBAO']);
/** Ids beyond 2^53, as real Taobao trade and sub-order ids are. */
let serial = 0n;
const bigId = (base: bigint) => String(base + serial++ * 7919n);

export function buildTrade(spec: TradeSpec, at: number): SimTrade {
  const tid = bigId(3619873200512345678n);
  const lines = (spec.lines ?? [{}]).map((l, i): SimLine => {
    const priceFen = fenOf(l.price ?? '59.90');
    const num = l.num ?? 1;
    return {
      oid: bigId(3619873200600000000n),
      title: l.title ?? `Item ${i + 1}`,
      numIid: String(600000000000 + i),
      skuId: String(5000000000000 + i),
      outerIid: l.outerIid ?? `ITEM-${i + 1}`,
      outerSkuId: l.outerSkuId ?? `SKU-${i + 1}`,
      skuProps: l.skuProps ?? '颜色分类:黑色;尺码:L',
      priceFen,
      num,
      divideFen: priceFen * num - fenOf(l.discount ?? '0'),
      status: spec.status ?? 'WAIT_SELLER_SEND_GOODS',
      refundStatus: l.refundStatus ?? 'NO_REFUND',
    };
  });
  const status = spec.status ?? 'WAIT_SELLER_SEND_GOODS';
  return {
    tid,
    status,
    createdMs: spec.createdAt ?? at,
    modifiedMs: at,
    payMs: UNPAID.has(status) ? null : (spec.createdAt ?? at),
    consignMs: null,
    buyerNick: 't**1',
    buyerMessage: spec.buyerMessage ?? '',
    sellerMemo: spec.sellerMemo ?? '',
    postFen: fenOf(spec.post ?? '0.00'),
    receiver: { ...DEFAULT_RECEIVER, ...spec.receiver },
    oaid: `oaid-${tid.slice(-6)}-v1`,
    privacy: spec.privacy ?? false,
    lines,
    patch: {},
    linePatch: {},
  };
}

const maskName = (s: string) => `${[...s][0] ?? ''}**`;
const maskPhone = (s: string) => `*******${s.slice(-4)}`;
const maskAddress = (s: string) => `${[...s].slice(0, 2).join('')}${'*'.repeat(Math.max(3, [...s].length - 2))}`;

/** The fields fullinfo only gives an oaid for when all of them are asked for (§4.4). */
const OAID_NEEDS = ['receiver_name', 'receiver_address', 'created', 'receiver_mobile', 'receiver_phone'];

function orderJson(t: SimTrade, l: SimLine, i: number): Record<string, unknown> {
  return {
    oid: l.oid,
    title: l.title,
    num_iid: l.numIid,
    sku_id: l.skuId,
    outer_iid: l.outerIid,
    outer_sku_id: l.outerSkuId,
    sku_properties_name: l.skuProps,
    price: yuan(l.priceFen),
    num: l.num,
    total_fee: yuan(l.priceFen * l.num),
    payment: yuan(t.lines.length === 1 ? l.divideFen + t.postFen : l.divideFen),
    discount_fee: '0.00',
    adjust_fee: '0.00',
    divide_order_fee: yuan(l.divideFen),
    status: l.status,
    refund_status: l.refundStatus,
    ...(l.invoiceNo ? { invoice_no: l.invoiceNo, logistics_company: l.company, consign_time: cnTime(t.consignMs ?? t.modifiedMs) } : {}),
    ...t.linePatch[i],
  };
}

/** The trade as TOP writes it, restricted to the requested `fields` (TOP returns only what was asked). */
export function tradeJson(t: SimTrade, fields: ReadonlySet<string>): Record<string, unknown> {
  const r = t.receiver;
  const paid = t.lines.reduce((n, l) => n + l.divideFen, 0) + t.postFen;
  const full: Record<string, unknown> = {
    tid: t.tid,
    status: t.status,
    type: 'fixed',
    created: cnTime(t.createdMs),
    modified: cnTime(t.modifiedMs),
    ...(t.payMs !== null ? { pay_time: cnTime(t.payMs) } : {}),
    ...(t.consignMs !== null ? { consign_time: cnTime(t.consignMs) } : {}),
    payment: yuan(paid),
    total_fee: yuan(t.lines.reduce((n, l) => n + l.priceFen * l.num, 0)),
    post_fee: yuan(t.postFen),
    discount_fee: '0.00',
    adjust_fee: '0.00',
    buyer_nick: t.buyerNick,
    buyer_open_uid: `AAH${t.tid.slice(-8)}`,
    ...(t.buyerMessage ? { buyer_message: t.buyerMessage } : {}),
    ...(t.sellerMemo ? { seller_memo: t.sellerMemo } : {}),
    seller_flag: 0,
    shipping_type: 'express',
    receiver_name: maskName(r.name),
    receiver_state: r.state,
    receiver_city: r.city,
    receiver_district: r.district,
    receiver_town: r.town,
    receiver_address: maskAddress(r.address),
    receiver_zip: r.zip,
    receiver_mobile: maskPhone(r.mobile),
    ...(r.phone ? { receiver_phone: maskPhone(r.phone) } : {}),
    oaid: t.oaid,
    orders: { order: t.lines.map((l, i) => orderJson(t, l, i)) },
    ...t.patch,
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) {
    if (!fields.has(k)) continue;
    if (k === 'oaid' && !OAID_NEEDS.every((f) => fields.has(f))) continue;
    out[k] = v;
  }
  return out;
}
