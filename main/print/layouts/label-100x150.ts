import type { Layout } from './elements.js';

/**
 * Shipping label, 100 × 150 mm (4 × 6 in), for plain-data waybills (Chinese e-waybills with encrypted data go
 * through the platform's print component instead). Top to bottom, in the order a courier reads it: carrier and sort
 * code, the tracking barcode, recipient, sender, then what is inside for the packer.
 */
export const label100x150: Layout = {
  name: 'label-100x150',
  widthMm: 100,
  heightMm: 150,
  elements: [
    { type: 'box', x: 1, y: 1, w: 98, h: 148, thickness: 0.375 },
    { type: 'text', x: 4, y: 3, w: 58, size: 6, bold: true, maxLines: 1, text: '{carrier.name}' },
    { type: 'text', x: 62, y: 4, w: 34, size: 3, align: 'right', maxLines: 1, text: '{printedAt|time}' },
    { type: 'text', x: 4, y: 11, w: 92, size: 8, bold: true, align: 'center', maxLines: 1, text: '{sortCode}', when: 'sortCode' },
    { type: 'line', x: 1, y: 22, w: 98, thickness: 0.375 },
    { type: 'code128', x: 6, y: 25, w: 88, h: 16, value: '{trackingNo}' },
    { type: 'text', x: 4, y: 42, w: 92, size: 4.5, bold: true, align: 'center', maxLines: 1, text: '{trackingNo}' },
    { type: 'line', x: 1, y: 49, w: 98, thickness: 0.375 },
    { type: 'text', x: 4, y: 51, w: 92, size: 5, bold: true, maxLines: 1, text: '收 To  {recipient.name}  {recipient.phone}' },
    { type: 'text', x: 4, y: 58, w: 92, size: 4.5, bold: true, maxLines: 4, text: '{recipient.addressLines|join: }' },
    { type: 'line', x: 1, y: 83, w: 98, thickness: 0.375 },
    { type: 'text', x: 4, y: 85, w: 92, size: 3.5, maxLines: 1, text: '寄 From  {sender.name}  {sender.phone}' },
    { type: 'text', x: 4, y: 90, w: 92, size: 3.5, maxLines: 2, text: '{sender.address}' },
    { type: 'line', x: 1, y: 100, w: 98, thickness: 0.375 },
    { type: 'text', x: 4, y: 102, w: 62, size: 3, maxLines: 2, text: '订单 Order  {orderIds|join:, }' },
    { type: 'text', x: 4, y: 110, w: 62, size: 3, maxLines: 8, text: '{items|lines}' },
    { type: 'qr', x: 70, y: 104, size: 26, value: '{qr}' },
    { type: 'text', x: 4, y: 142, w: 60, size: 3, maxLines: 1, text: '重量 Weight  {weightG|kg}', when: 'weightG' },
  ],
};
