import type { CellKind, CellValue } from './columns.js';

/** A file being written row by row. `write` may buffer; awaiting `drain` lets the disk catch up. */
export interface Sink {
  write(cells: readonly CellValue[]): void;
  /** Resolves when buffered rows have gone to the file (backpressure). */
  drain(): Promise<void>;
  /** Finishes the file; resolves with its size in bytes. */
  finish(): Promise<number>;
  /** Stops writing and removes the partial file. */
  abort(): Promise<void>;
}

/** How a sink turns cell values into what it writes: times are formatted once here, for every format. */
export interface CellPlan {
  kinds: readonly CellKind[];
  time: (ms: number) => string;
}

/**
 * Spreadsheets run a cell that starts with = + - @ (and, in some, tab or carriage return) as a formula: a buyer's
 * name like "=HYPERLINK(…)" would become a live link or worse. Such text gets a leading ' (OWASP "CSV injection").
 * Only text from outside is guarded; money and counts we formatted ourselves are plain numbers.
 */
export function guardFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
