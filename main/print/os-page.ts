import type { DocumentOptions, PageSettings } from './document.js';
import type { DocData, DocKind } from './layout-types.js';
import { renderDocument } from './render.js';
import { dotsToMm, type Paper } from './units.js';

/**
 * A document for a printer that prints through the system driver (language "os"): the same bitmap as the preview,
 * in an HTML page exactly the paper's size with no margins, plus that size in micrometres — Electron's silent
 * printing ignores CSS page sizes and falls back to A4 unless pageSize is given explicitly (electron#39179).
 * main/electron/print-window.ts prints it.
 */
export interface OsPrintPage {
  html: string;
  pageSizeMicrons: { width: number; height: number };
  warnings: string[];
}

export function osPrintPage<K extends DocKind>(kind: K, paper: Paper, data: DocData[K], settings: PageSettings = {}, opts: DocumentOptions = {}): OsPrintPage {
  const r = renderDocument(kind, paper, data, settings, opts);
  const w = dotsToMm(r.bitmap.width, r.dpi);
  const h = dotsToMm(r.bitmap.height, r.dpi);
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:${w}mm ${h}mm;margin:0}html,body{margin:0;padding:0}` +
    `img{display:block;width:${w}mm;height:${h}mm;image-rendering:pixelated}</style></head>` +
    `<body><img alt="" src="data:image/png;base64,${r.png().toString('base64')}"></body></html>`;
  return { html, pageSizeMicrons: { width: Math.round(w * 1000), height: Math.round(h * 1000) }, warnings: r.warnings };
}
