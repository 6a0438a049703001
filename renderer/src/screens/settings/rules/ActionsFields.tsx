import { AUDIT_CHECKS, HOLD_REASONS, type AuditCheck, type HoldReason } from '../../../../../shared/domain/audit.js';
import { CARRIERS } from '../../../../../shared/domain/carriers.js';
import { describedBy, Field } from '../../../components/Field.js';
import { useLang, useT } from '../../../i18n/index.js';
import type { ActionsDraft, Outcome, Problems, ReleaseKind, ReleaseUnit } from './rule-form.js';

interface Props {
  draft: ActionsDraft;
  problems: Problems;
  onChange: (a: ActionsDraft) => void;
}

const OUTCOMES: readonly Outcome[] = ['none', 'approve', 'review', 'hold'];
const RELEASES: readonly ReleaseKind[] = ['manual', 'after', 'before_ship_by', 'when_fixed'];
const UNITS: readonly ReleaseUnit[] = ['minutes', 'hours', 'days'];

/**
 * What the rule does when it fires: at most one outcome (approve, review, hold with its reason and release), plus any
 * of: waive built-in checks, tag, set the carrier, the warehouse, the priority.
 */
export function ActionsFields({ draft: a, problems, onChange }: Props) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const set = (patch: Partial<ActionsDraft>) => onChange({ ...a, ...patch });
  const err = (k: string) => {
    const p = problems[k];
    return p ? t(`rules.problem.${p}`) : null;
  };

  return (
    <fieldset className="rule-actions" data-testid="rule-actions">
      <legend>{t('rules.actions')}</legend>
      {problems.actions && (
        <div className="field-error" role="alert" data-testid="rule-actions-error">
          {err('actions')}
        </div>
      )}
      <div className="form-row">
        <Field id="rule-outcome" label={t('rules.outcome')}>
          <select id="rule-outcome" data-testid="rule-outcome" className="input" value={a.outcome} onChange={(e) => set({ outcome: e.target.value as Outcome })}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`rules.outcome.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        {a.outcome === 'hold' && (
          <Field id="rule-hold-reason" label={t('hold.reason')}>
            <select id="rule-hold-reason" data-testid="rule-hold-reason" className="input" value={a.holdReason} onChange={(e) => set({ holdReason: e.target.value as HoldReason })}>
              {HOLD_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`flagReason.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {a.outcome === 'hold' && (
          <Field id="rule-release" label={t('hold.release')} error={err('release')}>
            <span className="cond-values">
              <select id="rule-release" data-testid="rule-release" className="input" value={a.release} aria-describedby={describedBy('rule-release')} onChange={(e) => set({ release: e.target.value as ReleaseKind })}>
                {RELEASES.map((r) => (
                  <option key={r} value={r}>
                    {t(`rules.release.${r}`)}
                  </option>
                ))}
              </select>
              {a.release === 'after' && (
                <>
                  <input className="input cond-num" data-testid="rule-release-amount" aria-label={t('rules.release.amount')} inputMode="numeric" value={a.releaseAmount} onChange={(e) => set({ releaseAmount: e.target.value })} />
                  <select className="input" data-testid="rule-release-unit" aria-label={t('rules.release.unit')} value={a.releaseUnit} onChange={(e) => set({ releaseUnit: e.target.value as ReleaseUnit })}>
                    {UNITS.map((u) => (
                      <option key={u} value={u}>
                        {t(`rules.unit.${u}`)}
                      </option>
                    ))}
                  </select>
                </>
              )}
              {a.release === 'before_ship_by' && (
                <>
                  <input className="input cond-num" data-testid="rule-release-before" aria-label={t('rules.release.beforeHours')} inputMode="numeric" value={a.beforeHours} onChange={(e) => set({ beforeHours: e.target.value })} />
                  <span className="muted small">{t('rules.release.beforeUnit')}</span>
                </>
              )}
            </span>
          </Field>
        )}
        {(a.outcome === 'hold' || a.outcome === 'review') && (
          <Field id="rule-note" label={t('rules.note')}>
            <input id="rule-note" data-testid="rule-note" className="input" maxLength={200} value={a.note} onChange={(e) => set({ note: e.target.value })} />
          </Field>
        )}
      </div>
      <div className="rule-waive">
        <span className="field-label">{t('rules.waive')}</span>
        <div className="cond-picks" role="group" aria-label={t('rules.waive')}>
          {AUDIT_CHECKS.map((c: AuditCheck) => (
            <label key={c} className="check">
              <input type="checkbox" data-testid={`rule-waive-${c}`} checked={a.waive.includes(c)} onChange={(e) => set({ waive: e.target.checked ? [...a.waive, c] : a.waive.filter((x) => x !== c) })} />
              {t(`flagReason.${c}`)}
            </label>
          ))}
        </div>
        <span className="muted small">{t('rules.waiveHint')}</span>
      </div>
      <div className="form-row">
        <Field id="rule-tags" label={t('rules.tags')} hint={t('rules.tagsHint')} error={err('tags')}>
          <input id="rule-tags" data-testid="rule-tags" className="input" value={a.tags} aria-invalid={problems.tags !== undefined} aria-describedby={describedBy('rule-tags')} onChange={(e) => set({ tags: e.target.value })} />
        </Field>
        <Field id="rule-carrier" label={t('rules.carrier')}>
          <select id="rule-carrier" data-testid="rule-carrier" className="input" value={a.carrier} onChange={(e) => set({ carrier: e.target.value })}>
            <option value="">{t('rules.noChange')}</option>
            {CARRIERS.map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'zh-CN' ? c.zh : c.en} ({c.code})
              </option>
            ))}
          </select>
        </Field>
        <Field id="rule-warehouse" label={t('rules.warehouse')} hint={t('rules.warehouseHint')} error={err('warehouse')}>
          <input id="rule-warehouse" data-testid="rule-warehouse" className="input cond-num" inputMode="numeric" value={a.warehouseId} aria-invalid={problems.warehouse !== undefined} aria-describedby={describedBy('rule-warehouse')} onChange={(e) => set({ warehouseId: e.target.value })} />
        </Field>
        <Field id="rule-priority" label={t('rules.priority')} hint={t('rules.priorityHint')} error={err('priority')}>
          <input id="rule-priority" data-testid="rule-priority" className="input cond-num" inputMode="numeric" value={a.priority} aria-invalid={problems.priority !== undefined} aria-describedby={describedBy('rule-priority')} onChange={(e) => set({ priority: e.target.value })} />
        </Field>
      </div>
    </fieldset>
  );
}
