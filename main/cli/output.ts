import { AppError, type ErrorPayload } from '../../shared/errors.js';
import { toErrorPayload } from '../transport/dispatch.js';
import type { InvokeResult } from '../../shared/contract/bridge.js';

/** Exit codes: 0 ok, 1 failure, 2 bad input (documented in README). */
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Errors go to stderr: as JSON {error:{code,message,details}} with --json, as one plain line otherwise. */
export function reportError(e: unknown, json: boolean): number {
  const err: ErrorPayload = toErrorPayload(e);
  if (json) process.stderr.write(JSON.stringify({ error: err }) + '\n');
  else process.stderr.write(`shopdesk: ${err.message}${err.code === 'internal' ? '' : ` [${err.code}]`}\n`);
  return err.code === 'invalid_input' || err.code === 'not_found' ? EXIT_BAD_INPUT : EXIT_FAILURE;
}

/** Unwraps a dispatch result, throwing its error so the CLI reports it like any other. */
export function unwrap(result: InvokeResult): unknown {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.details);
}

/** A plain aligned table for humans (JSON is for programs). Widths count CJK characters as two columns. */
export function printTable(headers: string[], rows: (string | number | null)[][]): void {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  for (const r of cells) {
    process.stdout.write(r.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - width(c)))).join('  ').trimEnd() + '\n');
  }
}
