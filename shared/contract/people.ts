import { z } from 'zod';
import { RowId } from '../domain/ids.js';
import { OperatorInfo, OperatorName, Permission, Pin, PrinterInfo, PrinterInput, Role, SessionInfo, StationInfo, StationPrinters } from '../domain/people.js';

const Empty = z.object({}).strict();

/** Sign-in, operators, role permissions and paired stations. */
export const peopleChannels = {
  'session.get': { input: Empty, output: SessionInfo, permission: null },
  /** First run only: creates the owner and signs them in. Refused once an owner exists. */
  'session.setupOwner': { input: z.object({ name: OperatorName, pin: Pin.optional() }).strict(), output: SessionInfo, permission: null },
  /** The names a station's switch screen offers (no PINs, no roles' secrets). */
  'session.operators': { input: Empty, output: z.array(OperatorInfo), permission: null },
  'session.signIn': { input: z.object({ operatorId: RowId, pin: Pin.optional() }).strict(), output: SessionInfo, permission: null },
  'session.signOut': { input: Empty, output: SessionInfo, permission: null },

  /** Everyone, inactive people included (the owner's People screen; reactivation needs to see them). */
  'people.list': { input: Empty, output: z.array(OperatorInfo), permission: 'people.manage' },
  'people.create': {
    input: z.object({ name: OperatorName, role: Role.exclude(['owner']), pin: Pin.optional() }).strict(),
    output: OperatorInfo,
    permission: 'people.manage',
  },
  'people.update': {
    input: z
      .object({ id: RowId, name: OperatorName.optional(), role: Role.exclude(['owner']).optional(), pin: Pin.nullable().optional(), active: z.boolean().optional() })
      .strict(),
    output: OperatorInfo,
    permission: 'people.manage',
  },
  'people.permissions': {
    input: Empty,
    output: z.object({ roles: z.record(Role, z.array(Permission)), ownerOnly: z.array(Permission) }),
    permission: 'orders.view',
  },
  'people.setPermissions': {
    input: z.object({ role: Role.exclude(['owner']), permissions: z.array(Permission).max(50) }).strict(),
    output: z.array(Permission),
    permission: 'people.manage',
  },

  'stations.list': { input: Empty, output: z.array(StationInfo), permission: 'stations.manage' },
  /** A one-time code for a new station; the station trades it for its own token at POST /pair. */
  'stations.pairStart': {
    input: z.object({ name: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({ code: z.string(), expiresAt: z.number().int(), urls: z.array(z.string()), qrDataUrl: z.string() }),
    permission: 'stations.manage',
  },
  'stations.revoke': { input: z.object({ id: RowId }).strict(), output: StationInfo, permission: 'stations.manage' },

  'printers.list': { input: Empty, output: z.array(PrinterInfo), permission: 'print.labels' },
  'printers.save': { input: z.object({ id: RowId.optional(), printer: PrinterInput }).strict(), output: PrinterInfo, permission: 'stations.manage' },
  'printers.remove': { input: z.object({ id: RowId }).strict(), output: z.object({ removed: z.boolean() }), permission: 'stations.manage' },
  /** A station's printers; without stationId, the caller's own station. */
  'stations.printers': { input: z.object({ stationId: RowId.optional() }).strict(), output: StationPrinters, permission: 'print.labels' },
  'stations.setPrinters': {
    input: z.object({ stationId: RowId, label: RowId.nullable(), slip: RowId.nullable(), picklist: RowId.nullable() }).strict(),
    output: StationPrinters,
    permission: 'stations.manage',
  },
} as const;
