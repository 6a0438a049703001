import { randomBytes } from 'node:crypto';
import { nowSec, type DouyinSimState, type Plain, type SimCompany, type SimShopOrder } from './state.js';

/** What a test says about a sku order; buildOrder spells it the way 抖店 does. Money in fen. */
export interface SkuSpec {
  outSkuId?: string;
  code?: string;
  name?: string;
  qty: number;
  /** origin_amount: the unit price, fen. */
  price: number;
  /** The sku's shop promotion, fen. */
  promotion?: number;
  spec?: [string, string][];
  afterSale?: { status: number; type: number; refundStatus: number };
}

export interface Receiver {
  name: string;
  phone: string;
  province: string;
  city: string;
  town: string;
  street: string;
  detail: string;
  /** The phone is a privacy number (main-extension) until `expire` (unix s). */
  virtual?: { a: string; b: string; expire: number };
}

export interface OrderSpec {
  id?: string;
  status?: number;
  /** Unix seconds; default an hour before the update. */
  createdAt?: number;
  post?: number;
  promotion?: number;
  buyerWords?: string;
  sellerWords?: string;
  receiver?: Receiver;
  skus: SkuSpec[];
}

export const DEFAULT_RECEIVER: Receiver = {
  name: '张三丰',
  phone: '13812345678',
  province: '北京市',
  city: '北京市',
  town: '海淀区',
  street: '中关村街道',
  detail: '中关村大街27号院3号楼1201',
};

let seq = 0;
/** 19-digit ids like 抖店's (6920…); sku orders get their own. */
export function nextOrderId(): string {
  seq++;
  return `69${String(20_000_000_000_000_000n + BigInt(seq) * 7919n).slice(0, 17)}`;
}

/** "#ML3B#<base64>#1##": the shape of 抖店 ciphertexts, with + / = that a careless client would mangle. */
export function newCipher(state: DouyinSimState, plain: Plain): string {
  const head = randomBytes(3).toString('base64');
  const text = `#${head}#${Buffer.concat([Buffer.from([0xfb, 0xff]), randomBytes(22)]).toString('base64')}#1##`;
  state.ciphers.set(text, plain);
  return text;
}

const maskName = (s: string) => `${[...s][0] ?? ''}**`;
const maskPhone = (s: string) => (s.length >= 11 ? `${s.slice(0, 3)}****${s.slice(-4)}` : '****');
const maskDetail = (s: string) => `${[...s].slice(0, 3).join('')}${'*'.repeat(Math.min(8, Math.max(2, [...s].length - 3)))}`;

const region = (id: string, name: string) => ({ id, name });

