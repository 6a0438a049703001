import { AppError } from '../../shared/errors.js';

/**
 * Printer resolution and paper geometry. Thermal heads are built on a metric grid: a "203 dpi" head has exactly
 * 8 dots per mm and a "300 dpi" head 12 (TSC, Zebra and Epson all document it so), so millimetres convert through
 * dots per mm, not through 25.4.
 */
export const DPIS = [203, 300] as const;
export type Dpi = (typeof DPIS)[number];

const DOTS_PER_MM: Record<Dpi, number> = { 203: 8, 300: 12 };

export function dotsPerMm(dpi: Dpi): number {
  return DOTS_PER_MM[dpi];
}

export function mmToDots(mm: number, dpi: Dpi): number {
  return Math.round(mm * DOTS_PER_MM[dpi]);
}

export function dotsToMm(dots: number, dpi: Dpi): number {
  return dots / DOTS_PER_MM[dpi];
}

export const PAPERS = ['100x150', '76x130', '80mm', '58mm', 'a4'] as const;
export type Paper = (typeof PAPERS)[number];
/** Papers a raw (thermal) printer takes; A4 goes to an office printer through the OS driver. */
export type ThermalPaper = Exclude<Paper, 'a4'>;

export interface PaperGeometry {
  /** die-cut labels have a fixed length; a receipt roll is cut wherever the document ends */
  kind: 'label' | 'roll';
  /** printable width: a receipt head is narrower than its roll (80 mm roll → 72 mm of dots, 58 mm → 48 mm) */
  widthMm: number;
  /** label length; null on a roll (the document decides) */
  heightMm: number | null;
}

const GEOMETRY: Record<ThermalPaper, PaperGeometry> = {
  '100x150': { kind: 'label', widthMm: 100, heightMm: 150 },
  '76x130': { kind: 'label', widthMm: 76, heightMm: 130 },
  '80mm': { kind: 'roll', widthMm: 72, heightMm: null },
  '58mm': { kind: 'roll', widthMm: 48, heightMm: null },
};

export function paperGeometry(paper: Paper): PaperGeometry {
  if (paper === 'a4') {
    throw new AppError('invalid_input', 'paper "a4" is printed through the system driver, not by a thermal printer language', { field: 'paper', value: paper });
  }
  const g = GEOMETRY[paper];
  if (!g) throw new AppError('invalid_input', `unknown paper "${String(paper)}"; expected one of ${PAPERS.join(', ')}`, { field: 'paper', value: paper });
  return g;
}
