/*
 * When a hold made by hand lets go by itself. The dialog offers "by hand only", "after N hours" and "at a date and
 * time"; main gets an epoch-ms instant (or nothing). Pure, so the dialog and its unit test agree on every rule.
 */
export type ReleaseMode = 'manual' | 'after' | 'at';

/** The longest automatic hold a person can set from the review screen: 60 days, as rules allow (HoldRelease.after). */
export const MAX_HOLD_HOURS = 24 * 60;
const HOUR_MS = 3_600_000;

export type ReleaseProblem = 'hoursBad' | 'dateBad' | 'datePast' | 'dateFar';
export type ReleaseAt = { ok: true; releaseAt: number | undefined } | { ok: false; problem: ReleaseProblem };

/**
 * `hours` is whole hours as typed; `at` is an <input type="datetime-local"> value ("2025-06-01T18:00"), read in the
 * computer's own time zone (that is what the person sees on the wall clock).
 */
export function releaseAtFrom(mode: ReleaseMode, hours: string, at: string, now: number): ReleaseAt {
  if (mode === 'manual') return { ok: true, releaseAt: undefined };
  if (mode === 'after') {
    const text = hours.trim();
    if (!/^\d{1,5}$/.test(text)) return { ok: false, problem: 'hoursBad' };
    const n = Number(text);
    if (n < 1 || n > MAX_HOLD_HOURS) return { ok: false, problem: 'hoursBad' };
    return { ok: true, releaseAt: now + n * HOUR_MS };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(at.trim());
  if (!m) return { ok: false, problem: 'dateBad' };
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const when = new Date(y, mo - 1, d, h, mi, s);
  // new Date() rolls 2025-02-30 over to March: a date that does not exist is refused, not moved.
  if (when.getFullYear() !== y || when.getMonth() !== mo - 1 || when.getDate() !== d || when.getHours() !== h) return { ok: false, problem: 'dateBad' };
  const ms = when.getTime();
  if (ms <= now) return { ok: false, problem: 'datePast' };
  if (ms - now > MAX_HOLD_HOURS * HOUR_MS) return { ok: false, problem: 'dateFar' };
  return { ok: true, releaseAt: ms };
}

/** A datetime-local value for `ms` in local time, minutes precision (the dialog's default and min). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
