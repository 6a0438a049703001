import { z } from 'zod';
import { EpochMs, Platform, RowId } from '../domain/ids.js';
import { Currency } from '../domain/money.js';
import { PlatformState } from '../domain/status.js';

/*
 * Importing order export files (issue #5). The flow, for the screens and the CLI:
 *
 * 1. Get the file to main.
 *    - `shopdesk serve` (browser): POST the raw file bytes (not multipart) to UPLOAD_PATH with the same token the
 *      WebSocket uses, as `Authorization: Bearer TOKEN` (or `?token=TOKEN`), the file name in `?name=` (URI-encoded).
 *      Same Host/Origin rules as the WebSocket. Answer 200 `UploadResult` {uploadId, name, bytes}; errors are
 *      `{error: {code, message, details}}` with 401 (token), 403 (origin), 413 (over UPLOAD_MAX_BYTES), 400.
 *    - Electron: main opens a file dialog and registers the picked path (no copy); the renderer gets the same
 *      {uploadId, name, bytes}. The CLI passes a path.
 * 2. `imports.inspect {uploadId}`: reads only the head of the file: encoding, headers, detected format (or null when
 *    nothing matches: use the generic format with a column mapping), the columns a format needs that are missing,
 *    and a suggested generic mapping. Fast; use it to pick the shop (platform files only go to shops of their
 *    platform) and to fill the mapping screen.
 * 3. `imports.preview {files, shopId?, mapping?}` → {jobId}: a dry run in the background. It reads the whole file
 *    (streamed), checks every row and compares each order with the database WITHOUT writing anything.
 *    Progress arrives as `imports.progress` events {jobId, phase, rows, bytes, totalBytes}. `imports.cancel {jobId}`
 *    stops it (and discards the job and its uploads).
 * 4. `imports.result {jobId}`: any time; while running it returns state 'running' with progress. When 'ready': the
 *    detected format + encoding per file, counts {new, updated, unchanged, invalid} (orders), row-level errors
 *    (file, row as a spreadsheet numbers it with the header as row 1, column header, why; first ERRORS_SHOWN + total),
 *    and a sample of the orders found.
 * 5. `imports.commit {jobId}` stores the valid orders in ONE transaction, through the same writer as sync (idempotent
 *    by platform + shop + order id, states never go back), and returns the counts, which equal the preview's when
 *    nothing changed in between. Invalid orders are NOT stored and stay listed in the result; valid ones are (an
 *    order with any invalid row is invalid as a whole, so no order is ever stored with lines missing). Re-importing
 *    the same file gives all unchanged. Commit or cancel deletes the uploaded files.
 * Generic CSV/XLSX needs a `mapping` (ShopDesk field → file header); mappings can be saved as presets.
 */

/** HTTP path of the upload endpoint on the `serve` origin. */
export const UPLOAD_PATH = '/api/upload';
/** Largest accepted upload (bytes). */
export const UPLOAD_MAX_BYTES = 512 * 1024 * 1024;
/** How many row errors a result carries (the total is always given). */
export const ERRORS_SHOWN = 500;

export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an upload id');
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an import job id');

export const UploadResult = z.object({ uploadId: UploadId, name: z.string(), bytes: z.number().int().nonnegative() });
export type UploadResult = z.infer<typeof UploadResult>;

export const IMPORT_FORMATS = [
  'taobao-orders', // 淘宝/天猫 订单报表 (classic and current, privacy-reduced generations)
  'taobao-items', // 淘宝/天猫 宝贝报表 (one row per sub-order); joins an order report on 订单编号
  'douyin-orders', // 抖店 订单导出 (per sub-order or per main order)
  'pinduoduo-orders', // 拼多多 订单导出
  'amazon-all-orders', // All Orders Report (TSV, one row per item)
  'amazon-unshipped', // Unshipped Orders report (TSV, with addresses)
  'shopify-orders', // Shopify orders CSV (one row per line item)
  'generic', // any CSV/XLSX with a column mapping
] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** How the bytes were read: 'gb18030' covers GBK (a subset); 'xlsx' is a workbook (no text encoding). */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be', 'xlsx'] as const;
export const ImportEncoding = z.enum(IMPORT_ENCODINGS);
export type ImportEncoding = z.infer<typeof ImportEncoding>;

