import { buildPage, offsetDots, type DocumentOptions } from '../document.js';
import type { DocData, DocKind } from '../layout-types.js';
import type { Page } from '../page.js';
import { canvasMetrics, cellMetrics } from '../render/metrics.js';
import type { PrintSettings, RawLanguage } from '../settings.js';
import type { Paper } from '../units.js';

/**
 * A page laid out for native commands: measured with the printer's font, and with the calibration offset split —
 * the positive part goes to the printer's origin command (TSPL REFERENCE, ZPL ^LH, ESC/POS GS L and a first feed),
 * which cannot go negative; a negative part moves the coordinates themselves.
 */
export interface NativePage {
  page: Page;
  /** origin shift (dots) the encoder sends as a command */
  origin: { x: number; y: number };
}

export function nativePage<K extends DocKind>(language: RawLanguage, kind: K, paper: Paper, data: DocData[K], s: PrintSettings, opts: DocumentOptions): NativePage {
  const off = offsetDots(s);
  // ZPL's ^A0 is a scalable font: the drawing font's widths are a safe (wider) estimate of it
  const metrics = language === 'zpl' ? canvasMetrics : cellMetrics;
  const page = buildPage(kind, paper, data, s, metrics, { x: Math.min(0, off.x), y: Math.min(0, off.y) }, opts);
  return { page, origin: { x: Math.max(0, off.x), y: Math.max(0, off.y) } };
}
