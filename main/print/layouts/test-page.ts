import type { PaperGeometry } from '../units.js';
import type { Element, Layout } from './elements.js';

/**
 * The printer's test page, for setup and calibration: an alignment box on the label's edge (after calibration it
 * sits evenly inside the die-cut label), ruler ticks every 5 mm (long every 10 mm, numbered), Chinese and Latin
 * text, a Code128 and a QR, and the printer's name and settings so a printed page says what produced it.
 */
export const TEST_CODE128 = 'SHOPDESK-TEST-128';
export const TEST_QR = 'https://shopdesk.app/test?page=1&字=中';
export const TEST_CHINESE = '中文：浙江省杭州市西湖区文三路 100 号 张三';
export const TEST_LATIN = 'Latin: ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789';

function ticks(lengthMm: number, along: 'x' | 'y', from: number): Element[] {
  const out: Element[] = [];
  for (let mm = 5; mm < lengthMm - 1; mm += 5) {
    const long = mm % 10 === 0;
    const len = long ? 3 : 1.5;
    out.push(along === 'x' ? { type: 'line', x: mm, y: from, h: len, thickness: 0.25 } : { type: 'line', x: from, y: mm, w: len, thickness: 0.25 });
    if (long && along === 'x') out.push({ type: 'text', x: mm - 3, y: from + 3.2, w: 6, size: 2, align: 'center', text: String(mm) });
  }
  return out;
}

function body(w: number): Element[] {
  return [
    { type: 'text', x: 0, y: 0, w, size: 4.5, bold: true, align: 'center', text: 'ShopDesk 打印测试 Test page' },
    { type: 'text', x: 0, y: 1.5, w, size: 3.5, text: TEST_CHINESE },
    { type: 'text', x: 0, y: 1, w, size: 3, text: TEST_LATIN },
    { type: 'code128', x: 0, y: 2, w, h: 10, value: TEST_CODE128 },
    { type: 'text', x: 0, y: 0.5, w, size: 3, align: 'center', text: TEST_CODE128 },
    { type: 'qr', x: 0, y: 2, size: 20, w, align: 'center', value: TEST_QR },
    { type: 'text', x: 0, y: 2, w, size: 3.5, bold: true, text: '{printerName}' },
    { type: 'text', x: 0, y: 0.5, w, size: 2.75, text: '{settingsLines|lines}' },
    { type: 'text', x: 0, y: 0.5, w, size: 2.75, text: '{printedAt|time}' },
  ];
}

export function testPageLayout(g: PaperGeometry): Layout {
  const w = g.widthMm;
  if (g.heightMm === null) {
    // a roll has no fixed edges to box: mark both edges of the printable width and the ruler across it
    return {
      name: `test-${w}mm`,
      widthMm: w,
      heightMm: 'auto',
      bottomMarginMm: 4,
      elements: [
        {
          type: 'group',
          x: 0,
          y: 0,
          children: [
            { type: 'line', x: 0, y: 0, w, thickness: 0.375 },
            { type: 'line', x: 0, y: 0, h: 8, thickness: 1 },
            { type: 'line', x: w - 1, y: 0, h: 8, thickness: 1 },
            ...ticks(w, 'x', 0),
          ],
        },
        { type: 'group', x: 0, y: 2, flow: true, children: body(w) },
      ],
    };
  }
  const h = g.heightMm;
  return {
    name: `test-${w}x${h}`,
    widthMm: w,
    heightMm: h,
    elements: [
      { type: 'box', x: 0.5, y: 0.5, w: w - 1, h: h - 1, thickness: 0.375 },
      ...ticks(w, 'x', 0.5),
      ...ticks(h, 'y', 0.5),
      { type: 'group', x: 6, y: 10, flow: true, children: body(w - 12) },
    ],
  };
}
