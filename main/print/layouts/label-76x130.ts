import type { Layout } from './elements.js';

/** Shipping label, 76 × 130 mm (the common Chinese one-part e-waybill size): the 100 × 150 order, tighter. */
export const label76x130: Layout = {
  name: 'label-76x130',
  widthMm: 76,
  heightMm: 130,
  elements: [
    { type: 'box', x: 1, y: 1, w: 74, h: 128, thickness: 0.375 },
    { type: 'text', x: 3, y: 3, w: 44, size: 5, bold: true, maxLines: 1, text: '{carrier.name}' },
    { type: 'text', x: 46, y: 3.5, w: 27, size: 2.5, align: 'right', maxLines: 1, text: '{printedAt|time}' },
    { type: 'text', x: 3, y: 9, w: 70, size: 7, bold: true, align: 'center', maxLines: 1, text: '{sortCode}', when: 'sortCode' },
    { type: 'line', x: 1, y: 18, w: 74, thickness: 0.375 },
    { type: 'code128', x: 4, y: 20, w: 68, h: 14, value: '{trackingNo}' },
    { type: 'text', x: 3, y: 35, w: 70, size: 4, bold: true, align: 'center', maxLines: 1, text: '{trackingNo}' },
    { type: 'line', x: 1, y: 41, w: 74, thickness: 0.375 },
    { type: 'text', x: 3, y: 43, w: 70, size: 4, bold: true, maxLines: 1, text: '收 To  {recipient.name}  {recipient.phone}' },
    { type: 'text', x: 3, y: 49, w: 70, size: 3.75, bold: true, maxLines: 4, text: '{recipient.addressLines|join: }' },
    { type: 'line', x: 1, y: 70, w: 74, thickness: 0.375 },
    { type: 'text', x: 3, y: 72, w: 70, size: 3, maxLines: 1, text: '寄 From  {sender.name}  {sender.phone}' },
    { type: 'text', x: 3, y: 76.5, w: 70, size: 3, maxLines: 2, text: '{sender.address}' },
    { type: 'line', x: 1, y: 85, w: 74, thickness: 0.375 },
    { type: 'text', x: 3, y: 87, w: 46, size: 2.75, maxLines: 2, text: '订单 Order  {orderIds|join:, }' },
    { type: 'text', x: 3, y: 94, w: 46, size: 2.75, maxLines: 8, text: '{items|lines}' },
    { type: 'qr', x: 51, y: 88, size: 22, value: '{qr}' },
    { type: 'text', x: 3, y: 123, w: 46, size: 2.75, maxLines: 1, text: '重量 Weight  {weightG|kg}', when: 'weightG' },
  ],
};
