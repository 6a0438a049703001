import { checkDocData, type DocData, type DocKind } from './layout-types.js';
import { layoutFor } from './layouts/index.js';
import { resolveLayout } from './layouts/resolve.js';
import type { Page } from './page.js';
import type { TextMetrics } from './render/metrics.js';
import { mmToDots, paperGeometry, type Dpi, type Paper } from './units.js';

/** The part of a printer's settings that shapes the page itself (PrintSettings fits it). */
export interface PageSettings {
  dpi?: Dpi;
  offsetXMm?: number;
  offsetYMm?: number;
  pageWidthMm?: number | null;
  pageHeightMm?: number | null;
}

export interface DocumentOptions {
  /** the zone print times are shown in; defaults to this machine's */
  timeZone?: string;
}

export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Data + layout + settings → a page of placed items. `shift` is the part of the calibration offset applied to the
 * coordinates (all of it for a raster page; the negative part for native commands, whose printers take a positive
 * origin shift by command — see the encoders).
 */
export function buildPage<K extends DocKind>(
  kind: K,
  paper: Paper,
  data: DocData[K],
  settings: PageSettings,
  metrics: TextMetrics,
  shift: { x: number; y: number },
  opts: DocumentOptions = {},
): Page {
  const checked = checkDocData(kind, data);
  const dpi = settings.dpi ?? 203;
  const g = paperGeometry(paper);
  const layout = layoutFor(kind, paper);
  return resolveLayout(layout, checked, {
    dpi,
    metrics,
    format: { timeZone: opts.timeZone ?? localTimeZone() },
    shiftX: shift.x,
    shiftY: shift.y,
    pageWidth: settings.pageWidthMm ? mmToDots(settings.pageWidthMm, dpi) : null,
    // a roll's length is the document's; only a label's can be overridden
    pageHeight: settings.pageHeightMm && g.kind === 'label' ? mmToDots(settings.pageHeightMm, dpi) : null,
  });
}

/** The whole calibration offset in dots. */
export function offsetDots(settings: PageSettings): { x: number; y: number } {
  const dpi = settings.dpi ?? 203;
  return { x: mmToDots(settings.offsetXMm ?? 0, dpi), y: mmToDots(settings.offsetYMm ?? 0, dpi) };
}
