import type { TableRecord } from '../source/table.js';
import type { CellProblem, MapContext } from './types.js';
import { amount, blank, CellError, cleanId, quantity, text, time } from './values.js';

/**
 * One row seen through a format's columns: typed reads by field name that record a problem naming the column
 * header (as the file spells it) instead of throwing, so one bad cell marks its row and the rest of the file goes on.
 */
export class Cells {
  ok = true;
  constructor(
    private readonly ctx: MapContext,
    private readonly rec: TableRecord,
    private readonly problems: CellProblem[],
  ) {}

  has(field: string): boolean {
    return this.ctx.col.has(field);
  }

  header(field: string): string {
    const i = this.ctx.col.get(field);
    return i === undefined ? field : (this.ctx.headers[i] ?? field).trim();
  }

  raw(field: string): string | undefined {
    const i = this.ctx.col.get(field);
    return i === undefined ? undefined : this.rec.cells[i];
  }

  private numeric(field: string): boolean {
    const i = this.ctx.col.get(field);
    return i !== undefined && this.rec.numeric?.[i] === true;
  }

  empty(field: string): boolean {
    return blank(this.raw(field));
  }

  fail(field: string | null, message: string): null {
    this.ok = false;
    this.problems.push({ column: field === null ? null : this.header(field), message });
    return null;
  }

  private guard<T>(field: string, f: (raw: string) => T): T | null {
    const raw = this.raw(field);
    if (raw === undefined) return null;
    try {
      return f(raw);
    } catch (e) {
      if (e instanceof CellError) return this.fail(field, e.message);
      throw e;
    }
  }

  text(field: string, max?: number): string | null {
    return text(this.raw(field), max);
  }

  /** A value the row cannot do without. */
  required(field: string): string | null {
    const t = this.text(field);
    return t === null ? this.fail(field, 'is empty') : t;
  }

  id(field: string, pattern: RegExp | null): string | null {
    if (this.empty(field)) return this.fail(field, 'is empty');
    return this.guard(field, (r) => cleanId(r, pattern, this.numeric(field)));
  }

  optionalId(field: string): string | null {
    if (this.empty(field)) return null;
    return this.guard(field, (r) => cleanId(r, null, this.numeric(field)));
  }

  money(field: string, currency: string, required = false): number | null {
    if (required && this.empty(field)) return this.fail(field, 'is empty');
    return this.guard(field, (r) => amount(r, currency));
  }

  qty(field: string): number | null {
    if (this.empty(field)) return this.fail(field, 'is empty');
    return this.guard(field, quantity);
  }

  time(field: string, required = false): number | null {
    if (required && this.empty(field)) return this.fail(field, 'is empty');
    return this.guard(field, (r) => time(r, this.ctx.utcOffsetMinutes, this.numeric(field)));
  }
}
