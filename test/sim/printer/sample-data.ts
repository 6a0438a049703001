import type { LabelData, PickListData, SlipData } from '../../../main/print/layout-types.js';

/** Documents for printing tests: a Chinese and a Latin recipient, tracking numbers of 12–20 characters. */
export const PRINTED_AT = Date.UTC(2026, 10, 25, 4, 0, 0);
export const TZ = 'Asia/Shanghai';

export const chineseLabel: LabelData = {
  carrier: { code: 'ZTO', name: '中通快递' },
  trackingNo: '78512345678901',
  sortCode: '571-W08 西湖',
  sender: { name: '杭州好物旗舰店', phone: '0571-88886666', address: '浙江省杭州市余杭区仓前街道良睦路 8 号 2 号仓' },
  recipient: { name: '张三', phone: '13800138000', addressLines: ['浙江省杭州市西湖区文三路 100 号', '西湖国际科技大厦 3 楼 301 室'] },
  orderIds: ['TB4129987712345'],
  items: ['PILLOW-LATEX 泰国乳胶枕 ×2', 'CASE-01 枕套 ×1'],
  weightG: 1250,
  printedAt: PRINTED_AT,
  qr: 'https://m.zto.com/t/78512345678901',
};

export const latinLabel: LabelData = {
  carrier: { code: 'UPS', name: 'UPS' },
  trackingNo: '1Z999AA10123456784',
  sender: { name: 'Good Things Store', phone: '+86 571 8888 6666', address: 'Bldg 2, 8 Liangmu Rd, Yuhang, Hangzhou 311121, China' },
  recipient: { name: 'Jane Doe', phone: '+1 415 555 0134', addressLines: ['500 Howard St, Apt 12 "Loft"', 'San Francisco, CA 94105', 'United States'] },
  orderIds: ['112-3456789-0123456', '112-3456789-0123457'],
  items: ['MUG-BLUE Ceramic mug, blue ×2'],
  printedAt: PRINTED_AT,
  qr: 'UPS:1Z999AA10123456784',
};

export const chineseSlip: SlipData = {
  shopName: '好物旗舰店',
  orderIds: ['TB4129987712345'],
  buyer: { name: '张三', phone: '13800138000', addressLines: ['浙江省杭州市西湖区文三路 100 号'] },
  lines: [
    { sku: 'PILLOW-LATEX', title: '泰国天然乳胶枕头 成人护颈枕 单只装', variant: '白色 60×40cm', qty: 2 },
    { sku: 'CASE-01', title: '纯棉枕套', qty: 1 },
  ],
  barcode: 'SD-TB4129987712345',
  buyerMessage: '请尽快发货，谢谢！',
  printedAt: PRINTED_AT,
};

export const latinSlip: SlipData = {
  orderIds: ['#1043'],
  buyer: { name: 'Jane Doe', addressLines: ['500 Howard St, San Francisco, CA 94105'] },
  lines: [{ sku: 'MUG-BLUE', title: 'Ceramic mug with a rather long descriptive title, blue', variant: 'Blue / 350 ml', qty: 2 }],
  barcode: 'SD-SHOP-1043',
  notes: 'Gift wrap {please}',
  printedAt: PRINTED_AT,
};

export const pickList: PickListData = {
  batchId: 'B20261125-07',
  rows: [
    { location: 'A-01-3', sku: 'PILLOW-LATEX', title: '泰国天然乳胶枕头', qty: 14, orders: 9 },
    { location: 'B-12-1', sku: 'MUG-BLUE', title: 'Ceramic mug, blue', qty: 3, orders: 3 },
    { sku: 'CASE-01', title: '纯棉枕套', qty: 5, orders: 5 },
  ],
  barcode: 'PB-20261125-07',
  printedAt: PRINTED_AT,
};
