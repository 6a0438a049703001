import { z } from 'zod';
import { RowId } from '../domain/ids.js';
import { ExportProgress } from './exports.js';
import { ImportProgress } from './imports.js';
import { PrintJobEvent } from './print.js';

/** main → renderer notifications. A renderer refetches what it shows when one arrives. */
export const eventChannels = {
  /** Orders were added or changed; `ids` absent means "many, refetch the view". */
  'orders.changed': z.object({ ids: z.array(RowId).optional() }).strict(),
  'shops.changed': z.object({}).strict(),
  /** A station connected, disconnected or was revoked (the owner's Stations screen). */
  'stations.changed': z.object({}).strict(),
  /** A shop's sync is paging, waiting (throttled) or done; `note` says why it waits. */
  'sync.progress': z
    .object({ shopId: RowId, phase: z.enum(['started', 'paging', 'waiting', 'done', 'failed', 'cancelled']), pages: z.number().int(), orders: z.number().int(), note: z.string().optional() })
    .strict(),
  /** An import job read more rows, or changed phase (see shared/contract/imports.ts). */
  'imports.progress': ImportProgress,
  /** An export wrote more rows or ended (see shared/contract/exports.ts). */
  'exports.progress': ExportProgress,
  /** Rules, check settings or the blacklist changed, or a re-run finished: rule and review screens refetch. */
  'audit.changed': z.object({}).strict(),
  /** A print batch moved: a job sent, failed or uncertain, the batch paused, resumed or done. */
  'print.job': PrintJobEvent,
  'outbox.changed': z.object({ ids: z.array(RowId) }).strict(),
} as const;
