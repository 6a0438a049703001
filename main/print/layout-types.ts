import { z } from 'zod';
import { AppError } from '../../shared/errors.js';

/**
 * What goes on each printed document. The print queue fills these from the order (already unmasked: a label needs
 * the real phone and address); the layouts decide where each field goes. Validated at the edge so a missing tracking
 * number is an error naming the order, not a blank label.
 */

/** Code128 carries ASCII 32–126 only: what a scanner at the bench can read back. */
const Code128Text = z
  .string()
  .min(1, 'is empty')
  .max(48, 'is longer than 48 characters')
  .regex(/^[\x20-\x7E]+$/, 'may hold only printable ASCII (Code128)');
const Line = z.string().max(200);
const EpochMs = z.number().int().nonnegative();

export const LabelData = z.object({
  carrier: z.object({ code: z.string().min(1).max(20), name: z.string().min(1).max(40) }),
  /** 12–20 characters for the Chinese carriers; Code128 on the label */
  trackingNo: Code128Text,
  /** routing / sort code (三段码 / 大头笔), printed large when present */
  sortCode: z.string().max(40).optional(),
  sender: z.object({ name: z.string().min(1).max(60), phone: z.string().max(40), address: Line }),
  recipient: z.object({ name: z.string().min(1).max(60), phone: z.string().max(40), addressLines: z.array(Line).min(1).max(6) }),
  orderIds: z.array(z.string().min(1).max(64)).min(1).max(20),
  /** item summary lines, e.g. "PILLOW-LATEX ×2" */
  items: z.array(Line).max(30),
  weightG: z.number().int().nonnegative().optional(),
  printedAt: EpochMs,
  /** QR payload: a scan code, URL or waybill data */
  qr: z.string().min(1).max(300),
});
export type LabelData = z.infer<typeof LabelData>;

export const SlipLine = z.object({
  sku: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  variant: z.string().max(120).optional(),
  qty: z.number().int().positive(),
});
export type SlipLine = z.infer<typeof SlipLine>;

export const SlipData = z.object({
  shopName: z.string().max(60).optional(),
  orderIds: z.array(z.string().min(1).max(64)).min(1).max(20),
  buyer: z.object({ name: z.string().min(1).max(60), phone: z.string().max(40).optional(), addressLines: z.array(Line).max(6).optional() }),
  lines: z.array(SlipLine).min(1).max(500),
  /** the order's scan code: the packer scans it to open the order at the bench */
  barcode: Code128Text,
  notes: z.string().max(500).optional(),
  buyerMessage: z.string().max(500).optional(),
  printedAt: EpochMs,
});
export type SlipData = z.infer<typeof SlipData>;

export const PickRow = z.object({
  location: z.string().max(32).optional(),
  sku: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  qty: z.number().int().positive(),
  orders: z.number().int().positive(),
});
export type PickRow = z.infer<typeof PickRow>;

export const PickListData = z.object({
  batchId: z.string().min(1).max(40),
  rows: z.array(PickRow).min(1).max(2000),
  /** the batch's scan code */
  barcode: Code128Text,
  printedAt: EpochMs,
});
export type PickListData = z.infer<typeof PickListData>;

/** The printer's own test page: alignment box, rulers, Chinese and Latin text, both barcodes, the settings. */
export const TestPageData = z.object({
  printerName: z.string().min(1).max(60),
  settingsLines: z.array(Line).max(8),
  printedAt: EpochMs,
});
export type TestPageData = z.infer<typeof TestPageData>;

export const DOC_KINDS = ['label', 'slip', 'picklist', 'test'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocData {
  label: LabelData;
  slip: SlipData;
  picklist: PickListData;
  test: TestPageData;
}

const SCHEMAS: { [K in DocKind]: z.ZodType<DocData[K]> } = { label: LabelData, slip: SlipData, picklist: PickListData, test: TestPageData };

/** Checks a document's data; the error names the document (order id or batch) and the field. */
export function checkDocData<K extends DocKind>(kind: K, data: unknown): DocData[K] {
  const schema = SCHEMAS[kind];
  if (!schema) throw new AppError('invalid_input', `unknown document kind "${String(kind)}"; expected one of ${DOC_KINDS.join(', ')}`, { field: 'kind', value: kind });
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const d = (data ?? {}) as Record<string, unknown>;
  const ids = Array.isArray(d.orderIds) ? d.orderIds.join(', ') : typeof d.batchId === 'string' ? d.batchId : null;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.');
  const value = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k as string] : undefined), data);
  throw new AppError('invalid_input', `${kind}${ids ? ` for ${ids}` : ''}: ${field || 'data'} ${issue.message}`, { kind, ids, field, value });
}
