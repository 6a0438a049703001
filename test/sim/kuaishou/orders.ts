import { createHmac } from 'node:crypto';

/** The expressCode list the simulator accepts [U]: the codes ShopDesk ships with, plus a few more companies. */
export const KS_EXPRESS_CODES: Readonly<Record<number, string>> = {
  1: '申通快递', 2: '圆通速递', 3: '中通快递', 4: '顺丰速运', 5: '韵达快递', 6: '中国邮政', 7: 'EMS', 8: '京东物流', 9: '德邦快递', 10: '百世快递', 54: '极兔速递', 12: '宅急送', 13: '天天快递',
};

export interface KsConsignee {
  name: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  town: string;
  detail: string;
}

export interface KsOrderSpec {
  oid?: number;
  status?: 10 | 30 | 40 | 50 | 70 | 80;
  priceFen?: number;
  num?: number;
  discountFen?: number;
  expressFen?: number;
  createTime?: number;
  /** 0: never paid. */
  payTime?: number;
  skuNick?: string;
  title?: string;
  remark?: string;
  riskCode?: number;
  consignee?: Partial<KsConsignee>;
}

export interface KsSimOrder {
  oid: number;
  status: number;
  createTime: number;
  payTime: number;
  updateTime: number;
  sendTime: number;
  priceFen: number;
  num: number;
  discountFen: number;
  expressFen: number;
  orderItemId: number;
  skuId: number;
  skuNick: string;
  skuDesc: string;
  title: string;
  remark: string;
  riskCode: number;
  consignee: KsConsignee;
  logistics: { expressNo: string; expressCode: number; logisticsId: number }[];
  /** Refund ids on this order, newest first. */
  refundIds: number[];
  /** Fields served verbatim over the rendered ones, per block (a malformed order on purpose). */
  overrides: { orderBaseInfo?: Record<string, unknown>; orderItemInfo?: Record<string, unknown> };
}

let seq = 0;
export function buildOrder(spec: KsOrderSpec, now: number): KsSimOrder {
  seq++;
  const oid = spec.oid ?? 2_215_900_041_470_000 + seq * 13;
  const createTime = spec.createTime ?? now;
  return {
    oid,
    status: spec.status ?? 30,
    createTime,
    payTime: spec.payTime ?? (spec.status === 10 ? 0 : createTime + 5_000),
    updateTime: now,
    sendTime: 0,
    priceFen: spec.priceFen ?? 2990,
    num: spec.num ?? 1,
    discountFen: spec.discountFen ?? 0,
    expressFen: spec.expressFen ?? 0,
    orderItemId: 46_745_568_318_000 + seq,
    skuId: 888_390_671_000 + seq,
    skuNick: spec.skuNick ?? `KS-SKU-${seq}`,
    skuDesc: '默认规格',
    title: spec.title ?? `快手好物 ${seq}`,
    remark: spec.remark ?? '',
    riskCode: spec.riskCode ?? 0,
    consignee: { name: '李小红', mobile: '13812345678', province: '浙江省', city: '杭州市', district: '西湖区', town: '文新街道', detail: '文一西路100号2幢301', ...spec.consignee },
    logistics: [],
    refundIds: [],
    overrides: {},
  };
}

export const totalFen = (o: KsSimOrder) => o.priceFen * o.num - o.discountFen + o.expressFen;

const mask = (s: string) => (s.length <= 1 ? '*' : s[0] + '*'.repeat(s.length - 1));
/** A stand-in ciphertext: opaque, deterministic, never the plaintext. */
const encrypt = (s: string) => `#${createHmac('sha256', 'ks-sim-tde').update(s).digest('base64')}#`;

/** One orderList entry as Kuaishou sends it: money in fen, times in ms, the address masked with ciphertexts. */
export function renderOrder(o: KsSimOrder, refundStatus: (id: number) => number | undefined): Record<string, unknown> {
  const c = o.consignee;
  return {
    orderBaseInfo: {
      oid: o.oid,
      status: o.status,
      createTime: o.createTime,
      payTime: o.payTime,
      updateTime: o.updateTime,
      sendTime: o.sendTime,
      recvTime: 0,
      totalFee: totalFen(o),
      discountFee: o.discountFen,
      expressFee: o.expressFen,
      buyerNick: `${mask(c.name)}的小店`,
      buyerOpenId: `f${String(o.oid).slice(-8)}`,
      remark: o.remark,
      riskCode: o.riskCode,
      payType: 1,
      preSale: 0,
      validPromiseShipmentTimeStamp: o.payTime ? o.payTime + 48 * 3600_000 : 0,
      ...o.overrides.orderBaseInfo,
    },
    orderItemInfo: {
      orderItemId: o.orderItemId,
      skuId: o.skuId,
      itemId: o.skuId - 2000,
      itemTitle: o.title,
      skuDesc: o.skuDesc,
      skuNick: o.skuNick,
      num: o.num,
      price: o.priceFen,
      originalPrice: o.priceFen,
      discountFee: 0,
      ...o.overrides.orderItemInfo,
    },
    orderRefundList: o.refundIds.map((refundId) => ({ refundId, refundStatus: refundStatus(refundId) })),
    orderLogisticsInfo: o.logistics.map((l) => ({ ...l })),
    orderAddress: {
      desensitiseConsignee: mask(c.name),
      desensitiseMobile: `${c.mobile.slice(0, 3)}****${c.mobile.slice(-4)}`,
      desensitiseAddress: `${c.detail.slice(0, 4)}****`,
      encryptedConsignee: encrypt(c.name),
      encryptedMobile: encrypt(c.mobile),
      encryptedAddress: encrypt(c.detail),
      province: c.province,
      city: c.city,
      district: c.district,
      town: c.town,
    },
  };
}
