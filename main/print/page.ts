import type { Code128Symbol, QrSymbol } from './render/barcodes.js';
import type { Dpi } from './units.js';

/**
 * A layout resolved for one printer: every element placed in whole dots, text already broken into lines, barcodes
 * encoded. The raster renderer draws it; the native encoders turn each item into a printer command.
 */
export interface PlacedText {
  kind: 'text';
  x: number;
  y: number;
  /** measured width of the line */
  w: number;
  /** line height (the box the line is drawn in) */
  h: number;
  /** font size in dots */
  size: number;
  bold: boolean;
  text: string;
}

export interface PlacedCode128 {
  kind: 'code128';
  x: number;
  y: number;
  w: number;
  h: number;
  /** dots per module */
  module: number;
  /** the width the layout allows (native encoders whose printer encodes differently re-fit within it) */
  maxW: number;
  /** the layout's alignment box: x of its left edge */
  boxX: number;
  symbol: Code128Symbol;
}

export interface PlacedQr {
  kind: 'qr';
  x: number;
  y: number;
  /** side in dots */
  size: number;
  module: number;
  symbol: QrSymbol;
}

export interface PlacedRect {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Placed = PlacedText | PlacedCode128 | PlacedQr | PlacedRect;

export interface Page {
  dpi: Dpi;
  width: number;
  height: number;
  /** receipt roll (cut after the document) rather than a die-cut label */
  roll: boolean;
  items: Placed[];
  /** things a person should know about the output, e.g. an address that had to be shortened */
  warnings: string[];
}

export function itemBottom(p: Placed): number {
  return p.kind === 'qr' ? p.y + p.size : p.y + p.h;
}
