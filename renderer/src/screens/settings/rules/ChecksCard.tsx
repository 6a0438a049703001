import { useState } from 'react';
import type { CheckSetting } from '../../../../../shared/domain/audit.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { hasKey, useT } from '../../../i18n/index.js';
import { useAnswerOver, useAuditTick, useLoaded } from '../../review/use-loaded.js';

type Param = CheckSetting['params'][string];

/** A param's words when we have them ("windowMinutes" → "Window (minutes)"), else its name as main gives it. */
function paramLabel(t: ReturnType<typeof useT>, name: string): string {
  const key = `checkParam.${name}`;
  return hasKey(key) ? t(key) : name;
}

/** One check's row: its own draft, saved with its Save button or Enter in a param. */
function CheckRow({ setting, onSaved }: { setting: CheckSetting; onSaved: (checks: CheckSetting[]) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<CheckSetting>(setting);
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(setting.params).map(([k, v]) => [k, String(v)])));
  const [bad, setBad] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const dirty = JSON.stringify({ ...draft, params: texts }) !== JSON.stringify({ ...setting, params: Object.fromEntries(Object.entries(setting.params).map(([k, v]) => [k, String(v)])) });

  const save = () => {
    if (busy) return;
    const params: Record<string, Param> = {};
    for (const [k, v] of Object.entries(setting.params)) {
      if (typeof v === 'boolean') params[k] = draft.params[k] === true;
      else if (typeof v === 'number') {
        const text = (texts[k] ?? '').trim();
        // Params are whole numbers or decimals as main defines them; anything else is named, not sent.
        if (!/^-?\d+(\.\d+)?$/.test(text)) {
          setBad(k);
          return;
        }
        params[k] = Number(text);
      } else params[k] = texts[k] ?? '';
    }
    setBad(null);
    run(() => api.invoke('audit.checks.save', { ...draft, params }), (r) => onSaved(r.checks));
  };

  return (
    <tr data-testid="check-row" data-check={setting.check} className={draft.enabled ? undefined : 'inactive'}>
      <th scope="row">
        <div>{t(`flagReason.${setting.check}`)}</div>
        <div className="muted small">{t(`check.desc.${setting.check}`)}</div>
      </th>
      <td>
        <input type="checkbox" data-testid="check-enabled" aria-label={t('checks.enabled')} checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
      </td>
      <td>
        <select className="input" data-testid="check-outcome" aria-label={t('checks.outcome')} value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value as 'review' | 'hold' })}>
          <option value="review">{t('outcome.review')}</option>
          <option value="hold">{t('outcome.hold')}</option>
        </select>
      </td>
      <td>
        <div className="check-params">
          {Object.entries(setting.params).map(([k, v]) => (
            <label key={k} className={typeof v === 'boolean' ? 'check' : 'param'}>
              {typeof v === 'boolean' ? (
                <>
                  <input type="checkbox" data-testid={`check-param-${k}`} checked={draft.params[k] === true} onChange={(e) => setDraft({ ...draft, params: { ...draft.params, [k]: e.target.checked } })} />
                  {paramLabel(t, k)}
                </>
              ) : (
                <>
                  <span className="param-name">{paramLabel(t, k)}</span>
                  <input
                    className={typeof v === 'number' ? 'input cond-num' : 'input'}
                    data-testid={`check-param-${k}`}
                    inputMode={typeof v === 'number' ? 'decimal' : undefined}
                    value={texts[k] ?? ''}
                    aria-invalid={bad === k}
                    onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !e.nativeEvent.isComposing) save();
                    }}
                  />
                </>
              )}
            </label>
          ))}
          {bad && <div className="field-error">{t('checks.numberBad', { name: paramLabel(t, bad) })}</div>}
          {error && <ErrorBox compact title={t('checks.saveError')} error={error} />}
        </div>
      </td>
      <td>
        <button type="button" className="btn" data-testid="check-save" disabled={!dirty} aria-disabled={busy} onClick={save}>
          {t('checks.save')}
        </button>
      </td>
    </tr>
  );
}

/** The built-in checks: on or off, review or hold when they fire, and their own params as main lists them. */
export function ChecksCard() {
  const t = useT();
  const tick = useAuditTick();
  const { data, error, reload } = useLoaded('checks', tick, () => api.invoke('audit.checks.list', {}));
  const [saved, setSaved] = useAnswerOver<typeof data, CheckSetting[]>(data);
  const checks = saved ?? data?.checks ?? null;
  return (
    <section className="card wide" data-testid="checks-card">
      <h2>{t('checks.title')}</h2>
      <p className="muted">{t('checks.hint')}</p>
      {error && <ErrorBox compact title={t('checks.loadError')} error={error} onRetry={reload} />}
      {!checks && !error && <p className="muted">{t('common.loading')}</p>}
      {checks && (
        <table className="data-table checks-table">
          <thead>
            <tr>
              <th scope="col">{t('checks.check')}</th>
              <th scope="col">{t('checks.enabled')}</th>
              <th scope="col">{t('checks.outcome')}</th>
              <th scope="col">{t('checks.params')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              // Keyed by the saved values: a save from elsewhere (or this row's own) starts the row's draft afresh.
              <CheckRow key={`${c.check}:${JSON.stringify(c)}`} setting={c} onSaved={(all) => setSaved(all)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
