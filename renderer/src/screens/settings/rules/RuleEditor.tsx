import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AuditRule } from '../../../../../shared/domain/audit.js';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { describedBy, Field } from '../../../components/Field.js';
import { useT } from '../../../i18n/index.js';
import type { RulesView } from '../../review/data.js';
import { ActionsFields } from './ActionsFields.js';
import { ConditionRow } from './ConditionRow.js';
import { compileRule } from './rule-compile.js';
import { emptyCondition, emptyDraft, ruleToDraft, type Problems, type RuleDraft } from './rule-form.js';

interface Props {
  /** null: a new rule (added last). */
  rule: AuditRule | null;
  shops: readonly ShopInfo[];
  onSaved: (view: RulesView, name: string) => void;
  onCancel: () => void;
}

const MAX_CONDITIONS = 20;

/**
 * A rule's form: name, conditions (all must hold; none = every order), actions, "stop after this rule". Checked as a
 * whole on save (Ctrl+Enter), every mistake named at its input; main checks again and its refusal shows here too.
 */
export function RuleEditor({ rule, shops, onSaved, onCancel }: Props) {
  const t = useT();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? ruleToDraft(rule) : emptyDraft()));
  const [problems, setProblems] = useState<Problems>({});
  const [schema, setSchema] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const box = useRef<HTMLFormElement>(null);

  useEffect(() => {
    box.current?.querySelector<HTMLInputElement>('#rule-name')?.focus();
  }, []);

  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = () => {
    if (busy) return;
    const c = compileRule(draft);
    if (!c.ok) {
      setProblems(c.problems);
      setSchema(c.schema ?? null);
      // Back to the first input with a mistake, as the manual order form does.
      requestAnimationFrame(() => box.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setProblems({});
    setSchema(null);
    run(
      () => api.invoke('audit.rules.save', { ...(rule ? { id: rule.id } : {}), rule: c.input }),
      (view) => onSaved(view, c.input.name),
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save();
  };
  const onKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form ref={box} className="rule-editor card wide" data-testid="rule-editor" onSubmit={submit} onKeyDown={onKey} noValidate>
      <h3>{rule ? t('rules.editTitle', { name: rule.name }) : t('rules.newTitle')}</h3>
      <div className="form-row">
        <Field id="rule-name" label={t('rules.name')} error={problems.name ? t(`rules.problem.${problems.name}`) : null}>
          <input
            id="rule-name"
            data-testid="rule-name"
            className="input rule-name"
            maxLength={100}
            value={draft.name}
            aria-invalid={problems.name !== undefined}
            aria-describedby={describedBy('rule-name')}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <label className="check">
          <input type="checkbox" data-testid="rule-enabled" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          {t('rules.enabled')}
        </label>
        <label className="check" title={t('rules.stopHint')}>
          <input type="checkbox" data-testid="rule-stop" checked={draft.stop} onChange={(e) => set({ stop: e.target.checked })} />
          {t('rules.stop')}
        </label>
      </div>
      <fieldset className="rule-conditions">
        <legend>{t('rules.conditions')}</legend>
        {draft.conditions.length === 0 && <p className="notice small">{t('rules.noConditions')}</p>}
        {problems.conditions && <div className="field-error">{t(`rules.problem.${problems.conditions}`)}</div>}
        <ol className="cond-list">
          {draft.conditions.map((c, i) => (
            <ConditionRow
              key={c.key}
              index={i}
              draft={c}
              shops={shops}
              problems={problems}
              onChange={(next) => set({ conditions: draft.conditions.map((x) => (x.key === c.key ? next : x)) })}
              onRemove={() => set({ conditions: draft.conditions.filter((x) => x.key !== c.key) })}
            />
          ))}
        </ol>
        <button
          type="button"
          className="btn"
          data-testid="cond-add"
          disabled={draft.conditions.length >= MAX_CONDITIONS}
          onClick={() => set({ conditions: [...draft.conditions, emptyCondition()] })}
        >
          {t('rules.cond.add')}
        </button>
      </fieldset>
      <ActionsFields draft={draft.actions} problems={problems} onChange={(actions) => set({ actions })} />
      {schema && (
        <p className="field-error" role="alert">
          {schema}
        </p>
      )}
      {error && <ErrorBox compact title={t('rules.saveError')} error={error} />}
      <div className="form-actions">
        <button type="button" className="btn" data-testid="rule-cancel" onClick={onCancel}>
          {t('decide.cancel')}
        </button>
        <button type="submit" className="btn primary" data-testid="rule-save" aria-disabled={busy}>
          {busy ? t('rules.saving') : t('rules.save')} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </form>
  );
}
