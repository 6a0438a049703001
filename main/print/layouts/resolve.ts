import { AppError } from '../../../shared/errors.js';
import type { Page, Placed } from '../page.js';
import { code128, qr } from '../render/barcodes.js';
import type { TextMetrics } from '../render/metrics.js';
import { fill, isEmpty, lookup, type FormatContext } from '../template.js';
import { truncateLines, wrapText } from '../text-wrap.js';
import { mmToDots, type Dpi } from '../units.js';
import type { Align, Element, Layout, TextElement } from './elements.js';

export interface ResolveOptions {
  dpi: Dpi;
  metrics: TextMetrics;
  format: FormatContext;
  /** calibration shift in dots, applied to every item */
  shiftX: number;
  shiftY: number;
  /** paper size override in dots (the stock really loaded) */
  pageWidth: number | null;
  pageHeight: number | null;
}

/** Widest Code128 module: 0.5 mm, beyond which symbols only get longer, not easier to scan. */
const MAX_MODULE_MM = 0.5;
const SHRINK_STEPS = [0.93, 0.86, 0.79, 0.72];

function alignX(x: number, box: number, w: number, align: Align | undefined, fallback: Align): number {
  const a = align ?? fallback;
  return a === 'left' ? x : a === 'right' ? x + box - w : x + Math.floor((box - w) / 2);
}

class Resolver {
  readonly items: Placed[] = [];
  readonly warnings: string[] = [];
  constructor(
    private readonly o: ResolveOptions,
    private readonly root: unknown,
  ) {}

  private d(mm: number): number {
    return mmToDots(mm, this.o.dpi);
  }

  private text(el: TextElement, x: number, top: number, scope: unknown): number {
    const { metrics } = this.o;
    const content = fill(el.text, scope, this.o.format);
    const w = this.d(el.w);
    const bold = el.bold ?? false;
    let size = metrics.snap(this.d(el.size));
    let lines = wrapText(content, w, (t) => metrics.measure(t, size, bold));
    if (el.maxLines && lines.length > el.maxLines) {
      for (const f of SHRINK_STEPS) {
        const smaller = metrics.snap(this.d(el.size * f));
        if (smaller >= size) continue;
        size = smaller;
        lines = wrapText(content, w, (t) => metrics.measure(t, size, bold));
        if (lines.length <= el.maxLines) break;
      }
      if (lines.length > el.maxLines) {
        lines = truncateLines(lines, el.maxLines, w, (t) => metrics.measure(t, size, bold));
        this.warnings.push(`"${content.slice(0, 30)}${content.length > 30 ? '…' : ''}" did not fit in ${el.maxLines} line(s) and was shortened`);
      }
    }
    const lh = metrics.lineHeight(size);
    lines.forEach((line, i) => {
      if (line === '') return;
      const lw = metrics.measure(line, size, bold);
      this.items.push({ kind: 'text', x: alignX(x, w, lw, el.align, 'left'), y: top + i * lh, w: lw, h: lh, size, bold, text: line });
    });
    return top + lines.length * lh;
  }

  /** Places one element with its top-left at (x, top); returns its bottom. */
  private place(el: Element, x: number, top: number, scope: unknown): number {
    switch (el.type) {
      case 'text':
        return this.text(el, x, top, scope);
      case 'code128': {
        const value = fill(el.value, scope, this.o.format);
        const sym = code128(value);
        const maxW = this.d(el.w);
        const module = Math.min(Math.floor(maxW / sym.modules), Math.max(1, this.d(MAX_MODULE_MM)));
        if (module < 1) throw new AppError('invalid_input', `barcode "${value}" is too long for ${el.w} mm at ${this.o.dpi} dpi`, { field: 'barcode', value });
        const w = sym.modules * module;
        const h = this.d(el.h);
        this.items.push({ kind: 'code128', x: alignX(x, maxW, w, el.align, 'center'), y: top, w, h, module, maxW, boxX: x, symbol: sym });
        return top + h;
      }
      case 'qr': {
        const value = fill(el.value, scope, this.o.format);
        const sym = qr(value);
        const module = Math.floor(this.d(el.size) / sym.size);
        if (module < 1) throw new AppError('invalid_input', `QR content is too long for a ${el.size} mm square at ${this.o.dpi} dpi (${value.length} characters)`, { field: 'qr', value });
        const size = sym.size * module;
        this.items.push({ kind: 'qr', x: alignX(x, this.d(el.w ?? el.size), size, el.align, 'left'), y: top, size, module, symbol: sym });
        return top + size;
      }
      case 'line': {
        const t = Math.max(1, this.d(el.thickness));
        const w = el.w !== undefined ? this.d(el.w) : t;
        const h = el.h !== undefined ? this.d(el.h) : t;
        this.items.push({ kind: 'rect', x, y: top, w, h });
        return top + h;
      }
      case 'box': {
        const t = Math.max(1, this.d(el.thickness));
        const w = this.d(el.w);
        const h = this.d(el.h);
        this.items.push({ kind: 'rect', x, y: top, w, h: t }, { kind: 'rect', x, y: top + h - t, w, h: t });
        this.items.push({ kind: 'rect', x, y: top, w: t, h }, { kind: 'rect', x: x + w - t, y: top, w: t, h });
        return top + h;
      }
      case 'group':
        return el.flow ? this.stack(el.children, x, top, scope) : this.children(el.children, x, top, scope);
      case 'repeat': {
        const list = lookup(scope, el.each);
        if (!Array.isArray(list)) return top;
        let rowTop = top;
        list.forEach((item, i) => {
          if (i > 0) rowTop += this.d(el.gap ?? 0);
          rowTop = this.children(el.row, x, rowTop, { ...(this.root as object), item });
        });
        return rowTop;
      }
    }
  }

  /** Children positioned relative to (x, top); the result is the lowest bottom. */
  private children(els: Element[], x: number, top: number, scope: unknown): number {
    let bottom = top;
    for (const c of els) {
      if (c.when && isEmpty(lookup(scope, c.when))) continue;
      bottom = Math.max(bottom, this.place(c, x + this.d(c.x), top + this.d(c.y), scope));
    }
    return bottom;
  }

  /** Flowing elements: each element's y is the space above it, counted from the previous element's bottom. */
  stack(els: Element[], x: number, top: number, scope: unknown): number {
    let cursor = top;
    for (const el of els) {
      if (el.when && isEmpty(lookup(scope, el.when))) continue;
      cursor = this.place(el, x + this.d(el.x), cursor + this.d(el.y), scope);
    }
    return cursor;
  }

  fixed(els: Element[]): number {
    return this.children(els, 0, 0, this.root);
  }
}

export function resolveLayout(layout: Layout, data: unknown, o: ResolveOptions): Page {
  const r = new Resolver(o, data);
  const bottom = layout.heightMm === 'auto' ? r.stack(layout.elements, 0, 0, data) : r.fixed(layout.elements);
  for (const it of r.items) {
    it.x += o.shiftX;
    it.y += o.shiftY;
  }
  const natural = layout.heightMm === 'auto' ? bottom + Math.max(0, o.shiftY) + mmToDots(layout.bottomMarginMm ?? 0, o.dpi) : mmToDots(layout.heightMm, o.dpi);
  return {
    dpi: o.dpi,
    width: o.pageWidth ?? mmToDots(layout.widthMm, o.dpi),
    height: o.pageHeight ?? natural,
    roll: layout.heightMm === 'auto',
    items: r.items,
    warnings: r.warnings,
  };
}
