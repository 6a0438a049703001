import { Cells } from './cells.js';
import { CN_RECIPIENT_COLUMNS, cnRecipient, statusFrom } from './common.js';
import { DOUYIN_STATUS, refundSucceeded } from './status.js';
import type { FormatDef } from './types.js';

const DOUYIN_ID = /^\d{6,25}$/;

/**
 * 抖店 → 订单管理 → 导出查询订单 (§8.2). One row per sub-order (or per main order in a custom report); the order-level
 * columns repeat on each sub-order row and are read from the order's first row. Amounts in the export are yuan
 * (the API's fen are converted for display). [U] 订单应付金额 is taken as the whole order's amount.
 */
export const douyinOrders: FormatDef = {
  name: 'douyin-orders',
  platform: 'douyin',
  label: '抖店 订单导出',
  joinsWith: null,
  grain: 'line',
  idPattern: DOUYIN_ID,
  signature: ['orderId', 'title', 'placedAt', 'status'],
  columns: [
    { field: 'orderId', headers: ['主订单编号'], required: true },
    { field: 'title', headers: ['选购商品', '商品名称'], required: true },
    { field: 'qty', headers: ['商品数量'], required: true },
    { field: 'price', headers: ['商品金额', '商品单价'], required: true },
    { field: 'placedAt', headers: ['订单提交时间'], required: true },
    { field: 'status', headers: ['订单状态'], required: true },
    { field: 'lineId', headers: ['子订单编号'] },
    { field: 'itemId', headers: ['商品ID'] },
    { field: 'skuCode', headers: ['商家编码', '货号'] },
    { field: 'variant', headers: ['商品规格'] },
    { field: 'total', headers: ['订单应付金额'] },
    { field: 'shipping', headers: ['运费'] },
    { field: 'discount', headers: ['优惠总金额'] },
    { field: 'paidAt', headers: ['支付完成时间'] },
    { field: 'afterSale', headers: ['售后状态'] },
    { field: 'buyerName', headers: ['收件人'] },
    { field: 'phone', headers: ['收件人手机号'] },
    ...CN_RECIPIENT_COLUMNS,
  ],
  mapper: (ctx) => (rec, problems) => {
    const c = new Cells(ctx, rec, problems);
    const orderId = c.id('orderId', DOUYIN_ID);
    if (orderId === null) return null;
    const paidAt = c.time('paidAt');
    const status = statusFrom(c, 'status', DOUYIN_STATUS, paidAt !== null);
    const placedAt = c.time('placedAt', true);
    const title = c.required('title');
    const qty = c.qty('qty');
    if (qty !== null && qty < 1) c.fail('qty', 'must be at least 1');
    const price = c.money('price', 'CNY', true);
    const total = c.money('total', 'CNY');
    const shipping = c.money('shipping', 'CNY');
    const discount = c.money('discount', 'CNY');
    const lineId = c.has('lineId') ? c.optionalId('lineId') : null;
    if (!c.ok || !status || placedAt === null || title === null || qty === null || price === null) return { orderId };
    return {
      orderId,
      order: {
        placedAt,
        paidAt,
        platformStatus: status.code,
        platformState: status.state,
        payment: status.payment,
        ...cnRecipient(c),
        currency: 'CNY',
        shippingMinor: shipping ?? 0,
        discountMinor: discount ?? 0,
        totalMinor: total,
      },
      line: {
        platformLineId: lineId,
        platformSku: c.text('itemId'),
        skuCode: c.text('skuCode'),
        title,
        variant: c.text('variant'),
        qty,
        unitPriceMinor: price,
        refunded: refundSucceeded(c.text('afterSale')),
      },
    };
  },
};
