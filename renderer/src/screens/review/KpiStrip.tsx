import { useMemo } from 'react';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { useKpi } from './data.js';
import { lastDays, localDay, percent } from './days.js';

const DAYS = 7;
const TOP_RULES = 3;

/**
 * How much the rules decide by themselves: today's auto-approval rate against main's target, the last seven days as
 * bars with the target line, and the rules that fired most. Days are the computer's local days (as main counts them).
 */
export function KpiStrip() {
  const t = useT();
  const fmt = useFormat();
  // Recomputed when the day turns (the first render after midnight asks for the new week).
  const today = localDay(Date.now());
  const days = useMemo(() => lastDays(DAYS, Date.now()), [today]);
  const from = days[0]!;
  const { data: kpi, error, reload } = useKpi(from, today);

  if (error && !kpi) return <ErrorBox compact title={t('kpi.error')} error={error} onRetry={reload} />;
  const target = kpi ? percent(kpi.target) : null;
  const byDay = new Map((kpi?.days ?? []).map((d) => [d.day, d]));
  const now = byDay.get(today);
  const rate = percent(now?.autoRate ?? null);
  const top = [...(kpi?.byRule ?? [])].filter((r) => r.fired > 0).sort((a, b) => b.fired - a.fired).slice(0, TOP_RULES);

  return (
    <section className="kpi-strip" data-testid="kpi-strip" aria-label={t('kpi.label')} aria-busy={!kpi}>
      <div className="kpi-today" data-testid="kpi-today" data-rate={rate ?? ''}>
        <div className="kpi-label">{t('kpi.today')}</div>
        <div className={`kpi-rate ${rate === null || target === null ? '' : rate >= target ? 'ok' : 'low'}`}>{rate === null ? t('common.none') : `${rate}%`}</div>
        <div className="muted small">
          {target !== null && t('kpi.target', { pct: target })}
          {now && now.audited > 0 && <> · {t('kpi.counts', { auto: fmt.number(now.autoApproved), all: fmt.number(now.audited) })}</>}
        </div>
      </div>
      <ol className="kpi-days" aria-label={t('kpi.week')}>
        {days.map((day) => {
          const d = byDay.get(day);
          const p = percent(d?.autoRate ?? null);
          const title =
            d && d.audited > 0
              ? t('kpi.dayTitle', { day, pct: p ?? 0, auto: d.autoApproved, review: d.review, held: d.held, all: d.audited })
              : t('kpi.dayNone', { day });
          return (
            <li key={day} className="kpi-day" title={title} data-testid="kpi-day" data-day={day} data-rate={p ?? ''}>
              <span className="kpi-bar">
                {p !== null && <span className={target !== null && p >= target ? 'kpi-fill ok' : 'kpi-fill low'} style={{ height: `${p}%` }} />}
                {target !== null && <span className="kpi-target-line" style={{ bottom: `${target}%` }} />}
              </span>
              <span className="kpi-day-label">{day.slice(5)}</span>
            </li>
          );
        })}
      </ol>
      <div className="kpi-rules">
        <div className="kpi-label">{t('kpi.topRules')}</div>
        {top.length === 0 && <div className="muted small">{t('kpi.noRules')}</div>}
        <ol>
          {top.map((r) => (
            <li key={r.ruleId} data-testid="kpi-rule">
              <span className="kpi-rule-name">{r.name}</span>
              <span className="muted small">
                {t('kpi.fired', { n: fmt.number(r.fired) })}
                {r.decided && ` · ${t(`outcome.${r.decided}`)}`}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
