import type { Layout } from './elements.js';

/**
 * Packing slip on receipt paper; the page grows with the order's lines. The order's scan code is printed large at
 * the end, where the packer tears the slip off and scans it at the bench. 80 mm paper has 72 mm of dots, 58 mm 48.
 */
function slip(name: string, w: number, big: number, body: number): Layout {
  const qtyW = w >= 60 ? 14 : 10;
  return {
    name,
    widthMm: w,
    heightMm: 'auto',
    bottomMarginMm: 4,
    elements: [
      { type: 'text', x: 0, y: 1, w, size: big, bold: true, align: 'center', text: '{shopName}', when: 'shopName' },
      { type: 'text', x: 0, y: 1, w, size: body + 0.5, bold: true, align: 'center', text: '装箱单 Packing slip' },
      { type: 'text', x: 0, y: 1.5, w, size: body, text: '订单 Order  {orderIds|join:, }' },
      { type: 'text', x: 0, y: 0.5, w, size: body - 0.5, text: '{printedAt|time}' },
      { type: 'text', x: 0, y: 1, w, size: body, bold: true, text: '收货人 {buyer.name}  {buyer.phone}' },
      { type: 'text', x: 0, y: 0.5, w, size: body, text: '{buyer.addressLines|join: }', when: 'buyer.addressLines' },
      { type: 'line', x: 0, y: 1.5, w, thickness: 0.25 },
      {
        type: 'repeat',
        x: 0,
        y: 1.5,
        each: 'lines',
        gap: 1.5,
        row: [
          {
            type: 'group',
            x: 0,
            y: 0,
            flow: true,
            children: [
              { type: 'text', x: 0, y: 0, w: w - qtyW - 1, size: body, text: '{item.title}' },
              { type: 'text', x: 0, y: 0.25, w: w - qtyW - 1, size: body - 0.5, text: '{item.sku}  {item.variant}' },
            ],
          },
          { type: 'text', x: w - qtyW, y: 0, w: qtyW, size: body + 0.5, bold: true, align: 'right', text: '{item.qty|qty}' },
        ],
      },
      { type: 'line', x: 0, y: 1.5, w, thickness: 0.25 },
      { type: 'text', x: 0, y: 1, w, size: body, text: '买家留言 Buyer: {buyerMessage}', when: 'buyerMessage' },
      { type: 'text', x: 0, y: 1, w, size: body, text: '备注 Notes: {notes}', when: 'notes' },
      { type: 'code128', x: 0, y: 3, w, h: 12, value: '{barcode}' },
      { type: 'text', x: 0, y: 1, w, size: body, align: 'center', text: '{barcode}' },
    ],
  };
}

export const slip80mm = slip('slip-80mm', 72, 5, 3.5);
export const slip58mm = slip('slip-58mm', 48, 4.5, 3);