/**
 * ShopDesk fields a generic file can fill. Required: orderId, placedAt, qty, and a title or skuCode, and a unit price
 * or line total. Without a status column every order is taken as paid and waiting to ship. An order spans several
 * rows when the order id repeats (one row per line); order-level fields are read from its first row.
 */
export const GENERIC_FIELDS = [
  'orderId',
  'placedAt',
  'paidAt',
  'status',
  'buyerNick',
  'buyerName',
  'buyerPhone',
  'country',
  'province',
  'city',
  'district',
  'address1',
  'postcode',
  'buyerMessage',
  'sellerMemo',
  'skuCode',
  'title',
  'variant',
  'qty',
  'unitPrice',
  'lineTotal',
  'shipping',
  'discount',
  'total',
  'trackingNo',
  'carrier',
] as const;
export const GenericField = z.enum(GENERIC_FIELDS);
export type GenericField = z.infer<typeof GenericField>;
export const GENERIC_REQUIRED: readonly GenericField[] = ['orderId', 'placedAt', 'qty'];
/** At least one field of each group must be mapped. */
export const GENERIC_ONE_OF: readonly (readonly GenericField[])[] = [
  ['title', 'skuCode'],
  ['unitPrice', 'lineTotal'],
];

export const GenericMapping = z
  .object({
    /** ShopDesk field → the file's header text (as inspect returned it). */
    columns: z.partialRecord(GenericField, z.string().min(1).max(200)),
    /** Currency of the amounts; default: the shop's. */
    currency: Currency.optional(),
    /** Offset of times written without a zone ("2024-05-01 10:00:00"), minutes east of UTC; default 480 (China). */
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
  })
  .strict();
export type GenericMapping = z.input<typeof GenericMapping>;

export const ImportPreset = z.object({ id: RowId, name: z.string(), mapping: GenericMapping, createdAt: EpochMs, updatedAt: EpochMs });
export type ImportPreset = z.infer<typeof ImportPreset>;

export const FormatColumn = z.object({
  /** What ShopDesk reads from it (a GENERIC_FIELDS name or a format-specific one). */
  field: z.string(),
  required: z.boolean(),
  /** Header texts accepted for it, first the usual one. */
  headers: z.array(z.string()),
});
export const FormatInfo = z.object({
  name: ImportFormat,
  /** null: the generic format (the shop's platform). */
  platform: Platform.nullable(),
  label: z.string(),
  /** The other file this one joins on the order id (Taobao order report ↔ item report). */
  joinsWith: ImportFormat.nullable(),
  columns: z.array(FormatColumn),
});
export type FormatInfo = z.infer<typeof FormatInfo>;

export const InspectResult = z.object({
  uploadId: UploadId,
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  encoding: ImportEncoding,
  /** Row number (1-based) of the header row; rows above it are titles some exports carry. */
  headerRow: z.number().int().positive(),
  headers: z.array(z.string()),
  /** The detected format, or null: no platform layout matches (map it as generic). */
  format: ImportFormat.nullable(),
  platform: Platform.nullable(),
  /** Required columns of the best-matching platform format that the file lacks (empty when one matched). */
  missing: z.array(z.string()),
  /** A mapping guessed from the headers, for the generic mapping screen. */
  suggestedMapping: GenericMapping,
  /** The first few data rows as text, for the mapping screen. */
  sample: z.array(z.array(z.string())),
});
export type InspectResult = z.infer<typeof InspectResult>;

