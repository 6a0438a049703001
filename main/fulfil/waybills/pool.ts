import { AppError } from '../../../shared/errors.js';
import type { EventLog } from '../../history/events.js';
import { CsvParser, type TableRecord } from '../../imports/source/csv-parser.js';
import type { DB } from '../../store/db.js';
import { by, type Who } from '../who.js';
import { matchesFormat, normalizeTrackingNo } from './formats.js';
import type { AllocatedNumber, CarrierSetup, WaybillProvider } from './provider.js';

const MAX_INVALID_LISTED = 20;

/**
 * Numbers a carrier handed out in advance, imported from its list (one a line, or a CSV/TSV export whose number
 * column is found by which column holds numbers of the carrier's format). Handing out the next number is one
 * UPDATE … RETURNING, so two stations can never get the same one. Policy: a number taken but never printed goes
 * back to the pool; one that was printed and then voided is never reused (the label may still be on a parcel).
 */
export class WaybillPool {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
  ) {}

  /** Adds the list's numbers; the whole list is refused (nothing added) when any value is not a number of this carrier. */
  import(carrier: string, text: string, batch: string, lowWater: number, who: Who, now = Date.now()): { added: number; duplicates: number; free: number; poolLow: boolean } {
    const numbers = parseList(carrier, text, batch);
    return this.db.transaction(() => {
      const ins = this.db.prepare("INSERT OR IGNORE INTO waybill_pool (carrier, tracking_no, state, batch, imported_at) VALUES (?, ?, 'free', ?, ?)");
      const bound = this.db.prepare("SELECT 1 FROM waybills WHERE carrier = ? AND tracking_no = ? AND state IN ('allocated','printed','shipped')");
      let added = 0;
      let duplicates = 0;
      for (const n of new Set(numbers)) {
        if (bound.get(carrier, n) || ins.run(carrier, n, batch, now).changes === 0) duplicates++;
        else added++;
      }
      duplicates += numbers.length - new Set(numbers).size;
      const free = this.free(carrier);
      this.log.record({ at: now, ...by(who), entity: 'waybill_pool', entityId: null, action: 'imported', data: { carrier, batch, added, duplicates, free } });
      return { added, duplicates, free, poolLow: free <= lowWater };
    })();
  }

  free(carrier: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM waybill_pool WHERE carrier = ? AND state = 'free'").get(carrier) as { n: number }).n;
  }

  /** The next free number (oldest imported first), marked taken in the same statement; null when none is left. */
  take(carrier: string, now = Date.now()): string | null {
    const r = this.db
      .prepare(
        `UPDATE waybill_pool SET state = 'taken', taken_at = ?
         WHERE id = (SELECT id FROM waybill_pool WHERE carrier = ? AND state = 'free' ORDER BY id LIMIT 1) RETURNING tracking_no`,
      )
      .get(now, carrier) as { tracking_no: string } | undefined;
    return r?.tracking_no ?? null;
  }

  /** A specific number scanned from a pre-printed label: taken when it is free in the pool. */
  claim(carrier: string, trackingNo: string, now = Date.now()): 'claimed' | 'not_in_pool' | 'taken' | 'void' {
    const r = this.db.prepare('SELECT id, state FROM waybill_pool WHERE carrier = ? AND tracking_no = ?').get(carrier, trackingNo) as { id: number; state: string } | undefined;
    if (!r) return 'not_in_pool';
    if (r.state !== 'free') return r.state as 'taken' | 'void';
    this.db.prepare("UPDATE waybill_pool SET state = 'taken', taken_at = ? WHERE id = ? AND state = 'free'").run(now, r.id);
    return 'claimed';
  }

  /** Back to free when never printed, else void for good. */
  giveBack(carrier: string, trackingNo: string, printed: boolean): void {
    this.db.prepare("UPDATE waybill_pool SET state = ?, taken_at = CASE WHEN ? = 'free' THEN NULL ELSE taken_at END WHERE carrier = ? AND tracking_no = ? AND state = 'taken'").run(
      printed ? 'void' : 'free',
      printed ? 'void' : 'free',
      carrier,
      trackingNo,
    );
  }
}

