import { Cells } from './cells.js';
import { CN_RECIPIENT_COLUMNS, cnRecipient, lineFromTotal, statusFrom } from './common.js';
import { PINDUODUO_STATUS, refundSucceeded } from './status.js';
import type { FormatDef } from './types.js';

/** PDD order_sn: "yyMMdd-" and 15 digits. [U] digits-only forms seen in some tools are accepted too. */
const PDD_ID = /^(\d{6}-\d{6,20}|\d{8,25})$/;

/**
 * 拼多多商家后台 → 订单查询 → 导出 (§6; the header is [U]: no official layout was found, this one follows what seller
 * tools document). A PDD order holds one goods item, usually one row; rows repeating an 订单号 are merged as lines.
 * 商家实收金额 is what the seller receives; 商品总价 (when present) prices the line before discounts.
 */
export const pinduoduoOrders: FormatDef = {
  name: 'pinduoduo-orders',
  platform: 'pinduoduo',
  label: '拼多多 订单导出',
  joinsWith: null,
  grain: 'line',
  idPattern: PDD_ID,
  signature: ['orderId', 'qty', 'status', 'received'],
  columns: [
    { field: 'orderId', headers: ['订单号'], required: true },
    { field: 'title', headers: ['商品', '商品名称'], required: true },
    { field: 'qty', headers: ['商品数量(件)', '商品数量'], required: true },
    { field: 'received', headers: ['商家实收金额(元)', '商家实收金额'], required: true },
    { field: 'status', headers: ['订单状态'], required: true },
    { field: 'placedAt', headers: ['成交时间', '订单成交时间', '支付时间'], required: true },
    { field: 'paidAt', headers: ['支付时间', '成交时间', '订单成交时间'] },
    { field: 'goodsTotal', headers: ['商品总价(元)', '商品总价'] },
    { field: 'shipping', headers: ['邮费(元)', '邮费'] },
    { field: 'buyerPaid', headers: ['用户实付金额(元)', '用户实付金额'] },
    { field: 'itemId', headers: ['商品id', '商品ID'] },
    { field: 'variant', headers: ['商品规格'] },
    { field: 'skuId', headers: ['样式ID', '样式id'] },
    { field: 'skuCode', headers: ['商家编码-SKU维度', '商家编码-商品维度', '商家编码'] },
    { field: 'afterSale', headers: ['售后状态'] },
    { field: 'buyerName', headers: ['收货人'] },
    { field: 'phone', headers: ['手机', '收货人手机号'] },
    ...CN_RECIPIENT_COLUMNS,
  ],
  mapper: (ctx) => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const orderId = c.id('orderId', PDD_ID);
    if (orderId === null) return null;
    const paidAt = c.time('paidAt');
    const entry = statusFrom(c, 'status', PINDUODUO_STATUS, paidAt !== null);
    const placedAt = c.time('placedAt', true);
    const title = c.required('title');
    const qty = c.qty('qty');
    if (qty !== null && qty < 1) c.fail('qty', 'must be at least 1');
    const received = c.money('received', 'CNY', true);
    const goodsTotal = c.money('goodsTotal', 'CNY');
    const shipping = c.money('shipping', 'CNY');
    const buyerPaid = c.money('buyerPaid', 'CNY');
    if (!c.ok || !entry || placedAt === null || title === null || qty === null || received === null) return { orderId };
    const refunded = refundSucceeded(c.text('afterSale'));
    const lineTotal = goodsTotal ?? received;
    return {
      orderId,
      order: {
        placedAt,
        paidAt,
        platformStatus: entry.code,
        platformState: entry.state,
        payment: refunded && entry.payment === 'paid' ? 'refunded' : entry.payment,
        ...cnRecipient(c),
        currency: 'CNY',
        shippingMinor: shipping ?? 0,
        totalMinor: buyerPaid ?? received,
        paidMinor: buyerPaid ?? received,
        refundedMinor: refunded ? (buyerPaid ?? received) : 0,
      },
      line: {
        platformLineId: c.text('skuId'),
        platformSku: c.text('itemId'),
        skuCode: c.text('skuCode'),
        title,
        variant: c.text('variant'),
        qty,
        ...lineFromTotal(lineTotal, qty),
        refunded,
      },
    };
  },
};