export const ImportCounts = z.object({
  new: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Orders refused (any invalid row) plus rows that name no order. */
  invalid: z.number().int().nonnegative(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const RowError = z.object({
  file: z.string(),
  /** As a spreadsheet numbers it (header row = 1); null for a file-level problem. */
  row: z.number().int().positive().nullable(),
  /** The column header, or null when the row as a whole is wrong. */
  column: z.string().nullable(),
  message: z.string(),
  /** 'warning': noted, nothing refused (e.g. an exact duplicate row skipped). */
  severity: z.enum(['error', 'warning']),
});
export type RowError = z.infer<typeof RowError>;

export const IMPORT_PHASES = ['reading', 'checking', 'ready', 'committing', 'committed', 'failed', 'cancelled'] as const;
export const ImportPhase = z.enum(IMPORT_PHASES);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportProgress = z
  .object({
    jobId: JobId,
    phase: ImportPhase,
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    totalBytes: z.number().int().nonnegative(),
  })
  .strict();
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportSampleOrder = z.object({
  platformOrderId: z.string(),
  placedAt: EpochMs,
  platformStatus: z.string(),
  platformState: PlatformState,
  itemCount: z.number().int(),
  skuSummary: z.string(),
  totalMinor: z.number().int(),
  currency: Currency,
  outcome: z.enum(['new', 'updated', 'unchanged']),
});

export const ImportFileInfo = z.object({
  uploadId: UploadId,
  name: z.string(),
  format: ImportFormat,
  encoding: ImportEncoding,
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

export const ImportResult = z.object({
  jobId: JobId,
  state: z.enum(['running', 'ready', 'committing', 'committed', 'failed', 'cancelled']),
  progress: ImportProgress,
  shopId: RowId,
  platform: Platform,
  files: z.array(ImportFileInfo),
  counts: ImportCounts,
  /** Data rows read (header and title rows not counted). */
  rows: z.number().int().nonnegative(),
  errors: z.array(RowError),
  errorsTotal: z.number().int().nonnegative(),
  sample: z.array(ImportSampleOrder),
  /** Why the job failed (unreadable file, wrong encoding, missing columns…), when state is 'failed'. */
  failure: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  startedAt: EpochMs,
  finishedAt: EpochMs.nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

const JobInput = z.object({ jobId: JobId }).strict();

export const importsChannels = {
  'imports.formats': { input: z.object({}).strict(), output: z.array(FormatInfo), permission: 'orders.import' },
  /**
   * Electron only: main opens its own file dialog (CSV/TSV/TXT/XLSX, several files) and registers the picked paths
   * like uploads; [] when the dialog is closed without a choice. Under `serve` it is refused: upload instead.
   */
  'imports.pickFiles': { input: z.object({}).strict(), output: z.array(UploadResult), permission: 'orders.import' },
  'imports.inspect': { input: z.object({ uploadId: UploadId }).strict(), output: InspectResult, permission: 'orders.import' },
  /**
   * Starts the dry run. One file, or a Taobao order report plus its item report (joined on 订单编号). `format`
   * overrides detection; `shopId` may be left out when exactly one shop fits; generic needs `mapping` (or a preset).
   */
  'imports.preview': {
    input: z
      .object({
        files: z.array(z.object({ uploadId: UploadId, format: ImportFormat.optional() }).strict()).min(1).max(2),
        shopId: RowId.optional(),
        mapping: GenericMapping.optional(),
        presetId: RowId.optional(),
      })
      .strict(),
    output: z.object({ jobId: JobId }),
    permission: 'orders.import',
  },
  'imports.result': { input: JobInput, output: ImportResult, permission: 'orders.import' },
  'imports.commit': {
    input: JobInput,
    output: z.object({ jobId: JobId, counts: ImportCounts, /** Orders created or updated. */ changed: z.number().int().nonnegative() }),
    permission: 'orders.import',
  },
  /** Stops a running preview or discards a finished one; deletes its uploads. */
  'imports.cancel': { input: JobInput, output: z.object({ cancelled: z.boolean() }), permission: 'orders.import' },
  'imports.presets.list': { input: z.object({}).strict(), output: z.array(ImportPreset), permission: 'orders.import' },
  /** Creates a preset, or replaces the one with `id`. Names are unique. */
  'imports.presets.save': {
    input: z.object({ id: RowId.optional(), name: z.string().trim().min(1).max(60), mapping: GenericMapping }).strict(),
    output: ImportPreset,
    permission: 'orders.import',
  },
  'imports.presets.remove': { input: z.object({ id: RowId }).strict(), output: z.object({ removed: z.boolean() }), permission: 'orders.import' },
} as const;
