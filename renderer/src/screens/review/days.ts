/** A local calendar day as audit.kpi names it (YYYY-MM-DD in the computer's time zone). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The last `n` local days ending today, oldest first. Steps by calendar day, so a DST change never skips or repeats one. */
export function lastDays(n: number, now: number): string[] {
  const today = new Date(now);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i, 12).getTime()));
  return out;
}

/** A 0..1 rate as a whole percent for display ("83 %"); null stays null (nothing audited that day). */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 100);
}
