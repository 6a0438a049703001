import { AppError } from '../../shared/errors.js';

/** A whole-number option within bounds, or an error that names the option and what it got. */
export function intOption(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) {
    throw new AppError('invalid_input', `--${name} must be a whole number from ${min} to ${max} (got "${v}")`, { field: name });
  }
  return n;
}
