import type { z } from 'zod';
import type { ExportRequest } from '../../shared/contract/exports.js';
import { AppError } from '../../shared/errors.js';
import type { RowRecord } from '../orders/rows.js';
import { headers, ORDER_COLUMNS, shipmentColumns, timeFormatter, type Column, type ShipmentRecord } from './columns.js';
import { CsvSink } from './csv.js';
import type { Sink } from './sink.js';
import { openSnapshot, ordersViewSource, shipmentsSource, type RowSource } from './source.js';
import { XlsxSink } from './xlsx.js';

export type ParsedExportRequest = z.output<typeof ExportRequest>;

export interface RunOptions {
  dbPath: string;
  request: ParsedExportRequest;
  /** Must not exist yet: an export never overwrites a file. */
  file: string;
  signal?: AbortSignal;
  /** Called every few hundred rows and at the end. */
  onProgress?: (rows: number, total: number) => void;
}

/** Rows between pauses: enough to keep the loop efficient, few enough that the app answers others in between. */
const CHUNK = 500;

/** The zone of the computer main runs on: what "local time" means when the caller names none. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A time zone the runtime knows, or a clear error naming the field. */
export function checkTimeZone(zone: string): string {
  try {
    timeFormatter(zone);
    return zone;
  } catch {
    throw new AppError('invalid_input', `timeZone: "${zone}" is not a time zone this computer knows (e.g. Asia/Shanghai)`, { field: 'timeZone' });
  }
}

function cancelled(): AppError {
  return new AppError('conflict', 'the export was cancelled', { reason: 'cancelled' });
}

/**
 * Writes one export to `file`: a read-only snapshot streamed row by row into the CSV or XLSX writer, pausing every
 * CHUNK rows for the disk (backpressure) and the event loop (the app stays responsive; a cancel is seen at once).
 * On failure or cancel the partial file is removed.
 */
export async function runExport(o: RunOptions): Promise<{ rows: number; total: number; bytes: number }> {
  const req = o.request;
  const zone = checkTimeZone(req.timeZone ?? defaultTimeZone());
  const db = openSnapshot(o.dbPath);
  let source: RowSource<RowRecord> | RowSource<ShipmentRecord> | null = null;
  let sink: Sink | null = null;
  try {
    let columns: Column<never>[];
    if (req.kind === 'orders') {
      source = ordersViewSource(db, req.view);
      columns = ORDER_COLUMNS as Column<never>[];
    } else {
      source = shipmentsSource(db, req.from, req.to, req.shopIds);
      columns = shipmentColumns(req.lang) as Column<never>[];
    }
    const plan = { kinds: columns.map((c) => c.kind), time: timeFormatter(zone) };
    const head = headers(columns, req.lang, zone);
    sink = req.format === 'csv' ? new CsvSink(o.file, head, plan) : new XlsxSink(o.file, req.kind === 'orders' ? 'Orders' : 'Shipments', columns, head, plan);
    const total = source.total;
    let rows = 0;
    o.onProgress?.(0, total);
    for (const r of source.rows) {
      sink.write(columns.map((c) => c.value(r as never)));
      if (++rows % CHUNK === 0) {
        await sink.drain();
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (o.signal?.aborted) throw cancelled();
        o.onProgress?.(rows, total);
      }
    }
    if (o.signal?.aborted) throw cancelled();
    const bytes = await sink.finish();
    sink = null;
    o.onProgress?.(rows, Math.max(total, rows));
    return { rows, total: Math.max(total, rows), bytes };
  } catch (e) {
    await sink?.abort();
    throw e;
  } finally {
    // Ends an iteration cut short (cancel, error) so the statement is reset before the connection closes.
    source?.rows.return?.();
    db.close();
  }
}