/** The pool as a provider: numbers come from the imported list; a cancelled number goes back or is voided. */
export class PoolProvider implements WaybillProvider {
  readonly name = 'pool' as const;
  constructor(
    private readonly pool: WaybillPool,
    private readonly log: EventLog,
    private readonly now: () => number,
  ) {}

  async allocate(_t: unknown, setup: CarrierSetup): Promise<AllocatedNumber> {
    const n = this.pool.take(setup.carrier, this.now());
    if (n === null) {
      throw new AppError('conflict', `the ${setup.carrier} number pool is empty: import more numbers from the carrier (Settings → Waybills)`, { carrier: setup.carrier, reason: 'pool_empty' });
    }
    const free = this.pool.free(setup.carrier);
    // Said once, when the pool crosses its mark, not on every label after.
    if (free === setup.lowWater) {
      this.log.record({ at: this.now(), actor: 'system:waybills', entity: 'waybill_pool', entityId: null, action: 'pool_low', data: { carrier: setup.carrier, free, lowWater: setup.lowWater } });
    }
    return { trackingNo: n };
  }

  async cancel(trackingNo: string, setup: CarrierSetup, how: { printed: boolean }): Promise<void> {
    this.pool.giveBack(setup.carrier, trackingNo, how.printed);
  }
}

/** The numbers in a carrier's list, in order; throws naming every value (up to 20) that is not one. */
export function parseList(carrier: string, text: string, file: string): string[] {
  const records: TableRecord[] = [];
  const parser = new CsvParser(text.includes('\t') ? '\t' : ',', file);
  parser.push(text, records);
  parser.end(records);
  const cellsOf = (r: TableRecord) => r.cells.map((c) => normalizeTrackingNo(c.replace(/^="?|"$/g, ''))).filter((c) => c !== '');
  const rows = records.map((r) => ({ row: r.row, cells: cellsOf(r) })).filter((r) => r.cells.length > 0);
  if (!rows.length) throw new AppError('invalid_input', `the ${carrier} list has no numbers`, { field: 'text' });
  let values: { row: number; value: string }[];
  if (rows.length === 1) values = rows[0]!.cells.map((value) => ({ row: rows[0]!.row, value }));
  else if (rows.every((r) => r.cells.length === 1)) values = rows.map((r) => ({ row: r.row, value: r.cells[0]! }));
  else {
    // A table: the number column is the one whose values look like this carrier's numbers most often.
    const width = Math.max(...rows.map((r) => r.cells.length));
    let best = -1;
    let bestHits = 0;
    for (let c = 0; c < width; c++) {
      const hits = rows.filter((r) => r.cells[c] !== undefined && matchesFormat(carrier, r.cells[c]!)).length;
      if (hits > bestHits) {
        best = c;
        bestHits = hits;
      }
    }
    if (best < 0) throw new AppError('invalid_input', `no column of the list holds ${carrier} tracking numbers`, { field: 'text', carrier });
    values = rows.filter((r) => r.cells[best] !== undefined).map((r) => ({ row: r.row, value: r.cells[best]! }));
  }
  // A first line without a digit is the header ("运单号", "waybill_no"); a number always has digits.
  if (values.length > 1 && values[0]!.row === rows[0]!.row && !/\d/.test(values[0]!.value)) values = values.slice(1);
  const invalid = values.filter((v) => !matchesFormat(carrier, v.value));
  if (invalid.length) {
    const listed = invalid.slice(0, MAX_INVALID_LISTED);
    throw new AppError(
      'invalid_input',
      `${invalid.length} value(s) in the list are not ${carrier} tracking numbers, so nothing was imported: ${listed.map((v) => `row ${v.row} "${v.value}"`).join(', ')}${invalid.length > listed.length ? ', …' : ''}`,
      { field: 'text', carrier, invalid: listed },
    );
  }
  return values.map((v) => v.value);
}
