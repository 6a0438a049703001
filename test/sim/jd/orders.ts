import { minorToDecimal } from '../../../shared/domain/money.js';
import { cnTime } from './gateway.js';

/** The POP order states the simulator knows (§7.1 [S]). */
export const JD_STATES = ['WAIT_SELLER_STOCK_OUT', 'WAIT_SELLER_DELIVERY', 'WAIT_GOODS_RECEIVE_CONFIRM', 'FINISHED_L', 'TRADE_CANCELED', 'LOCKED', 'PAUSE', 'POP_ORDER_PAUSE'] as const;
export type JdState = (typeof JD_STATES)[number];

/** JD's logistics company ids (logiCoprId) the simulator knows: the map quoted in §7.1 [S]. */
export const JD_CARRIERS: Readonly<Record<string, string>> = {
  '467': '顺丰快递', '1499': '中通速递', '463': '圆通快递', '470': '申通快递', '1327': '韵达快递', '465': '邮政EMS', '2087': '京东快递', '1274': '厂家自送',
};

export interface JdItemSpec {
  skuId?: string;
  outerSkuId?: string | null;
  name?: string;
  /** Unit price in fen. */
  priceFen: number;
  qty: number;
}

export interface JdConsignee {
  fullname: string;
  mobile: string;
  province: string;
  city: string;
  county: string;
  town?: string;
  detail: string;
}

export interface JdOrderSpec {
  id?: string;
  state?: JdState;
  items?: JdItemSpec[];
  freightFen?: number;
  discountFen?: number;
  createdAt?: number;
  /** Null: never paid (only possible for a cancelled order). */
  paidAt?: number | null;
  remark?: string;
  consignee?: Partial<JdConsignee>;
}

export interface JdSimItem {
  skuId: string;
  outerSkuId: string | null;
  name: string;
  priceFen: number;
  qty: number;
}

/** A stored order: plaintext facts; what JD shows (masked, yuan, China time) is rendered on the way out. */
export interface JdSimOrder {
  id: string;
  state: JdState;
  createdAt: number;
  paidAt: number | null;
  modifiedAt: number;
  items: JdSimItem[];
  freightFen: number;
  discountFen: number;
  remark: string;
  venderRemark: string;
  consignee: JdConsignee;
  waybill: string;
  logisticsId: string;
  /** Fields served verbatim over the rendered ones (a malformed order on purpose). */
  overrides: Record<string, unknown>;
}

let seq = 0;
export function nextOrderId(): string {
  seq++;
  return String(310_000_000_000 + seq * 7);
}

export function buildOrder(spec: JdOrderSpec, now: number): JdSimOrder {
  const id = spec.id ?? nextOrderId();
  const items = (spec.items ?? [{ priceFen: 5990, qty: 1 }]).map((it, i) => ({
    skuId: it.skuId ?? String(100_012_000_000 + Number(id.slice(-6)) * 10 + i),
    outerSkuId: it.outerSkuId === undefined ? `SKU-${id.slice(-4)}-${i + 1}` : it.outerSkuId,
    name: it.name ?? `京东商品 ${i + 1}`,
    priceFen: it.priceFen,
    qty: it.qty,
  }));
  const createdAt = spec.createdAt ?? now;
  return {
    id,
    state: spec.state ?? 'WAIT_SELLER_STOCK_OUT',
    createdAt,
    paidAt: spec.paidAt === undefined ? createdAt : spec.paidAt,
    modifiedAt: now,
    items,
    freightFen: spec.freightFen ?? 0,
    discountFen: spec.discountFen ?? 0,
    remark: spec.remark ?? '',
    venderRemark: '',
    consignee: { fullname: '王小明', mobile: '13912345678', province: '北京', city: '北京市', county: '朝阳区', town: '望京街道', detail: '阜通东大街6号院3号楼1201', ...spec.consignee },
    waybill: '',
    logisticsId: '',
    overrides: {},
  };
}

export const goodsFen = (o: JdSimOrder) => o.items.reduce((n, i) => n + i.priceFen * i.qty, 0);
export const paymentFen = (o: JdSimOrder) => goodsFen(o) + o.freightFen - o.discountFen;
const yuan = (fen: number) => minorToDecimal(fen, 'CNY');

/** 王小明 → 王**, 13912345678 → 139****5678, the street part of an address → ****: how JD shows PII without decryption. */
export function maskName(s: string): string {
  return s.length <= 1 ? '*' : s[0] + '*'.repeat(s.length - 1);
}
export function maskPhone(s: string): string {
  return s.length < 7 ? '****' : `${s.slice(0, 3)}****${s.slice(-4)}`;
}

/** The orderInfo JSON JD would send, restricted to optional_fields (orderId always comes). */
export function renderOrder(o: JdSimOrder, fields: ReadonlySet<string> | null): Record<string, unknown> {
  const c = o.consignee;
  const all: Record<string, unknown> = {
    orderId: o.id,
    venderId: '10086001',
    orderType: '22',
    orderState: o.state,
    orderStateRemark: o.state,
    orderTotalPrice: yuan(goodsFen(o)),
    orderSellerPrice: yuan(goodsFen(o) - o.discountFen),
    orderPayment: yuan(paymentFen(o)),
    freightPrice: yuan(o.freightFen),
    sellerDiscount: yuan(o.discountFen),
    orderStartTime: cnTime(o.createdAt),
    paymentConfirmTime: o.paidAt === null ? '' : cnTime(o.paidAt),
    modified: cnTime(o.modifiedAt),
    orderRemark: o.remark,
    venderRemark: o.venderRemark,
    pin: `jd_${maskName(c.fullname)}${o.id.slice(-3)}`,
    waybill: o.waybill,
    logisticsId: o.logisticsId,
    consigneeInfo: {
      fullname: maskName(c.fullname),
      mobile: maskPhone(c.mobile),
      telephone: maskPhone(c.mobile),
      fullAddress: `${c.province}${c.city}${c.county}****`,
      province: c.province,
      city: c.city,
      county: c.county,
      town: c.town ?? '',
    },
    itemInfoList: o.items.map((it) => ({ skuId: it.skuId, outerSkuId: it.outerSkuId ?? '', skuName: it.name, jdPrice: yuan(it.priceFen), itemTotal: String(it.qty), wareId: it.skuId.slice(0, 9) })),
    ...o.overrides,
  };
  if (!fields) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'orderId' || fields.has(k)));
}
