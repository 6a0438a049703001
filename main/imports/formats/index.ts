import type { FormatInfo, ImportFormat } from '../../../shared/contract/imports.js';
import { amazonAllOrders, amazonUnshipped } from './amazon.js';
import { douyinOrders } from './douyin.js';
import { GENERIC_COLUMNS, genericFormat } from './generic.js';
import { locate } from './headers.js';
import { pinduoduoOrders } from './pinduoduo.js';
import { shopifyOrders } from './shopify.js';
import { taobaoItems, taobaoOrders } from './taobao.js';
import type { FormatDef } from './types.js';

/** Platform layouts, in the order detection prefers them when two match equally. */
export const PLATFORM_FORMATS: readonly FormatDef[] = [taobaoOrders, taobaoItems, douyinOrders, pinduoduoOrders, amazonAllOrders, amazonUnshipped, shopifyOrders];

export function platformFormat(name: ImportFormat): FormatDef | null {
  return PLATFORM_FORMATS.find((f) => f.name === name) ?? null;
}

export interface Detection {
  format: FormatDef | null;
  /** The best candidate's required columns that are missing (when nothing matched fully). */
  best: FormatDef | null;
  missing: string[];
}

/** The headers a format needs that `headers` lacks (its first alias each). */
export function missingColumns(f: FormatDef, headers: readonly string[]): string[] {
  const col = locate(headers, f.columns);
  return f.columns.filter((c) => c.required && !col.has(c.field)).map((c) => c.headers[0]!);
}

/**
 * Which layout a header row is: every signature column present, then the most known columns. When none matches,
 * the format sharing most signature columns is named with what it lacks ("订单创建时间 is missing"), so a seller
 * whose export template dropped a column hears which.
 */
export function detectFormat(headers: readonly string[]): Detection {
  let format: FormatDef | null = null;
  let formatScore = -1;
  let best: FormatDef | null = null;
  let bestScore = 0;
  for (const f of PLATFORM_FORMATS) {
    const col = locate(headers, f.columns);
    const sig = f.signature.filter((s) => col.has(s)).length;
    if (sig === f.signature.length) {
      if (col.size > formatScore) {
        format = f;
        formatScore = col.size;
      }
    } else if (sig / f.signature.length >= 0.5 && sig * 100 + col.size > bestScore) {
      best = f;
      bestScore = sig * 100 + col.size;
    }
  }
  if (format) return { format, best: format, missing: missingColumns(format, headers) };
  return { format: null, best, missing: best ? missingColumns(best, headers) : [] };
}

export function formatInfos(): FormatInfo[] {
  const all = [...PLATFORM_FORMATS, genericFormat('CNY')];
  return all.map((f) => ({
    name: f.name,
    platform: f.platform,
    label: f.label,
    joinsWith: f.joinsWith,
    columns: f.columns.map((c) => ({ field: c.field, required: c.required ?? false, headers: [...c.headers] })),
  }));
}

export { GENERIC_COLUMNS, genericFormat };
export type { FormatDef };
