import type { PrinterInfo, PrinterInput, PrintRole, StationPrinters } from '../../shared/domain/people.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';

const COLUMNS = 'id, name, transport, address, language, paper';

/**
 * Printers and each station's choice of them. A packing bench prints its labels on the printer beside it, not on
 * the owner's: the print queue asks `printerFor(station, role)` and gets that station's printer or a plain refusal.
 */
export class PrinterStore {
  constructor(private readonly db: DB) {}

  list(): PrinterInfo[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM printers ORDER BY name`).all() as PrinterInfo[];
  }

  get(id: number): PrinterInfo {
    const p = this.db.prepare(`SELECT ${COLUMNS} FROM printers WHERE id = ?`).get(id) as PrinterInfo | undefined;
    if (!p) throw new AppError('not_found', `printer ${id} does not exist`, { id });
    return p;
  }

  save(id: number | undefined, p: PrinterInput, now = Date.now()): PrinterInfo {
    const clash = this.db.prepare('SELECT id FROM printers WHERE name = ? AND id IS NOT ?').get(p.name, id ?? null);
    if (clash) throw new AppError('conflict', `a printer named "${p.name}" already exists`, { field: 'name' });
    if (id === undefined) {
      const newId = this.db
        .prepare('INSERT INTO printers (name, transport, address, language, paper, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.name, p.transport, p.address, p.language, p.paper, now, now).lastInsertRowid;
      return this.get(Number(newId));
    }
    this.get(id);
    this.db.prepare('UPDATE printers SET name = ?, transport = ?, address = ?, language = ?, paper = ?, updated_at = ? WHERE id = ?').run(p.name, p.transport, p.address, p.language, p.paper, now, id);
    return this.get(id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM printers WHERE id = ?').run(id).changes > 0;
  }

  ofStation(stationId: number): StationPrinters {
    const rows = this.db.prepare('SELECT role, printer_id FROM station_printers WHERE station_id = ?').all(stationId) as { role: PrintRole; printer_id: number }[];
    const by = Object.fromEntries(rows.map((r) => [r.role, r.printer_id]));
    return { stationId, label: by.label ?? null, slip: by.slip ?? null, picklist: by.picklist ?? null };
  }

  assign(stationId: number, choice: Record<PrintRole, number | null>): StationPrinters {
    if (!this.db.prepare('SELECT 1 FROM stations WHERE id = ? AND revoked_at IS NULL').get(stationId)) {
      throw new AppError('not_found', `station ${stationId} does not exist or was revoked`, { stationId });
    }
    this.db.transaction(() => {
      for (const [role, printerId] of Object.entries(choice) as [PrintRole, number | null][]) {
        if (printerId === null) this.db.prepare('DELETE FROM station_printers WHERE station_id = ? AND role = ?').run(stationId, role);
        else {
          this.get(printerId);
          this.db
            .prepare('INSERT INTO station_printers (station_id, role, printer_id) VALUES (?, ?, ?) ON CONFLICT(station_id, role) DO UPDATE SET printer_id = excluded.printer_id')
            .run(stationId, role, printerId);
        }
      }
    })();
    return this.ofStation(stationId);
  }

  /** The printer this station uses for this kind of document, or an error that says how to set one. */
  printerFor(stationId: number | null, role: PrintRole): PrinterInfo {
    const row = stationId
      ? (this.db.prepare('SELECT printer_id FROM station_printers WHERE station_id = ? AND role = ?').get(stationId, role) as { printer_id: number } | undefined)
      : undefined;
    if (!row) {
      const station = stationId ? (this.db.prepare('SELECT name FROM stations WHERE id = ?').get(stationId) as { name: string } | undefined) : undefined;
      throw new AppError('conflict', `no ${role} printer is set for ${station ? `station "${station.name}"` : 'this station'}; choose one in Settings → Stations`, {
        stationId,
        role,
      });
    }
    return this.get(row.printer_id);
  }
}
