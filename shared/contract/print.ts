import { z } from 'zod';
import { EpochMs, RowId } from '../domain/ids.js';
import { OrderFilter } from './orders.js';
import type { ChannelDef } from './index.js';

/*
 * The print queue: batches of labels, packing slips and pick lists sent to a station's printer in pick-list order,
 * their jobs' states, pause / resume / cancel, explicit reprints, deciding jobs that may or may not have printed,
 * the preview of a document as it will print, and a printer's test page and calibration.
 */

export const PRINT_DOC_KINDS = ['label', 'slip', 'picklist'] as const;
export const PrintDocKind = z.enum(PRINT_DOC_KINDS);
export type PrintDocKind = z.infer<typeof PrintDocKind>;

export const PRINT_BATCH_STATES = ['queued', 'running', 'paused', 'done', 'cancelled'] as const;
export const PrintBatchState = z.enum(PRINT_BATCH_STATES);
export type PrintBatchState = z.infer<typeof PrintBatchState>;

/**
 * queued → sending → sent | failed | cancelled | uncertain. 'sending' is committed before the bytes leave; a job
 * found 'sending' after a crash may or may not be on paper and becomes 'uncertain': a person decides.
 */
export const PRINT_JOB_STATES = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'uncertain'] as const;
export const PrintJobState = z.enum(PRINT_JOB_STATES);
export type PrintJobState = z.infer<typeof PrintJobState>;

/** Why a batch paused; the UI translates each and shows `pauseReason` beside it. */
export const PAUSE_CODES = ['paper_out', 'not_ready', 'printer_error', 'uncertain', 'person', 'no_printer'] as const;
export const PauseCode = z.enum(PAUSE_CODES);
export type PauseCode = z.infer<typeof PauseCode>;

/** Why an order was left out of a batch (stable codes the UI translates; `message` says it in words). */
export const REFUSAL_REASONS = [
  'not_found',
  'intercepted', // refunded or cancelled on the platform after import
  'cancelled',
  'on_hold',
  'after_sale_open',
  'not_allocated', // still waiting for stock (or not approved)
  'already_printed', // reprint it explicitly
  'already_queued', // a job for it is waiting or printing
  'uncertain', // its last label may have printed: decide that first
  'shipped',
  'claimed', // another station is working it
  'waybill_failed', // no tracking number could be had (pool empty, hand-bound carrier, provider error…)
  'no_sender', // the warehouse lacks the sender details a label needs
] as const;
export const RefusalReason = z.enum(REFUSAL_REASONS);
export type RefusalReason = z.infer<typeof RefusalReason>;

export const PrintRefusal = z.object({
  orderId: RowId,
  platformOrderId: z.string().nullable(),
  reason: RefusalReason,
  message: z.string(),
});
export type PrintRefusal = z.infer<typeof PrintRefusal>;

const MAX_BATCH_ORDERS = 2000;

/** Which orders to print: these ids, or every order to print in the queue as the screen filters it. */
export const PrintSelection = z
  .object({
    orderIds: z.array(RowId).min(1, 'orderIds: choose at least one order').max(MAX_BATCH_ORDERS, `orderIds: a batch takes at most ${MAX_BATCH_ORDERS} orders`).optional(),
    /** "All to print in this view": the order queue's filter; the to_print tab is implied. */
    view: OrderFilter.optional(),
    /** A printer other than this station's own for the document kind (the CLI has no station). */
    printerId: RowId.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.orderIds === undefined) === (s.view === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['orderIds'], message: 'give either orderIds or view (all orders to print in the view), not both or neither' });
    }
  });
export type PrintSelection = z.input<typeof PrintSelection>;

export const PrintJobCounts = z.object(Object.fromEntries(PRINT_JOB_STATES.map((s) => [s, z.number().int().nonnegative()])) as Record<PrintJobState, z.ZodNumber>);
export type PrintJobCounts = z.infer<typeof PrintJobCounts>;

