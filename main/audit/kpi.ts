import type { AuditKpi } from '../../shared/contract/index.js';
import type { AuditCheck, AuditOutcome, AuditRule } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';
import { localDay } from './flags.js';

/** The goal: at least 80% of a day's orders pass audit with no human touch. */
export const AUTO_APPROVAL_TARGET = 0.8;
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** Calendar arithmetic on YYYY-MM-DD (no time zone involved: a day is a label here). */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function validDay(day: string, field: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) throw new AppError('invalid_input', `${field}: "${day}" is not a calendar day`, { field, value: day });
  return day;
}

const rate = (auto: number, all: number) => (all === 0 ? null : auto / all);

/**
 * The auto-approval KPI over the first outcome each order reached (audit_outcomes), by local day, by rule and by
 * check. An order counts as auto-approved only if the rules approved it and no person decided on it since.
 */
export function auditKpi(db: DB, rules: readonly AuditRule[], input: { from?: string; to?: string }, now: number): AuditKpi {
  const to = validDay(input.to ?? localDay(now), 'to');
  const from = validDay(input.from ?? addDays(to, -29), 'from');
  if (from > to) throw new AppError('invalid_input', `from (${from}) is after to (${to})`, { field: 'from', from, to });
  if (Date.parse(to) - Date.parse(from) >= MAX_DAYS * DAY_MS) throw new AppError('invalid_input', `at most ${MAX_DAYS} days at a time (asked ${from} … ${to})`, { field: 'from', from, to });

  const rows = db
    .prepare(
      `SELECT day, count(*) AS audited, sum(outcome = 'approve' AND decided_by = 'auto') AS auto, sum(outcome = 'review') AS review,
         sum(outcome = 'hold') AS held
       FROM audit_outcomes WHERE day BETWEEN ? AND ? GROUP BY day`,
    )
    .all(from, to) as { day: string; audited: number; auto: number; review: number; held: number }[];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days: AuditKpi['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const r = byDay.get(d);
    days.push({ day: d, audited: r?.audited ?? 0, autoApproved: r?.auto ?? 0, review: r?.review ?? 0, held: r?.held ?? 0, autoRate: rate(r?.auto ?? 0, r?.audited ?? 0) });
  }
  const audited = rows.reduce((n, r) => n + r.audited, 0);
  const autoApproved = rows.reduce((n, r) => n + r.auto, 0);

  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const outcomeOf = (r: AuditRule | undefined): AuditOutcome | null =>
    (r?.actions.find((a) => a.type === 'approve' || a.type === 'review' || a.type === 'hold')?.type as AuditOutcome | undefined) ?? null;
  const byRule = (
    db
      .prepare(
        `SELECT j.value AS id, count(*) AS fired FROM audit_outcomes a, json_each(a.rules) j WHERE a.day BETWEEN ? AND ? GROUP BY j.value ORDER BY fired DESC, id`,
      )
      .all(from, to) as { id: number; fired: number }[]
  ).map((r) => ({ ruleId: r.id, name: ruleById.get(r.id)?.name ?? `rule #${r.id} (removed)`, fired: r.fired, decided: outcomeOf(ruleById.get(r.id)) }));
  const byCheck = db
    .prepare(`SELECT j.value AS "check", count(*) AS fired FROM audit_outcomes a, json_each(a.checks) j WHERE a.day BETWEEN ? AND ? GROUP BY j.value ORDER BY fired DESC, "check"`)
    .all(from, to) as { check: AuditCheck; fired: number }[];

  return { from, to, days, total: { audited, autoApproved, autoRate: rate(autoApproved, audited) }, byRule, byCheck, target: AUTO_APPROVAL_TARGET };
}
