/**
 * Printing: layouts → bitmaps or printer commands → bytes on a printer. The API the print queue (main/print/queue,
 * written on top of this) and the printer setup screen call:
 *
 * renderDocument(kind, paper, data, settings?, { timeZone? }) → { bitmap, page, warnings, png() }
 *   The document as the exact 1-bit bitmap a raster job sends (calibration offsets included). png() is that bitmap,
 *   dot for dot, for the preview: what the screen shows is what prints.
 *
 * encodeDocument(language, mode, kind, paper, data, settings, { timeZone? }) → Buffer
 * encodeJob(…same…) → { bytes, mode, warnings }
 *   Printer bytes for one document. language: 'escpos' | 'tspl' | 'zpl'. mode: 'raster' (the preview bitmap, works on
 *   every printer) or 'native' (printer text/barcode commands; Chinese in GB18030 where the printer has a font);
 *   undefined takes the printer's setting (default raster — see settings.ts for why). settings: the printer's stored
 *   settings (object or JSON) or resolved PrintSettings. Bad data throws AppError('invalid_input') naming the order
 *   ids, field and value.
 *
 * sendToPrinter(printer, bytes, { timeoutMs?, checkStatus?, os? }) → Promise<void>
 *   Raw TCP (host:port, usually 9100) or the OS spooler (lp -o raw / Windows RAW). Before a network job the printer
 *   is asked for its status where its language has a query; failures are PrinterError with a reason
 *   ('refused' | 'unreachable' | 'timeout' | 'reset' | 'paper_out' | 'not_ready' | 'bad_status' | 'no_spooler' |
 *   'spooler'); paper out is PaperOutError and nothing was sent, so the queue can resume without printing twice.
 *   A 'timeout' in phase 'closing' means every byte reached the printer but it did not close the connection: the
 *   queue must not silently resend.
 *
 * queryPrinterStatus(printer) → PrinterStatus | null
 * testPrint(printer) → { bytes, warnings } and testPagePreview(printer) → RenderedDocument
 *   The calibration test page (alignment box, rulers, Chinese and Latin text, Code128, QR, the printer's settings).
 *
 * PrinterSettingsStore(db): target(id), get(id), save(id, settings, by) — calibration (offsets, darkness, speed,
 *   paper size) lives in printers.settings; save validates for the printer's language and records an event.
 *
 * osPrintPage(kind, paper, data, settings?) → { html, pageSizeMicrons } for printers of language 'os' (system driver,
 *   printed by main/electron/print-window.ts with an explicit page size).
 */
export { renderDocument, type RenderedDocument } from './render.js';
export { encodeDocument, encodeJob, type EncodedJob } from './encode.js';
export { sendToPrinter, queryPrinterStatus, type PrintTarget, type SendOptions } from './send.js';
export { testPrint, testPagePreview, settingsLines } from './test-print.js';
export { osPrintPage, type OsPrintPage } from './os-page.js';
export { PrinterSettingsStore, type ChangedBy } from './settings-store.js';
export { resolveSettings, PrintSettingsInput, DEFAULT_MODE, type PrintSettings, type PrintMode, type RawLanguage } from './settings.js';
export { PrinterError, PaperOutError, isPrinterError, type PrinterFailure } from './transport/errors.js';
export type { PrinterStatus } from './transport/status.js';
export { checkDocData, DOC_KINDS, type DocKind, type DocData, type LabelData, type SlipData, type PickListData, type TestPageData } from './layout-types.js';
export { PAPERS, type Paper, type Dpi } from './units.js';
export { bitmapToPng, type Bitmap } from './render/bitmap.js';
