import type { Layout } from './elements.js';

/**
 * Pick list on receipt paper: the batch's scan code first (the picker scans it to start the walk), then one row per
 * SKU in walking order — location in bold, quantity large on the right, the title under the SKU.
 */
function pickList(name: string, w: number, body: number): Layout {
  const qtyW = w >= 60 ? 14 : 10;
  const locW = w >= 60 ? 16 : 12;
  return {
    name,
    widthMm: w,
    heightMm: 'auto',
    bottomMarginMm: 4,
    elements: [
      { type: 'text', x: 0, y: 1, w, size: body + 1, bold: true, align: 'center', text: '拣货单 Pick list' },
      { type: 'text', x: 0, y: 1, w, size: body, align: 'center', text: '{batchId}  ·  {printedAt|time}' },
      { type: 'code128', x: 0, y: 2, w, h: 10, value: '{barcode}' },
      { type: 'line', x: 0, y: 2, w, thickness: 0.25 },
      {
        type: 'repeat',
        x: 0,
        y: 1.5,
        each: 'rows',
        gap: 1.5,
        row: [
          { type: 'text', x: 0, y: 0, w: locW - 1, size: body, bold: true, text: '{item.location}', when: 'item.location' },
          {
            type: 'group',
            x: locW,
            y: 0,
            flow: true,
            children: [
              { type: 'text', x: 0, y: 0, w: w - locW - qtyW - 1, size: body, bold: true, text: '{item.sku}' },
              { type: 'text', x: 0, y: 0.25, w: w - locW - qtyW - 1, size: body - 0.5, text: '{item.title}' },
              { type: 'text', x: 0, y: 0.25, w: w - locW - qtyW - 1, size: body - 0.5, text: '{item.orders} 单 orders' },
            ],
          },
          { type: 'text', x: w - qtyW, y: 0, w: qtyW, size: body + 1, bold: true, align: 'right', text: '{item.qty|qty}' },
        ],
      },
      { type: 'line', x: 0, y: 1.5, w, thickness: 0.25 },
    ],
  };
}

export const pickList80mm = pickList('picklist-80mm', 72, 3.5);
export const pickList58mm = pickList('picklist-58mm', 48, 3);
