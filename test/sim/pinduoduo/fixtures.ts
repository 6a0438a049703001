import { randomBytes } from 'node:crypto';

/**
 * What a test says about a PDD order, and the JSON PDD would send for it: yuan strings, "yyyy-MM-dd HH:mm:ss" China
 * times, masked receivers always, ciphertext receivers only while 待发货 and not under risk review (§6.2). Written
 * apart from the adapter's helpers, so conversions cross-check.
 */
export interface ItemSpec {
  skuId?: number;
  goodsId?: number;
  outerId?: string | null;
  name?: string;
  spec?: string;
  /** Yuan, as PDD prints it ("19.90"). */
  price: string;
  count?: number;
}

export type SimItem = Required<Omit<ItemSpec, 'outerId'>> & { outerId: string | null };

export interface Receiver {
  name: string;
  phone: string;
  province: string;
  city: string;
  town: string;
  detail: string;
}

export interface OrderSpec {
  sn?: string;
  status?: 1 | 2 | 3;
  confirmStatus?: 0 | 1 | 2;
  refundStatus?: 1 | 2 | 3 | 4;
  afterSalesStatus?: number;
  risk?: 0 | 1;
  createdAt?: number;
  payAt?: number | null;
  items?: ItemSpec[];
  postage?: string;
  sellerDiscount?: string;
  platformDiscount?: string;
  receiver?: Partial<Receiver>;
  buyerMemo?: string;
  remark?: string;
  logisticsId?: number;
  trackingNumber?: string;
  /** How long this order's changes take to show in the increment list (index lag). */
  lagMs?: number;
}

export interface SimOrder {
  sn: string;
  orderStatus: number;
  confirmStatus: number;
  refundStatus: number;
  afterSalesStatus: number;
  risk: number;
  createdAt: number;
  payAt: number | null;
  updatedAt: number;
  shippingAt: number | null;
  lastShipAt: number;
  logisticsId: number;
  trackingNumber: string;
  items: SimItem[];
  postageFen: number;
  sellerDiscountFen: number;
  platformDiscountFen: number;
  receiver: Receiver;
  buyerMemo: string;
  remark: string;
  cipher: { name: string; phone: string; address: string };
  lagMs: number | null;
  /** Fields to send verbatim over the computed ones (malformed payloads). */
  broken: Record<string, unknown>;
}

const HOUR = 3_600_000;

/** Yuan text → fen, the simulator's own exact parser. */
export function fenOfYuan(s: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`sim: bad yuan amount ${s}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function yuanOfFen(f: number): string {
  return `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
}

/** Epoch ms → "yyyy-MM-dd HH:mm:ss" in China time (UTC+8, no DST). */
export function cnTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
}

let seq = 0;
export function nextOrderSn(createdAt: number): string {
  seq++;
  const day = cnTime(createdAt).slice(2, 10).replace(/-/g, '');
  return `${day}-${String(482_913_005_117_000 + seq * 37).padStart(15, '0')}`;
}

/** A ciphertext shaped like PDD's (~base64~tag~1~~); it always holds "+", "/" or "=" so form encoding is exercised. */
export function newCipher(): string {
  const body = Buffer.concat([Buffer.from([0xfb, 0xef, 0xbe]), randomBytes(21)]).toString('base64');
  return `~${body}~${randomBytes(4).toString('hex')}~1~~`;
}

export const maskName = (s: string) => s.slice(0, 1) + '*'.repeat(Math.max(1, [...s].length - 1));
export const maskPhone = (s: string) => (s.length >= 11 ? `${s.slice(0, 3)}****${s.slice(7, 11)}${s.slice(11)}` : '****');
export const maskAddress = (s: string) => [...s].slice(0, 3).join('') + '****';

const DEFAULT_RECEIVER: Receiver = { name: '张小明', phone: '13812345678', province: '浙江省', city: '杭州市', town: '西湖区', detail: '文三路 90 号 7 幢 302 室' };

