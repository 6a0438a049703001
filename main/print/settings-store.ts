import { AppError } from '../../shared/errors.js';
import { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import type { PrintTarget } from './send.js';
import { PrintSettingsInput, resolveSettings, settingsToStore, type PrintSettings } from './settings.js';

interface PrinterRow {
  id: number;
  name: string;
  transport: 'tcp' | 'os';
  address: string;
  language: 'escpos' | 'tspl' | 'zpl' | 'os';
  paper: PrintTarget['paper'];
  settings: string;
}

export interface ChangedBy {
  actor: string;
  operatorId?: number | null;
  stationId?: number | null;
  reason?: string | null;
}

/**
 * A printer's print settings and calibration (printers.settings JSON). Saving validates them against the printer's
 * language and records who changed what, before and after, in the same transaction.
 */
export class PrinterSettingsStore {
  private readonly events: EventLog;
  constructor(private readonly db: DB) {
    this.events = new EventLog(db);
  }

  private row(id: number): PrinterRow {
    const r = this.db.prepare('SELECT id, name, transport, address, language, paper, settings FROM printers WHERE id = ?').get(id) as PrinterRow | undefined;
    if (!r) throw new AppError('not_found', `printer ${id} does not exist`, { id });
    return r;
  }

  /** The printer as the print functions take it, settings resolved. */
  target(id: number): PrintTarget & { id: number } {
    const r = this.row(id);
    const settings = r.language === 'os' ? undefined : resolveSettings(r.language, r.settings);
    return { id: r.id, name: r.name, transport: r.transport, address: r.address, language: r.language, paper: r.paper, settings };
  }

  get(id: number): PrintSettings {
    const r = this.row(id);
    if (r.language === 'os') throw new AppError('invalid_input', `printer ${r.name} prints through the system driver and has no print settings`, { id });
    return resolveSettings(r.language, r.settings);
  }

  /** Replaces the stored settings (what the setup screen shows is what it saves). */
  save(id: number, input: unknown, by: ChangedBy, now = Date.now()): PrintSettings {
    const r = this.row(id);
    if (r.language === 'os') throw new AppError('invalid_input', `printer ${r.name} prints through the system driver; calibration applies to ESC/POS, TSPL and ZPL printers`, { id });
    const parsed = PrintSettingsInput.safeParse(input);
    const stored = settingsToStore(r.language, parsed.success ? parsed.data : (input as PrintSettingsInput)); // invalid input throws a named error
    const before = JSON.parse(r.settings) as unknown;
    this.db.transaction(() => {
      this.db.prepare('UPDATE printers SET settings = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(stored), now, id);
      this.events.record({
        at: now,
        actor: by.actor,
        entity: 'printer',
        entityId: id,
        action: 'settings.changed',
        reason: by.reason ?? null,
        data: { printer: r.name, before, after: stored },
        operatorId: by.operatorId ?? null,
        stationId: by.stationId ?? null,
      });
    })();
    return resolveSettings(r.language, stored);
  }
}
