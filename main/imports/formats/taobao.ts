import { Cells } from './cells.js';
import { looksMasked, statusFrom, trackingNo } from './common.js';
import { refundSucceeded, TAOBAO_STATUS } from './status.js';
import type { FormatDef } from './types.js';
import { splitCnAddress } from './values.js';

/** Taobao trade ids (tid) and sub-order ids (oid) are long digit strings. */
const TAOBAO_ID = /^\d{6,25}$/;

/**
 * 千牛 → 已卖出的宝贝 → 批量导出, order report (§8.1): one row per trade. Both generations — classic (买家实际支付金额,
 * 联系手机, 宝贝标题) and the current privacy-reduced one (买家实付金额, 商品标题, masked 收货地址) — map through aliases.
 */
export const taobaoOrders: FormatDef = {
  name: 'taobao-orders',
  platform: 'taobao',
  label: '淘宝/天猫 订单报表',
  joinsWith: 'taobao-items',
  grain: 'order',
  idPattern: TAOBAO_ID,
  signature: ['orderId', 'status', 'placedAt'],
  columns: [
    { field: 'orderId', headers: ['订单编号'], required: true },
    { field: 'status', headers: ['订单状态'], required: true },
    { field: 'placedAt', headers: ['订单创建时间'], required: true },
    { field: 'total', headers: ['总金额'], required: true },
    { field: 'goods', headers: ['买家应付货款'] },
    { field: 'shipping', headers: ['买家应付邮费'] },
    { field: 'paid', headers: ['买家实际支付金额', '买家实付金额'] },
    { field: 'paidAt', headers: ['订单付款时间', '付款时间'] },
    { field: 'buyerNick', headers: ['买家会员名'] },
    { field: 'buyerMessage', headers: ['买家留言'] },
    { field: 'buyerName', headers: ['收货人姓名'] },
    { field: 'address', headers: ['收货地址'] },
    { field: 'phone', headers: ['联系手机', '联系电话'] },
    { field: 'title', headers: ['宝贝标题', '商品标题'] },
    { field: 'qty', headers: ['宝贝总数量'] },
    { field: 'variant', headers: ['商品属性SKU', '修改后的sku'] },
    { field: 'trackingNo', headers: ['物流单号'] },
    { field: 'carrier', headers: ['物流公司'] },
    { field: 'sellerMemo', headers: ['商家备注', '订单备注'] },
    { field: 'refunded', headers: ['退款金额'] },
  ],
  mapper: (ctx) => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const orderId = c.id('orderId', TAOBAO_ID);
    if (orderId === null) return null;
    const paidAt = c.time('paidAt');
    const status = statusFrom(c, 'status', TAOBAO_STATUS, paidAt !== null);
    const placedAt = c.time('placedAt', true);
    const total = c.money('total', 'CNY', true);
    const goods = c.money('goods', 'CNY');
    const shipping = c.money('shipping', 'CNY');
    const paid = c.money('paid', 'CNY');
    const refunded = c.money('refunded', 'CNY');
    const qty = c.has('qty') && !c.empty('qty') ? c.qty('qty') : 1;
    if (!c.ok || !status || placedAt === null || total === null || qty === null) return { orderId };
    const addr = splitCnAddress(c.text('address'));
    const buyerName = c.text('buyerName');
    const buyerPhone = c.text('phone');
    return {
      orderId,
      order: {
        placedAt,
        paidAt,
        platformStatus: status.code,
        platformState: status.state,
        payment: status.payment === 'paid' && refunded !== null && refunded > 0 ? (refunded >= total ? 'refunded' : 'partly_refunded') : status.payment,
        buyerNick: c.text('buyerNick'),
        buyerName,
        buyerPhone,
        ...addr,
        country: 'CN',
        piiMasked: looksMasked(buyerName, buyerPhone, addr.address1),
        buyerMessage: c.text('buyerMessage'),
        sellerMemo: c.text('sellerMemo'),
        currency: 'CNY',
        goodsMinor: goods,
        shippingMinor: shipping ?? 0,
        // Taobao's 总金额 is what the buyer owes after discounts: goods − total + shipping is the discount.
        discountMinor: goods !== null ? Math.max(0, goods + (shipping ?? 0) - total) : 0,
        totalMinor: total,
        paidMinor: paid,
        refundedMinor: refunded,
        trackingNo: trackingNo(c.text('trackingNo')),
        carrier: c.text('carrier'),
        summaryLine: { title: c.text('title') ?? '(宝贝)', qty, variant: c.text('variant') },
      },
    };
  },
};

/** The item report (宝贝报表, one row per sub-order), classic or current; joins the order report on 订单编号. */
export const taobaoItems: FormatDef = {
  name: 'taobao-items',
  platform: 'taobao',
  label: '淘宝/天猫 宝贝报表',
  joinsWith: 'taobao-orders',
  grain: 'line',
  needsJoin: true,
  idPattern: TAOBAO_ID,
  signature: ['orderId', 'title', 'price', 'qty'],
  columns: [
    { field: 'orderId', headers: ['订单编号', '主订单编号'], required: true },
    { field: 'title', headers: ['标题', '商品标题'], required: true },
    { field: 'price', headers: ['价格', '商品价格'], required: true },
    { field: 'qty', headers: ['购买数量'], required: true },
    { field: 'lineId', headers: ['子订单编号'] },
    { field: 'skuCode', headers: ['商家编码'] },
    { field: 'outerId', headers: ['外部系统编号'] },
    { field: 'itemId', headers: ['商品ID'] },
    { field: 'variant', headers: ['商品属性', '套餐信息'] },
    { field: 'paid', headers: ['买家实付金额'] },
    { field: 'refundStatus', headers: ['退款状态'] },
  ],
  mapper: (ctx) => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const orderId = c.id('orderId', TAOBAO_ID);
    if (orderId === null) return null;
    const title = c.required('title');
    const price = c.money('price', 'CNY', true);
    const qty = c.qty('qty');
    const lineId = c.has('lineId') ? c.optionalId('lineId') : null;
    if (qty !== null && qty < 1) c.fail('qty', 'must be at least 1');
    if (!c.ok || title === null || price === null || qty === null) return { orderId };
    const paid = c.money('paid', 'CNY');
    return {
      orderId,
      line: {
        platformLineId: lineId,
        platformSku: c.text('itemId') ?? c.text('outerId'),
        skuCode: c.text('skuCode') ?? c.text('outerId'),
        title,
        variant: c.text('variant'),
        qty,
        unitPriceMinor: price,
        discountMinor: paid !== null && paid < price * qty ? price * qty - paid : 0,
        refunded: refundSucceeded(c.text('refundStatus')),
      },
    };
  },
};
