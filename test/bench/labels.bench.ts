/**
 * Label throughput (issue #7): 100×150 mm shipping labels rendered and encoded per second, for raster TSPL, native
 * TSPL, ZPL (raster, the default, and native) and ESC/POS raster. Every label is a different order — its own
 * tracking number, recipient, address and QR — from one shop (the sender block repeats, as in a real batch).
 * Budget: ≥ 50 labels/s. Prints figures; asserts nothing.
 */
import { encodeDocument } from '../../main/print/encode.js';
import type { LabelData } from '../../main/print/layout-types.js';
import type { PrintMode, RawLanguage } from '../../main/print/settings.js';

const LABELS = Number(process.env.BENCH_LABELS ?? 300);
export const LABELS_BUDGET = 50;

const PROVINCES = ['浙江省杭州市西湖区', '广东省深圳市南山区', '北京市朝阳区', '四川省成都市武侯区', '江苏省南京市鼓楼区'];
const NAMES = ['张三', '李四', '王五', '赵六', '陈晓明', '刘洋'];

function label(i: number): LabelData {
  return {
    carrier: { code: 'ZTO', name: '中通快递' },
    trackingNo: `7851${String(2345678901 + i * 7919).padStart(10, '0')}`,
    sortCode: `571-W${String(i % 90).padStart(2, '0')}`,
    sender: { name: '杭州好物旗舰店', phone: '0571-88886666', address: '浙江省杭州市余杭区仓前街道良睦路 8 号 2 号仓' },
    recipient: {
      name: NAMES[i % NAMES.length]!,
      phone: `138${String(10000000 + i * 37).padStart(8, '0')}`,
      addressLines: [`${PROVINCES[i % PROVINCES.length]}文三路 ${100 + (i % 400)} 号`, `${(i % 30) + 1} 栋 ${(i % 20) + 1} 楼 ${i % 9}0${(i % 9) + 1} 室`],
    },
    orderIds: [`TB41299877${String(10000 + i)}`],
    items: [`PILLOW-LATEX 泰国乳胶枕 ×${(i % 3) + 1}`, i % 2 ? 'CASE-01 枕套 ×1' : 'MUG-BLUE 马克杯 ×2'],
    weightG: 800 + i * 13,
    printedAt: Date.UTC(2026, 10, 25, 4, 0, 0) + i * 1000,
    qr: `https://m.zto.com/t/${i}`,
  };
}

export interface LabelsFigure {
  name: string;
  labelsPerSec: number;
  msPerLabel: number;
  kbPerLabel: number;
}

export function runLabelsBench(): LabelsFigure[] {
  console.log(`\n## Labels: 100×150 mm, rendered + encoded, ${LABELS} different labels per variant`);
  const variants: [string, RawLanguage, PrintMode][] = [
    ['TSPL raster', 'tspl', 'raster'],
    ['TSPL native', 'tspl', 'native'],
    ['ZPL raster', 'zpl', 'raster'],
    ['ZPL native (Chinese as ^GF blocks)', 'zpl', 'native'],
    ['ESC/POS raster', 'escpos', 'raster'],
  ];
  encodeDocument('tspl', 'raster', 'label', '100x150', label(-1 >>> 1), {}, { timeZone: 'Asia/Shanghai' }); // font loading, first canvas
  const figures: LabelsFigure[] = [];
  for (const [v, [name, language, mode]] of variants.entries()) {
    // new orders for every variant: a later variant must not find the earlier one's text lines in the cache
    const data = Array.from({ length: LABELS }, (_, i) => label(v * LABELS + i));
    let bytes = 0;
    const t0 = performance.now();
    for (const d of data) bytes += encodeDocument(language, mode, 'label', '100x150', d, {}, { timeZone: 'Asia/Shanghai' }).length;
    const ms = performance.now() - t0;
    figures.push({ name, labelsPerSec: (LABELS / ms) * 1000, msPerLabel: ms / LABELS, kbPerLabel: bytes / LABELS / 1024 });
  }
  console.log(`${'variant'.padEnd(38)} ${'labels/s'.padStart(9)} ${'ms/label'.padStart(9)} ${'KB/label'.padStart(9)}  budget`);
  for (const f of figures) {
    const ok = f.labelsPerSec >= LABELS_BUDGET ? 'ok' : 'UNDER';
    console.log(`${f.name.padEnd(38)} ${f.labelsPerSec.toFixed(0).padStart(9)} ${f.msPerLabel.toFixed(2).padStart(9)} ${f.kbPerLabel.toFixed(1).padStart(9)}  ${ok} (≥${LABELS_BUDGET}/s)`);
  }
  return figures;
}
