import { describe, expect, it } from 'vitest';
import { buildPage } from '../../main/print/document.js';
import { checkDocData } from '../../main/print/layout-types.js';
import { layoutFor } from '../../main/print/layouts/index.js';
import type { PlacedText } from '../../main/print/page.js';
import { findCjkFont } from '../../main/print/render/fonts.js';
import { canvasMetrics, cellMetrics } from '../../main/print/render/metrics.js';
import { resolveSettings } from '../../main/print/settings.js';
import { fill } from '../../main/print/template.js';
import { truncateLines, wrapText } from '../../main/print/text-wrap.js';
import { chineseLabel, chineseSlip, latinLabel, TZ } from '../sim/printer/sample-data.js';

/** Monospace test metrics: Latin 1, Chinese 2 per character. */
const mono = (t: string) => [...t].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
const texts = (p: { items: { kind: string }[] }) => p.items.filter((i): i is PlacedText => i.kind === 'text');

describe('line breaking', () => {
  it('breaks Chinese between any two characters and Latin only between words', () => {
    expect(wrapText('浙江省杭州市西湖区', 8, mono)).toEqual(['浙江省杭', '州市西湖', '区']);
    expect(wrapText('500 Howard Street San Francisco', 12, mono)).toEqual(['500 Howard', 'Street San', 'Francisco']);
    expect(wrapText('文三路 100 号 West Lake', 10, mono)).toEqual(['文三路 100', '号 West', 'Lake']);
  });

  it('keeps closing punctuation with the character before it and breaks over-long words by letter', () => {
    // 5 characters fill the line; "，" may not open the next one, so it travels with "货"
    expect(wrapText('请尽快发货，谢谢！', 10, mono)).toEqual(['请尽快发', '货，谢谢！']);
    expect(wrapText('（北京）朝阳', 6, mono)).toEqual(['（北', '京）朝', '阳']); // no line ends in （ or starts with ）
    expect(wrapText('ABCDEFGHIJKLMNOP', 6, mono)).toEqual(['ABCDEF', 'GHIJKL', 'MNOP']);
  });

  it('honours explicit newlines and ends a cut text in an ellipsis', () => {
    expect(wrapText('a b\nc', 10, mono)).toEqual(['a b', 'c']);
    expect(truncateLines(['aaaa', 'bbbb', 'cccc'], 2, 4, mono)).toEqual(['aaaa', 'bbb…']);
  });
});

describe('templates', () => {
  it('fills paths and formats weights, times, lists and quantities', () => {
    const data = { a: { b: 'x' }, g: 1250, t: Date.UTC(2026, 10, 25, 4, 0), ids: ['1', '2'], q: 3 };
    expect(fill('{a.b}|{g|kg}|{t|time}|{ids|join: / }|{ids|lines}|{q|qty}|{missing}', data, { timeZone: TZ })).toBe('x|1.25 kg|2026-11-25 12:00|1 / 2|1\n2|×3|');
    expect(fill('{g|kg}', { g: 800 }, { timeZone: TZ })).toBe('0.8 kg');
    expect(() => fill('{g|nope}', { g: 1 }, { timeZone: TZ })).toThrow(/unknown formatter "nope"/);
  });
});

