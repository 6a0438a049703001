import { GENERIC_FIELDS } from '../../../shared/contract/imports.js';
import { Cells } from './cells.js';
import { lineFromTotal, looksMasked, statusFrom, trackingNo } from './common.js';
import { GENERIC_STATUS } from './status.js';
import type { ColumnSpec, FormatDef } from './types.js';

/** Header texts the mapping screen pre-selects for each field (a guess; the seller confirms it). */
const SUGGEST: Record<(typeof GENERIC_FIELDS)[number], string[]> = {
  orderId: ['订单编号', '订单号', '主订单编号', 'order id', 'order number', 'order', 'name'],
  placedAt: ['下单时间', '订单创建时间', '创建时间', '成交时间', 'order date', 'created at', 'date'],
  paidAt: ['付款时间', '支付时间', 'paid at', 'payment date'],
  status: ['订单状态', '状态', 'status', 'order status'],
  buyerNick: ['买家昵称', '买家会员名', '买家', 'buyer', 'email'],
  buyerName: ['收货人', '收件人', '收货人姓名', 'recipient', 'shipping name', 'name'],
  buyerPhone: ['手机', '电话', '联系电话', '收货人手机', 'phone', 'mobile'],
  country: ['国家', 'country'],
  province: ['省', '省份', 'province', 'state'],
  city: ['市', '城市', 'city'],
  district: ['区', '区县', 'district'],
  address1: ['详细地址', '地址', '收货地址', 'address', 'street'],
  postcode: ['邮编', 'postcode', 'zip', 'postal code'],
  buyerMessage: ['买家留言', '留言', 'note', 'notes'],
  sellerMemo: ['商家备注', '备注', 'memo'],
  skuCode: ['商家编码', 'sku', 'sku编码', '货号'],
  title: ['商品名称', '商品', '宝贝标题', '标题', 'product', 'item', 'title'],
  variant: ['规格', '商品规格', '颜色尺码', 'variant', 'option'],
  qty: ['数量', '购买数量', '商品数量', 'qty', 'quantity'],
  unitPrice: ['单价', '价格', 'price', 'unit price'],
  lineTotal: ['小计', '金额', 'line total', 'amount'],
  shipping: ['运费', '邮费', 'shipping'],
  discount: ['优惠', '折扣', 'discount'],
  total: ['订单金额', '实付金额', '总金额', 'total'],
  trackingNo: ['快递单号', '运单号', '物流单号', 'tracking number', 'tracking'],
  carrier: ['快递公司', '物流公司', 'carrier'],
};

export const GENERIC_COLUMNS: readonly ColumnSpec[] = GENERIC_FIELDS.map((f) => ({
  field: f,
  headers: SUGGEST[f],
  required: f === 'orderId' || f === 'placedAt' || f === 'qty',
}));

/**
 * Any CSV/XLSX with a column mapping (ShopDesk field → header). Rows repeating an order id are that order's lines;
 * order-level values come from its first row. Without a status column orders are paid and waiting to ship; without
 * a total it is goods − discount + shipping. Currency and the zone of times come from the mapping.
 */
export function genericFormat(currency: string): FormatDef {
  return {
    name: 'generic',
    platform: null,
    label: 'CSV/XLSX (column mapping)',
    joinsWith: null,
    grain: 'line',
    idPattern: null,
    signature: [],
    columns: GENERIC_COLUMNS,
    mapper: (ctx) => (rec, problems) => {
      const c = new Cells(ctx, rec, problems);
      const orderId = c.id('orderId', null);
      if (orderId === null) return null;
      if (orderId.length > 100) {
        c.fail('orderId', 'is longer than 100 characters');
        return null;
      }
      // A row without a date continues the order above it (its further lines), as Shopify's export does.
      const continuation = c.empty('placedAt');
      const placedAt = continuation ? null : c.time('placedAt', true);
      const paidAt = c.time('paidAt');
      const status = !continuation && c.has('status') ? statusFrom(c, 'status', GENERIC_STATUS, paidAt !== null) : { code: 'to_ship', state: 'to_ship' as const, payment: 'paid' as const };
      const qty = c.qty('qty');
      if (qty !== null && qty < 1) c.fail('qty', 'must be at least 1');
      const title = c.text('title');
      const skuCode = c.text('skuCode');
      if (title === null && skuCode === null) c.fail(c.has('title') ? 'title' : 'skuCode', 'a line needs a title or a SKU code');
      const unitPrice = c.has('unitPrice') ? c.money('unitPrice', currency) : null;
      const lineTotal = c.has('lineTotal') ? c.money('lineTotal', currency) : null;
      if (unitPrice === null && lineTotal === null) c.fail(c.has('unitPrice') ? 'unitPrice' : 'lineTotal', 'is empty');
      const shipping = c.money('shipping', currency);
      const discount = c.money('discount', currency);
      const total = c.money('total', currency);
      if (!c.ok || !status || qty === null) return { orderId };
      const line = {
        skuCode,
        title: title ?? skuCode!,
        variant: c.text('variant'),
        qty,
        ...(unitPrice !== null ? { unitPriceMinor: unitPrice, discountMinor: 0 } : lineFromTotal(lineTotal!, qty)),
      };
      if (continuation || placedAt === null) return { orderId, line };
      const buyerName = c.text('buyerName');
      const buyerPhone = c.text('buyerPhone');
      const address1 = c.text('address1');
      return {
        orderId,
        order: {
          placedAt,
          paidAt: paidAt ?? (status.payment === 'unpaid' ? null : placedAt),
          platformStatus: c.text('status', 100) ?? status.code,
          platformState: status.state,
          payment: status.payment,
          buyerNick: c.text('buyerNick'),
          buyerName,
          buyerPhone,
          country: c.text('country'),
          province: c.text('province'),
          city: c.text('city'),
          district: c.text('district'),
          address1,
          postcode: c.text('postcode'),
          piiMasked: looksMasked(buyerName, buyerPhone, address1),
          buyerMessage: c.text('buyerMessage'),
          sellerMemo: c.text('sellerMemo'),
          currency,
          shippingMinor: shipping ?? 0,
          discountMinor: discount ?? 0,
          totalMinor: total,
          trackingNo: trackingNo(c.text('trackingNo')),
          carrier: c.text('carrier'),
        },
        line,
      };
    },
  };
}
