import type { WebContentsPrintOptions } from 'electron';

/**
 * What the print channel asks the OS printer for, and its translation to Electron's print options. Pure: the checks
 * run in tests; print-window.ts does the printing.
 */

export type PrintSource = { kind: 'html'; html: string } | { kind: 'pdf'; data: Uint8Array };

export interface OsPrintRequest {
  source: PrintSource;
  /** true: print straight to the printer (the packing bench); false: show the system print dialog. */
  silent: boolean;
  /** The system printer name (PrinterInfo.name), not the display name. Absent: the system default printer. */
  deviceName?: string;
  /** Paper size in micrometres, e.g. a 100×150 mm label = { width: 100000, height: 150000 }. */
  pageSizeMicrons?: { width: number; height: number };
  /** Margins in CSS pixels; absent = no margins (labels are laid out edge to edge). */
  marginsPx?: { top: number; right: number; bottom: number; left: number };
  landscape?: boolean;
  copies?: number;
}

/** Chromium rejects custom page sizes below 353 µm per side. */
export const MIN_PAGE_MICRONS = 353;

export class PrintRequestError extends Error {
  override name = 'PrintRequestError';
}

export function toPrintOptions(req: OsPrintRequest): WebContentsPrintOptions {
  const opts: WebContentsPrintOptions = {
    silent: req.silent,
    // Labels and slips carry black boxes and barcodes drawn as backgrounds; without this they print blank.
    printBackground: true,
    color: false,
    landscape: req.landscape ?? false,
  };
  if (req.deviceName !== undefined) {
    if (req.deviceName.trim() === '') throw new PrintRequestError('printer name is empty');
    opts.deviceName = req.deviceName;
  }
  if (req.pageSizeMicrons) {
    const { width, height } = req.pageSizeMicrons;
    for (const [side, v] of [['width', width], ['height', height]] as const) {
      if (!Number.isInteger(v) || v < MIN_PAGE_MICRONS) {
        throw new PrintRequestError(`page ${side} must be a whole number of micrometres, at least ${MIN_PAGE_MICRONS} (got ${v})`);
      }
    }
    opts.pageSize = { width, height };
  }
  if (req.marginsPx) {
    const m = req.marginsPx;
    if ([m.top, m.right, m.bottom, m.left].some((v) => !Number.isFinite(v) || v < 0)) throw new PrintRequestError('margins must be zero or more pixels');
    opts.margins = { marginType: 'custom', ...m };
  } else {
    opts.margins = { marginType: 'none' };
  }
  if (req.copies !== undefined) {
    if (!Number.isInteger(req.copies) || req.copies < 1 || req.copies > 99) throw new PrintRequestError('copies must be between 1 and 99');
    opts.copies = req.copies;
  }
  return opts;
}