/** A ShopOrder as order.searchList / order.orderDetail return it: masked and encrypted receiver, money in fen. */
export function buildOrder(state: DouyinSimState, spec: OrderSpec, updatedAt = nowSec(state)): SimShopOrder {
  const id = spec.id ?? nextOrderId();
  const status = spec.status ?? 2;
  const createdAt = spec.createdAt ?? updatedAt - 3600;
  const paid = status !== 1;
  const r = spec.receiver ?? DEFAULT_RECEIVER;
  const encName = newCipher(state, { orderId: id, dataType: 2, text: r.name });
  const encTel = newCipher(state, { orderId: id, dataType: 3, text: r.phone, ...(r.virtual ? { virtual: r.virtual } : {}) });
  const encDetail = newCipher(state, { orderId: id, dataType: 1, text: r.detail });
  let goods = 0;
  let promo = 0;
  const skus = spec.skus.map((s, i) => {
    goods += s.price * s.qty;
    promo += s.promotion ?? 0;
    const amount = s.price * s.qty - (s.promotion ?? 0);
    return {
      order_id: `${id.slice(0, 17)}${String(10 + i)}`,
      parent_order_id: id,
      order_level: 3,
      order_status: status,
      product_id: 3_600_000_000_000 + i,
      product_name: s.name ?? `商品 ${s.outSkuId ?? i}`,
      sku_id: 1_700_000_000_000 + i,
      out_sku_id: s.outSkuId ?? '',
      code: s.code ?? '',
      item_num: s.qty,
      origin_amount: s.price,
      sum_amount: s.price * s.qty,
      order_amount: amount,
      pay_amount: paid ? amount : 0,
      promotion_amount: s.promotion ?? 0,
      spec: (s.spec ?? []).map(([name, value]) => ({ name, value })),
      after_sale_info: s.afterSale ? { after_sale_status: s.afterSale.status, after_sale_type: s.afterSale.type, refund_status: s.afterSale.refundStatus } : { after_sale_status: 0, after_sale_type: 0, refund_status: 0 },
      create_time: createdAt,
      update_time: updatedAt,
    };
  });
  const post = spec.post ?? 0;
  const total = goods + post - (spec.promotion ?? promo);
  const addr = (detail: string) => ({
    province: region('11', r.province),
    city: region('110000', r.city),
    town: region('110108', r.town),
    street: region('110108012', r.street),
    detail,
  });
  const json: Record<string, unknown> = {
    order_id: id,
    shop_id: state.shopId,
    order_level: 2,
    order_status: status,
    order_status_desc: ({ 1: '待支付', 105: '已支付', 2: '备货中', 101: '部分发货', 3: '已发货', 4: '已取消', 5: '已完成' } as Record<number, string>)[status] ?? '',
    main_status: status,
    create_time: createdAt,
    update_time: updatedAt,
    pay_time: paid ? createdAt + 60 : 0,
    finish_time: status === 5 ? updatedAt : 0,
    exp_ship_time: createdAt + 48 * 3600,
    buyer_words: spec.buyerWords ?? '',
    seller_words: spec.sellerWords ?? '',
    pay_type: 1,
    order_amount: total,
    pay_amount: paid ? total : 0,
    post_amount: post,
    promotion_amount: spec.promotion ?? promo,
    promotion_shop_amount: spec.promotion ?? promo,
    promotion_platform_amount: 0,
    modify_amount: 0,
    tax_amount: 0,
    // Since the encryption rollout the plain fields carry ciphertext too [U]; plaintext never leaves the vault.
    post_receiver: encName,
    encrypt_post_receiver: encName,
    mask_post_receiver: maskName(r.name),
    post_tel: encTel,
    encrypt_post_tel: encTel,
    mask_post_tel: r.virtual ? `${r.virtual.a.slice(0, 3)}****${r.virtual.a.slice(-4)}` : maskPhone(r.phone),
    post_addr: { ...addr(encDetail), encrypt_detail: encDetail },
    mask_post_addr: addr(maskDetail(r.detail)),
    logistics_info: [],
    sku_order_list: skus,
  };
  return { id, createdAt, updatedAt, json };
}

/** 抖店's own company list as order.logisticsCompanyList gives it — kept apart from ShopDesk's table on purpose. */
export const COMPANIES: readonly SimCompany[] = [
  { id: 12, name: '顺丰速运', code: 'shunfeng' },
  { id: 7, name: '圆通速递', code: 'yuantong' },
  { id: 9, name: '中通快递', code: 'zhongtong' },
  { id: 8, name: '申通快递', code: 'shentong' },
  { id: 10, name: '韵达快递', code: 'yunda' },
  { id: 2, name: 'EMS', code: 'ems' },
  { id: 15, name: '邮政快递包裹', code: 'youzhengguonei' },
  { id: 16, name: '京东物流', code: 'jd' },
  { id: 17, name: '德邦快递', code: 'debangkuaidi' },
  { id: 1043, name: '极兔速递', code: 'jtexpress' },
  { id: 11, name: '百世快递', code: 'huitongkuaidi' },
  { id: 18, name: '宅急送', code: 'zhaijisong' },
  { id: 21, name: '中通快运', code: 'zhongtongkuaiyun' },
  { id: 22, name: '丰网速运', code: 'fengwang' },
];