export const PrintBatch = z.object({
  id: RowId,
  kind: PrintDocKind,
  stationId: RowId.nullable(),
  printerId: RowId.nullable(),
  printerName: z.string(),
  state: PrintBatchState,
  pauseCode: PauseCode.nullable(),
  pauseReason: z.string().nullable(),
  total: z.number().int().nonnegative(),
  /** Jobs settled (sent, failed, cancelled or uncertain): done / total is the progress. */
  done: z.number().int().nonnegative(),
  counts: PrintJobCounts,
  /** Made by a reprint or by deciding an uncertain job. */
  reprint: z.boolean(),
  createdBy: z.string(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  startedAt: EpochMs.nullable(),
  finishedAt: EpochMs.nullable(),
});
export type PrintBatch = z.infer<typeof PrintBatch>;

export const PrintJob = z.object({
  id: RowId,
  batchId: RowId,
  seq: z.number().int().positive(),
  kind: PrintDocKind,
  orderId: RowId.nullable(),
  parcelId: RowId.nullable(),
  orderIds: z.array(RowId),
  /** "order 3619…", "parcel 12 (orders …)", "pick list" */
  title: z.string(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  state: PrintJobState,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  reprintOf: RowId.nullable(),
  /** An uncertain job's decision: confirmed (it printed) or reprinted. Null: undecided (or not uncertain). */
  resolution: z.enum(['confirmed', 'reprinted']).nullable(),
  resolvedBy: z.string().nullable(),
  bytesSha256: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  sentAt: EpochMs.nullable(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const EnqueueResult = z.object({
  /** Null when every order was refused. */
  batch: PrintBatch.nullable(),
  refused: z.array(PrintRefusal),
});
export type EnqueueResult = z.infer<typeof EnqueueResult>;

const Page = { offset: z.number().int().nonnegative().max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) };
const BatchRef = z.object({ batchId: RowId }).strict();
const Reason = z.string().trim().min(1).max(200).optional();

export const ReprintInput = z
  .object({
    /** The job to print again (a sent or uncertain one). */
    jobId: RowId.optional(),
    /** Or: the order's last document of `kind` (an order printed before ShopDesk kept print jobs has none). */
    orderId: RowId.optional(),
    kind: z.enum(['label', 'slip']).default('label'),
    /** Labels: a new tracking number (the old one is cancelled and voided) instead of the same one again. */
    newNumber: z.boolean().default(false),
    /** A hand-bound carrier's new number, scanned or typed. */
    trackingNo: z.string().trim().min(1).max(60).optional(),
    reason: Reason,
    printerId: RowId.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.jobId === undefined) === (r.orderId === undefined)) ctx.addIssue({ code: 'custom', path: ['jobId'], message: 'give either jobId or orderId' });
    if (r.trackingNo && !r.newNumber) ctx.addIssue({ code: 'custom', path: ['trackingNo'], message: 'a tracking number is given only with newNumber' });
  });
export type ReprintInput = z.input<typeof ReprintInput>;

export const ResolveInput = z
  .object({
    jobId: RowId,
    /** reprint: it did not print (or is unusable) — print it again; markPrinted: it is on paper. */
    action: z.enum(['reprint', 'markPrinted']),
    reason: Reason,
  })
  .strict();
export type ResolveInput = z.input<typeof ResolveInput>;

export const ReprintResult = z.object({ batch: PrintBatch, job: PrintJob });
export type ReprintResult = z.infer<typeof ReprintResult>;

export const PreviewResult = z.object({
  /** data:image/png;base64,… — the bitmap a raster job sends, dot for dot */
  dataUrl: z.string().startsWith('data:image/png;base64,'),
  widthDots: z.number().int().positive(),
  heightDots: z.number().int().positive(),
  dpi: z.union([z.literal(203), z.literal(300)]),
  warnings: z.array(z.string()),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

/**
 * A printer's calibration and print settings as stored (every field optional); main/print/settings.ts fills the
 * defaults and refuses combinations the printer's language cannot do.
 */
export const PrinterCalibrationInput = z
  .object({
    dpi: z.union([z.literal(203), z.literal(300)]).optional(),
    /** raster: the whole page as one bitmap (identical to the preview); native: printer text and barcode commands */
    mode: z.enum(['raster', 'native']).optional(),
    /** calibration: where the printer's origin really is, in mm (+x right, +y down) */
    offsetXMm: z.number().min(-20).max(20).optional(),
    offsetYMm: z.number().min(-20).max(20).optional(),
    /** 0 (lightest) … 30 (darkest), the ZPL ~SD scale; mapped to TSPL DENSITY 0–15 and ESC/POS density −6…+6 */
    darkness: z.number().int().min(0).max(30).optional(),
    /** inches per second (TSPL SPEED, ZPL ^PR) */
    speed: z.number().int().min(1).max(14).optional(),
    /** paper size override: the stock really loaded, when it differs from the printer's nominal paper */
    pageWidthMm: z.number().min(20).max(120).optional(),
    pageHeightMm: z.number().min(20).max(300).optional(),
    /** TSPL: gap between die-cut labels; 0 for continuous stock */
    gapMm: z.number().min(0).max(20).optional(),
    /** ESC/POS dialect: Epson ESC/POS (also Xprinter, Gprinter, Rongta …) or Star Line Mode */
    escposModel: z.enum(['epson', 'star']).optional(),
    /** native mode: Chinese text through the printer's own font (GB18030) or as small raster blocks */
    cjkText: z.enum(['printer', 'raster']).optional(),
    /** ZPL: a CJK font stored on the printer, e.g. "E:SIMSUN.TTF" (needed for cjkText "printer" on ZPL) */
    zplCjkFont: z
      .string()
      .regex(/^[A-Z]:[A-Z0-9_-]{1,16}\.(TTF|FNT|TTE)$/i, 'a printer font path like E:SIMSUN.TTF')
      .optional(),
    /** paper cut after each document: receipts default to a partial cut, labels to none (the gap sensor separates them) */
    cut: z.enum(['full', 'partial', 'none']).optional(),
  })
  .strict();
export type PrinterCalibrationInput = z.input<typeof PrinterCalibrationInput>;

/** The settings in force, defaults filled for the printer's language. */
export const PrinterCalibration = z.object({
  dpi: z.union([z.literal(203), z.literal(300)]),
  mode: z.enum(['raster', 'native']),
  offsetXMm: z.number(),
  offsetYMm: z.number(),
  darkness: z.number().int().nullable(),
  speed: z.number().int().nullable(),
  pageWidthMm: z.number().nullable(),
  pageHeightMm: z.number().nullable(),
  gapMm: z.number(),
  escposModel: z.enum(['epson', 'star']),
  cjkText: z.enum(['printer', 'raster']),
  zplCjkFont: z.string().nullable(),
  cut: z.enum(['full', 'partial', 'none']).nullable(),
});
export type PrinterCalibration = z.infer<typeof PrinterCalibration>;

export const printChannels = {
  /** Queues shipping labels (tracking numbers are taken as needed, in pick-list order); refusals say why per order. */
  'print.labels': { input: PrintSelection, output: EnqueueResult, permission: 'print.labels' },
  'print.slips': { input: PrintSelection, output: EnqueueResult, permission: 'print.labels' },
  /** One pick list for the chosen orders: what to take from the shelves, by SKU. */
  'print.picklist': { input: PrintSelection, output: EnqueueResult, permission: 'print.labels' },
  'print.batches': {
    input: z.object({ states: z.array(PrintBatchState).max(5).optional(), stationId: RowId.optional(), ...Page }).strict(),
    output: z.object({ rows: z.array(PrintBatch), total: z.number().int().nonnegative() }),
    permission: 'print.labels',
  },
  /** A batch's jobs in print order, or (no batch) jobs in these states — e.g. uncertain ones waiting for a decision. */
  'print.jobs': {
    input: z
      .object({ batchId: RowId.optional(), orderId: RowId.optional(), states: z.array(PrintJobState).max(6).optional(), undecided: z.boolean().default(false), ...Page })
      .strict(),
    output: z.object({ rows: z.array(PrintJob), total: z.number().int().nonnegative() }),
    permission: 'print.labels',
  },
  /** Stops after the job printing now; resume continues at the next unsent job. */
  'print.pause': { input: BatchRef, output: PrintBatch, permission: 'print.labels' },
  /** Continues a paused batch (failed jobs are tried again) after paper is loaded or the printer is back. */
  'print.resume': { input: BatchRef, output: PrintBatch, permission: 'print.labels' },
  /** Stops after the job printing now; every job not sent yet is cancelled. */
  'print.cancel': { input: BatchRef, output: PrintBatch, permission: 'print.labels' },
  'print.reprint': { input: ReprintInput, output: ReprintResult, permission: 'print.labels' },
  /** Decides a job that may or may not have printed (found 'sending' after a crash, or cut off mid-send). */
  'print.resolve': { input: ResolveInput, output: z.object({ job: PrintJob, reprint: ReprintResult.nullable() }), permission: 'print.labels' },
  /** The document as it will print on this station's printer (or `printerId`), as a PNG. */
  'print.preview': {
    input: z.object({ orderId: RowId, kind: z.enum(['label', 'slip']).default('label'), printerId: RowId.optional() }).strict(),
    output: PreviewResult,
    permission: 'print.labels',
  },
  /** Prints the printer's test page (alignment box, rulers, barcodes, its settings) with its current calibration. */
  'printers.testPrint': { input: z.object({ printerId: RowId }).strict(), output: z.object({ bytes: z.number().int().positive(), warnings: z.array(z.string()) }), permission: 'print.labels' },
  'printers.calibration': { input: z.object({ printerId: RowId }).strict(), output: PrinterCalibration, permission: 'print.labels' },
  'printers.saveCalibration': {
    input: z.object({ printerId: RowId, settings: PrinterCalibrationInput, reason: Reason }).strict(),
    output: PrinterCalibration,
    permission: 'stations.manage',
  },
} as const satisfies Record<string, ChannelDef>;
export type PrintChannels = typeof printChannels;
export type PrintChannel = keyof PrintChannels;

/** 'print.job': a job changed state or a batch moved (progress, pause, end). */
export const PrintJobEvent = z
  .object({
    batchId: RowId,
    batchState: PrintBatchState,
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    pauseCode: PauseCode.nullable(),
    /** The job that changed, when one did. */
    jobId: RowId.nullable(),
    state: PrintJobState.nullable(),
    /** The order being printed (the first of a parcel's), for the progress line. */
    orderId: RowId.nullable(),
    title: z.string().nullable(),
    message: z.string().nullable(),
  })
  .strict();
export type PrintJobEvent = z.infer<typeof PrintJobEvent>;
