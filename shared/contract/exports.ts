import { z } from 'zod';
import { EpochMs, RowId } from '../domain/ids.js';
import { OrderListInput } from './orders.js';

/*
 * Exports (issue #5): the queue as the orders screen shows it, or the shipments of a date range, to CSV or XLSX.
 *
 * 1. `exports.start` → an ExportJob (state 'running'). main streams the rows into a file in the exports/ folder beside
 *    the database (never all rows in memory), announcing `exports.progress` {id, state, rows, total} as it goes.
 * 2. `exports.cancel {id}` stops it and deletes the partial file.
 * 3. When done, `exports.get {id}` (or the last progress event, then get) gives `download`: a path on the `serve`
 *    origin (EXPORT_DOWNLOAD_PATH + a one-off ticket) that answers the file as an attachment for a while. In the
 *    desktop app, `exports.save {id}` shows the system save dialog instead.
 * CSV is UTF-8 with a BOM (Excel then reads Chinese correctly), CRLF rows, and text cells that start with = + - @ get
 * a leading ' so a spreadsheet never runs them as formulas. XLSX writes ids and text as text cells. Money is decimal
 * text beside a currency column; times are "yyyy-MM-dd HH:mm:ss" in the requested time zone, named in the header.
 */

export const EXPORT_DOWNLOAD_PATH = '/exports/';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Column headers in the person's language. */
export const ExportLang = z.enum(['en', 'zh-CN']);
export type ExportLang = z.infer<typeof ExportLang>;

export const ExportId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an export id');

/** The orders screen's view: the same queue, filters and sort as `orders.list`, without paging. */
export const OrdersView = OrderListInput.omit({ offset: true, limit: true });
export type OrdersView = z.input<typeof OrdersView>;

const Common = {
  format: ExportFormat,
  lang: ExportLang.default('en'),
  /** IANA zone for the times in the file (the renderer sends its own); default: the zone of the computer main runs on. */
  timeZone: z.string().min(1).max(64).optional(),
};

export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('orders'), view: OrdersView, ...Common }).strict(),
  z
    .object({
      kind: z.literal('shipments'),
      /** Shipped at or after `from` and before `to` (epoch ms). */
      from: EpochMs,
      to: EpochMs,
      shopIds: z.array(RowId).max(200).optional(),
      ...Common,
    })
    .strict()
    .refine((r) => r.from < r.to, { path: ['to'], message: 'the end of the range must be after its start' }),
]);
export type ExportRequest = z.input<typeof ExportRequest>;

export const ExportState = z.enum(['running', 'done', 'failed', 'cancelled']);
export type ExportState = z.infer<typeof ExportState>;

export const ExportJob = z.object({
  id: ExportId,
  kind: z.enum(['orders', 'shipments']),
  format: ExportFormat,
  state: ExportState,
  /** Rows written so far (orders for a queue view, order lines for shipments). */
  rows: z.number().int().nonnegative(),
  /** Rows expected; null until known. */
  total: z.number().int().nonnegative().nullable(),
  /** The name the file is offered under. */
  fileName: z.string(),
  bytes: z.number().int().nonnegative().nullable(),
  startedAt: EpochMs,
  finishedAt: EpochMs.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** When done: the path to download it from on the serve origin (valid for a while); null otherwise. */
  download: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJob>;

export const ExportProgress = z.object({ id: ExportId, state: ExportState, rows: z.number().int().nonnegative(), total: z.number().int().nonnegative().nullable() }).strict();
export type ExportProgress = z.infer<typeof ExportProgress>;

export const exportChannels = {
  'exports.start': { input: ExportRequest, output: ExportJob, permission: 'data.export' },
  'exports.get': { input: z.object({ id: ExportId }).strict(), output: ExportJob, permission: 'data.export' },
  'exports.cancel': { input: z.object({ id: ExportId }).strict(), output: z.object({ cancelled: z.boolean() }), permission: 'data.export' },
  /** Desktop app only: the system save dialog; savedTo is null when the person closed it without saving. */
  'exports.save': { input: z.object({ id: ExportId }).strict(), output: z.object({ savedTo: z.string().nullable() }), permission: 'data.export' },
} as const;