describe('documents', () => {
  it('rejects bad data naming the order, the field and the value', () => {
    expect(() => checkDocData('label', { ...chineseLabel, trackingNo: '单号123' })).toThrow(/label for TB4129987712345: trackingNo may hold only printable ASCII/);
    try {
      checkDocData('slip', { ...chineseSlip, lines: [{ sku: 'A', title: 'x', qty: 0 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_input', details: { kind: 'slip', field: 'lines.0.qty', value: 0, ids: 'TB4129987712345' } });
    }
    expect(() => layoutFor('label', '80mm')).toThrow(/no label layout for paper 80mm; label prints on 100x150 or 76x130/);
    expect(() => layoutFor('slip', 'a4')).toThrow(/no slip layout for paper a4; slip prints on 80mm or 58mm/);
    expect(() => layoutFor('test', 'a4')).toThrow(/system driver/);
  });

  it('lets a slip grow with its lines and skips empty optional fields', () => {
    const page = (n: number) => buildPage('slip', '80mm', { ...chineseSlip, buyerMessage: undefined, lines: Array.from({ length: n }, (_, i) => ({ sku: `S${i}`, title: `商品 ${i}`, qty: 1 })) }, {}, canvasMetrics, { x: 0, y: 0 }, { timeZone: TZ });
    const one = page(1);
    const ten = page(10);
    expect(one.roll).toBe(true);
    expect(ten.height).toBeGreaterThan(one.height + 9 * 40);
    expect(texts(one).some((t) => t.text.includes('买家留言'))).toBe(false);
    expect(texts(ten).filter((t) => /^S\d$/.test(t.text.trim()))).toHaveLength(10);
  });

  it('shrinks an address that does not fit, then shortens it with a warning', () => {
    const long = { ...chineseLabel, recipient: { ...chineseLabel.recipient, addressLines: ['浙江省杭州市西湖区文三路 100 号西湖国际科技大厦 A 座 3 楼 301 室（请放门口快递柜，电话联系不上请放前台）'.repeat(3)] } };
    const page = buildPage('label', '100x150', long, {}, canvasMetrics, { x: 0, y: 0 }, { timeZone: TZ });
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]).toMatch(/did not fit in 4 line\(s\) and was shortened/);
    const address = texts(page).filter((t) => t.y >= 58 * 8 && t.y < 83 * 8);
    expect(address).toHaveLength(4);
    expect(address[3]!.text.endsWith('…')).toBe(true);
    expect(address[0]!.size).toBeLessThan(Math.round(4.5 * 8)); // shrunk before giving up
    expect(buildPage('label', '100x150', chineseLabel, {}, canvasMetrics, { x: 0, y: 0 }, { timeZone: TZ }).warnings).toEqual([]);
  });

  it('measures native pages in the printer font cell and raster pages in the drawing font', () => {
    expect(cellMetrics.measure('张三 AB', 24, false)).toBe(24 * 2 + 12 * 3);
    expect(cellMetrics.measure('×2', 48, false)).toBe(48 + 24); // × is a double-byte character in Chinese mode
    expect(cellMetrics.snap(36)).toBe(48);
    const native = buildPage('label', '100x150', latinLabel, {}, cellMetrics, { x: 0, y: 0 }, { timeZone: TZ });
    expect(texts(native).every((t) => t.size % 24 === 0)).toBe(true);
  });
});

describe('settings', () => {
  it('fills defaults per language and refuses what the printer cannot do, naming the field', () => {
    expect(resolveSettings('tspl', '{}')).toMatchObject({ dpi: 203, mode: 'raster', cjkText: 'printer', gapMm: 2 });
    expect(resolveSettings('zpl', {})).toMatchObject({ mode: 'raster', cjkText: 'raster' });
    expect(resolveSettings('zpl', { zplCjkFont: 'E:SIMSUN.TTF' }).cjkText).toBe('printer');
    expect(() => resolveSettings('escpos', { speed: 4 })).toThrow(/speed: ESC\/POS receipt printers take no speed command/);
    expect(() => resolveSettings('zpl', { cjkText: 'printer' })).toThrow(/zplCjkFont/);
    expect(() => resolveSettings('escpos', { escposModel: 'star', mode: 'native' })).toThrow(/Star Line Mode prints raster only/);
    expect(() => resolveSettings('tspl', { offsetXMm: 40 })).toThrow(/printer setting offsetXMm/);
    expect(() => resolveSettings('tspl', { offsetXmm: 1 })).toThrow(/printer setting/);
    expect(() => resolveSettings('tspl', '{oops')).toThrow(/not valid JSON/);
  });
});

describe('fonts', () => {
  it('finds a Chinese font by known paths per OS and says what to install when there is none', () => {
    const only = (path: string) => (p: string) => p === path;
    expect(findCjkFont('linux', only('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'), {})).toMatchObject({ family: 'WenQuanYi Micro Hei' });
    expect(findCjkFont('win32', only('D:\\Win\\Fonts\\msyh.ttc'), { WINDIR: 'D:\\Win' })).toMatchObject({ regular: 'D:\\Win\\Fonts\\msyh.ttc', family: 'Microsoft YaHei' });
    expect(findCjkFont('darwin', only('/System/Library/Fonts/PingFang.ttc'), {})).toMatchObject({ family: 'PingFang SC' });
    expect(() => findCjkFont('linux', () => false, {})).toThrow(/no Chinese font found for printing: install fonts-noto-cjk .* looked in \/usr\/share\/fonts\/opentype\/noto/);
    expect(() => findCjkFont('linux', () => false, { SHOPDESK_CJK_FONT: '/x.ttf' })).toThrow(/SHOPDESK_CJK_FONT names \/x.ttf, which does not exist/);
    expect(findCjkFont().regular).toMatch(/\.tt[cf]$/); // this machine (and CI) has one
  });
});
