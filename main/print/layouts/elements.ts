/**
 * Layouts are data: elements positioned in millimetres, with `{path}` bindings into the document's data (see
 * template.ts). A fixed layout (a label) places every element at absolute x/y. A flowing layout (receipt paper,
 * heightMm "auto") stacks its top-level elements: y is the space above the element, measured from the bottom of the
 * one before, so the slip grows with its lines. Groups keep elements side by side; repeat prints a row per item.
 */
export type Align = 'left' | 'center' | 'right';

interface Base {
  /** skip the element when this path is empty (no space is taken in a flowing layout) */
  when?: string;
}

export interface TextElement extends Base {
  type: 'text';
  x: number;
  y: number;
  /** the box the text wraps in: Chinese wraps per character, Latin per word */
  w: number;
  /** font size in mm (the em square) */
  size: number;
  bold?: boolean;
  align?: Align;
  /** more lines than this: the text shrinks (to 70 %), then the last line ends in "…" and a warning is returned */
  maxLines?: number;
  text: string;
}

export interface Code128Element extends Base {
  type: 'code128';
  x: number;
  y: number;
  /** the widest the symbol may be; bars are whole dots, as wide as fit */
  w: number;
  h: number;
  align?: Align;
  value: string;
}

export interface QrElement extends Base {
  type: 'qr';
  x: number;
  y: number;
  /** the largest side in mm; modules are whole dots */
  size: number;
  align?: Align;
  /** box the QR is aligned in (defaults to its own size) */
  w?: number;
  value: string;
}

/** A solid rule: horizontal when w is given, vertical when h is. */
export interface LineElement extends Base {
  type: 'line';
  x: number;
  y: number;
  w?: number;
  h?: number;
  thickness: number;
}

export interface BoxElement extends Base {
  type: 'box';
  x: number;
  y: number;
  w: number;
  h: number;
  thickness: number;
}

/**
 * Children are positioned relative to the group; its height is the lowest child's bottom. With flow, the children
 * stack like a flowing layout (a wrapped title with its SKU line under it).
 */
export interface GroupElement extends Base {
  type: 'group';
  x: number;
  y: number;
  flow?: boolean;
  children: Element[];
}

/** One row (a group of `row` elements, bound to `{item.…}`) per entry of the array at `each`. */
export interface RepeatElement extends Base {
  type: 'repeat';
  x: number;
  y: number;
  each: string;
  row: Element[];
  /** space between rows, mm */
  gap?: number;
}

export type Element = TextElement | Code128Element | QrElement | LineElement | BoxElement | GroupElement | RepeatElement;

export interface Layout {
  name: string;
  widthMm: number;
  /** "auto": the page is as long as its content plus bottomMarginMm */
  heightMm: number | 'auto';
  bottomMarginMm?: number;
  elements: Element[];
}
