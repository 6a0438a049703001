import { fen, fromUnixSeconds, fromUnixSecondsOrNull } from '../../edge.js';

/** A payload field we could not read; becomes a MappingError naming the order (or case) and the field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

type Wire = number | string | null | undefined;

/** Integer fen (抖店 sends money as int64 fen); floats and junk are refused, naming the field. */
export function fenAt(v: Wire, field: string): number {
  try {
    return fen(v);
  } catch (e) {
    throw new FieldError(field, (e as Error).message);
  }
}

/** Unix seconds → epoch ms, required. */
export function timeAt(v: Wire, field: string): number {
  if (v === null || v === undefined || v === '') throw new FieldError(field, 'missing');
  try {
    return fromUnixSeconds(v);
  } catch (e) {
    throw new FieldError(field, (e as Error).message);
  }
}

/** Unix seconds → epoch ms; 0 or absent (抖店's "not yet") is null. */
export function timeOrNullAt(v: Wire, field: string): number | null {
  try {
    return fromUnixSecondsOrNull(v);
  } catch (e) {
    throw new FieldError(field, (e as Error).message);
  }
}

/** A non-negative whole number (a quantity, a status code). */
export function intAt(v: Wire, field: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new FieldError(field, `not a whole number: ${JSON.stringify(v)}`);
  return n;
}
