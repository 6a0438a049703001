import { z } from 'zod';
import { EpochMs, RowId } from './ids.js';

export const ROLES = ['owner', 'reviewer', 'packer', 'after_sales'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * What a person may do. Channels name the permission they need; the dispatcher checks it before a handler runs, so
 * calling a channel directly gets no further than the UI would.
 */
export const PERMISSIONS = [
  'orders.view',
  'orders.edit', // type in and correct manual (phone / WeChat) orders
  'orders.import', // import order files
  'audit.decide', // approve / hold / reject in review
  'audit.override', // approve past a blocking exception
  'rules.edit',
  'print.labels',
  'pack.verify',
  'ship.unverified', // ship without scanning every unit
  'aftersales.handle',
  'pii.view', // see unmasked buyer data
  'data.export',
  'shops.manage',
  'finance.view',
  'people.manage', // owner only: operators, roles, permissions
  'stations.manage', // owner only: pairing and revoking stations
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Kept by the owner alone: granting them would let anyone make themselves owner. */
export const OWNER_ONLY: readonly Permission[] = ['people.manage', 'stations.manage'];

export const DEFAULT_ROLE_PERMISSIONS: Record<Exclude<Role, 'owner'>, Permission[]> = {
  reviewer: ['orders.view', 'orders.edit', 'orders.import', 'audit.decide', 'print.labels', 'pack.verify', 'data.export'],
  packer: ['orders.view', 'print.labels', 'pack.verify'],
  after_sales: ['orders.view', 'aftersales.handle', 'pii.view', 'data.export'],
};

export const OperatorName = z.string().trim().min(1, 'name is required').max(40, 'name is at most 40 characters');
/** 4 to 8 digits: typed on a PIN pad at a busy bench. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits');

export const OperatorInfo = z.object({
  id: RowId,
  name: z.string(),
  role: Role,
  hasPin: z.boolean(),
  active: z.boolean(),
  lastSeenAt: EpochMs.nullable(),
});
export type OperatorInfo = z.infer<typeof OperatorInfo>;

export const StationInfo = z.object({
  id: RowId,
  name: z.string(),
  kind: z.enum(['local', 'paired']),
  createdAt: EpochMs,
  lastSeenAt: EpochMs.nullable(),
  revokedAt: EpochMs.nullable(),
  online: z.boolean(),
});
export type StationInfo = z.infer<typeof StationInfo>;

export const SessionInfo = z.object({
  station: z.object({ id: RowId, name: z.string(), kind: z.enum(['local', 'paired']) }),
  operator: OperatorInfo.nullable(),
  permissions: z.array(Permission),
  /** No owner exists yet: the first-run screen must create one before anything else. */
  needsSetup: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const PRINT_ROLES = ['label', 'slip', 'picklist'] as const;
export const PrintRole = z.enum(PRINT_ROLES);
export type PrintRole = z.infer<typeof PrintRole>;

export const PrinterInput = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(60),
    /** tcp: raw port 9100 (address "host:port"); os: a printer the operating system knows (address = its name). */
    transport: z.enum(['tcp', 'os']),
    address: z.string().trim().min(1, 'address is required').max(200),
    language: z.enum(['escpos', 'tspl', 'zpl', 'os']),
    paper: z.enum(['100x150', '76x130', '80mm', '58mm', 'a4']),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.transport === 'tcp' && !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(p.address)) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'a network printer address is host:port, e.g. 192.168.1.50:9100' });
    }
    // An OS printer either prints through its system driver (language "os") or takes raw escpos/tspl/zpl through
    // the spooler (a USB label printer installed as a system queue); a network printer always speaks a language.
    if (p.transport === 'tcp' && p.language === 'os') {
      ctx.addIssue({ code: 'custom', path: ['language'], message: 'a network printer needs escpos, tspl or zpl (language "os" is for a system printer)' });
    }
  });
export type PrinterInput = z.infer<typeof PrinterInput>;

export const PrinterInfo = z.object({
  id: RowId,
  name: z.string(),
  transport: z.enum(['tcp', 'os']),
  address: z.string(),
  language: z.enum(['escpos', 'tspl', 'zpl', 'os']),
  paper: z.enum(['100x150', '76x130', '80mm', '58mm', 'a4']),
});
export type PrinterInfo = z.infer<typeof PrinterInfo>;

/** Which printer a station uses per kind of document (null: none set). */
export const StationPrinters = z.object({ stationId: RowId, label: RowId.nullable(), slip: RowId.nullable(), picklist: RowId.nullable() });
export type StationPrinters = z.infer<typeof StationPrinters>;
