import type { z } from 'zod';
import type { AuditCheck } from '../../../shared/domain/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { CheckParams } from '../check-types.js';

/**
 * Validates a check's params with its schema (defaults filled in, unknown params refused) and turns the first
 * problem into AppError('invalid_input') naming the check, the param and the value.
 */
export function parseWith<S extends z.ZodType<CheckParams>>(check: AuditCheck, schema: S, params: CheckParams): CheckParams {
  const r = schema.safeParse(params);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const param = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(params)');
  const value = issue.path.length ? (params as Record<string, unknown>)[String(issue.path[0])] : undefined;
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  const what = issue.code === 'unrecognized_keys' ? `unknown param ${param}` : `param ${param}: ${issue.message}${shown}`;
  throw new AppError('invalid_input', `check ${check}: ${what}`, { check, param });
}

/**
 * A comma-separated list the seller typed (ASCII or full-width commas), trimmed, empty items dropped: how text
 * params (harmless phrases, currency limits) are written in the settings screen.
 */
export function splitList(s: string): string[] {
  return s
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}