let sku = 0;
export function buildOrder(spec: OrderSpec, now: number): SimOrder {
  const createdAt = spec.createdAt ?? now - 2 * HOUR;
  const items = (spec.items ?? [{ price: '19.90' }]).map((it) => {
    sku++;
    return {
      skuId: it.skuId ?? 1_210_000_000_000 + sku,
      goodsId: it.goodsId ?? 600_000_000 + sku,
      outerId: it.outerId === undefined ? `SKU-${sku}` : it.outerId,
      name: it.name ?? `商品 ${sku}`,
      spec: it.spec ?? '默认',
      price: it.price,
      count: it.count ?? 1,
    };
  });
  return {
    sn: spec.sn ?? nextOrderSn(createdAt),
    orderStatus: spec.status ?? 1,
    confirmStatus: spec.confirmStatus ?? 1,
    refundStatus: spec.refundStatus ?? 1,
    afterSalesStatus: spec.afterSalesStatus ?? 0,
    risk: spec.risk ?? 0,
    createdAt,
    payAt: spec.payAt === undefined ? createdAt + 60_000 : spec.payAt,
    updatedAt: now,
    shippingAt: spec.status && spec.status > 1 ? now : null,
    lastShipAt: createdAt + 48 * HOUR,
    logisticsId: spec.logisticsId ?? 0,
    trackingNumber: spec.trackingNumber ?? '',
    items,
    postageFen: fenOfYuan(spec.postage ?? '0.00'),
    sellerDiscountFen: fenOfYuan(spec.sellerDiscount ?? '0.00'),
    platformDiscountFen: fenOfYuan(spec.platformDiscount ?? '0.00'),
    receiver: { ...DEFAULT_RECEIVER, ...spec.receiver },
    buyerMemo: spec.buyerMemo ?? '',
    remark: spec.remark ?? '',
    cipher: { name: newCipher(), phone: newCipher(), address: newCipher() },
    lagMs: spec.lagMs ?? null,
    broken: {},
  };
}

/** The full receiver address PDD decrypts receiver_address to (data_type 7). */
export const fullAddress = (r: Receiver) => `${r.province}${r.city}${r.town}${r.detail}`;

/** The order as pdd.order.number.list.increment.get / pdd.order.information.get send it. */
export function orderJson(o: SimOrder): Record<string, unknown> {
  const goods = o.items.reduce((n, it) => n + fenOfYuan(it.price) * it.count, 0);
  const discount = o.sellerDiscountFen + o.platformDiscountFen;
  const plain = o.orderStatus === 1 && o.risk === 0; // ciphertext only while 待发货 and not under review (§6.2)
  const r = o.receiver;
  return {
    order_sn: o.sn,
    order_status: o.orderStatus,
    refund_status: o.refundStatus,
    confirm_status: o.confirmStatus,
    after_sales_status: o.afterSalesStatus,
    risk_control_status: o.risk,
    group_status: o.confirmStatus === 0 ? 0 : 1,
    trade_type: 0,
    is_lucky_flag: 1,
    created_time: cnTime(o.createdAt),
    confirm_time: o.confirmStatus === 1 ? cnTime(o.createdAt + 60_000) : '',
    pay_time: o.payAt === null ? '' : cnTime(o.payAt),
    shipping_time: o.shippingAt === null ? '' : cnTime(o.shippingAt),
    receive_time: '',
    updated_at: cnTime(o.updatedAt),
    last_ship_time: cnTime(o.lastShipAt),
    goods_amount: yuanOfFen(goods),
    discount_amount: yuanOfFen(discount),
    seller_discount: yuanOfFen(o.sellerDiscountFen),
    platform_discount: yuanOfFen(o.platformDiscountFen),
    capital_free_discount: '0.00',
    postage: yuanOfFen(o.postageFen),
    pay_amount: yuanOfFen(goods - discount + o.postageFen),
    pay_type: 'WEIXIN',
    buyer_memo: o.buyerMemo,
    remark: o.remark,
    logistics_id: o.logisticsId,
    tracking_number: o.trackingNumber,
    receiver_name: plain ? o.cipher.name : '',
    receiver_phone: plain ? o.cipher.phone : '',
    receiver_address: plain ? o.cipher.address : '',
    address: plain ? o.cipher.address : '',
    receiver_name_mask: maskName(r.name),
    receiver_phone_mask: maskPhone(r.phone),
    receiver_address_mask: maskAddress(r.detail),
    address_mask: maskAddress(fullAddress(r)),
    country: '中国',
    province: r.province,
    city: r.city,
    town: r.town,
    country_id: 0,
    province_id: 12,
    city_id: 147,
    town_id: 1_226,
    item_list: o.items.map((it) => ({
      goods_id: it.goodsId,
      sku_id: it.skuId,
      outer_id: it.outerId ?? '',
      outer_goods_id: '',
      goods_name: it.name,
      goods_spec: it.spec,
      goods_price: it.price,
      goods_count: it.count,
      goods_img: `https://img.pddpic.com/goods/${it.goodsId}.jpeg`,
    })),
    ...o.broken,
  };
}
