import { useState, type KeyboardEvent } from 'react';
import type { RuleConflict } from '../../../../../shared/contract/audit.js';
import type { AuditRule } from '../../../../../shared/domain/audit.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT, type T } from '../../../i18n/index.js';
import type { RulesView } from '../../review/data.js';
import { useDescribeContext } from '../../review/describe-context.js';
import { conflictOn, describeAction, describeCondition } from './describe.js';
import { inputOf } from './rule-input.js';

interface Props {
  view: RulesView;
  selected: number;
  onSelect: (index: number) => void;
  onEdit: (rule: AuditRule) => void;
  onChanged: (view: RulesView, note: string) => void;
}

/** A conflict in plain words, from the side of the rule it is shown next to. */
function conflictText(t: T, c: RuleConflict, mine: number, name: (id: number) => string): string {
  const orders = c.orders > 0 ? ` ${t('conflict.orders', { n: c.orders })}` : '';
  if (c.on === 'unreachable') return c.loserId === mine ? t('conflict.unreachable', { rule: name(c.winnerId) }) + orders : t('conflict.shadows', { rule: name(c.loserId) }) + orders;
  return (c.loserId === mine ? t('conflict.loses', { rule: name(c.winnerId), on: conflictOn(t, c.on) }) : t('conflict.wins', { rule: name(c.loserId), on: conflictOn(t, c.on) })) + orders;
}

/**
 * The rules in evaluation order, each in plain words with its conflicts right under it. Keyboard: ↑/↓ pick a rule,
 * Alt+↑/↓ move it, Space turns it on or off, Enter edits, Delete asks to remove. The same as buttons on each row.
 */
export function RuleList({ view, selected, onSelect, onEdit, onChanged }: Props) {
  const t = useT();
  const ctx = useDescribeContext();
  const { busy, error, run } = useAction();
  const [confirm, setConfirm] = useState<number | null>(null);
  const rules = [...view.rules].sort((a, b) => a.position - b.position);
  const name = (id: number) => rules.find((r) => r.id === id)?.name ?? t('explain.ruleById', { id });

  const move = (r: AuditRule, to: number) => {
    if (busy || to < 0 || to >= rules.length) return;
    run(
      () => api.invoke('audit.rules.move', { id: r.id, position: to }),
      (v) => {
        onSelect(to);
        onChanged(v, t('rules.moved', { name: r.name, n: to + 1 }));
      },
    );
  };
  const toggle = (r: AuditRule) => {
    if (busy) return;
    run(
      () => api.invoke('audit.rules.save', { id: r.id, rule: inputOf(r, { enabled: !r.enabled }) }),
      (v) => onChanged(v, t(r.enabled ? 'rules.disabledNote' : 'rules.enabledNote', { name: r.name })),
    );
  };
  const remove = (r: AuditRule) => {
    if (busy) return;
    run(
      () => api.invoke('audit.rules.remove', { id: r.id }),
      (v) => {
        setConfirm(null);
        onSelect(Math.max(0, Math.min(selected, v.rules.length - 1)));
        onChanged(v, t('rules.removed', { name: r.name }));
      },
    );
  };

  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.target !== e.currentTarget || e.nativeEvent.isComposing) return;
    const r = rules[selected];
    if (!r) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => (e.altKey ? move(r, selected + 1) : onSelect(Math.min(rules.length - 1, selected + 1))),
      ArrowUp: () => (e.altKey ? move(r, selected - 1) : onSelect(Math.max(0, selected - 1))),
      ' ': () => toggle(r),
      Enter: () => onEdit(r),
      Delete: () => setConfirm(r.id),
    };
    const fn = keys[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  };

  if (rules.length === 0) return <p className="muted" data-testid="rules-empty">{t('rules.none')}</p>;
  return (
    <>
      {error && <ErrorBox compact title={t('rules.changeError')} error={error} />}
      <ol
        className="rule-list"
        data-testid="rule-list"
        tabIndex={0}
        role="listbox"
        aria-label={t('rules.listLabel')}
        aria-activedescendant={rules[selected] ? `rule-${rules[selected].id}` : undefined}
        aria-busy={busy}
        onKeyDown={onKey}
      >
        {rules.map((r, i) => {
          const conflicts = view.conflicts.filter((c) => c.winnerId === r.id || c.loserId === r.id);
          return (
            <li
              key={r.id}
              id={`rule-${r.id}`}
              role="option"
              aria-selected={i === selected}
              className={`rule-item${i === selected ? ' selected' : ''}${r.enabled ? '' : ' off'}${conflicts.some((c) => c.loserId === r.id) ? ' losing' : ''}`}
              data-testid="rule-row"
              data-rule-id={r.id}
              data-position={i}
              data-enabled={r.enabled}
              onClick={() => onSelect(i)}
            >
              <span className="rule-pos">{i + 1}</span>
              <div className="rule-body">
                <div className="rule-title">
                  <strong data-testid="rule-name-text">{r.name}</strong>
                  {!r.enabled && <span className="chip neutral">{t('rules.off')}</span>}
                  {r.stop && (
                    <span className="chip neutral" title={t('rules.stopHint')}>
                      {t('rules.stopChip')}
                    </span>
                  )}
                </div>
                <div className="rule-summary">
                  <span className="rule-label">{t('rules.if')}</span>
                  {r.conditions.length === 0 ? t('rules.everyOrder') : r.conditions.map((c) => describeCondition(c, ctx)).join(t('rules.andJoin'))}
                </div>
                <div className="rule-summary">
                  <span className="rule-label">{t('rules.then')}</span>
                  {r.actions.map((a) => describeAction(a, ctx)).join('; ')}
                </div>
                {conflicts.map((c, j) => (
                  <div key={j} className={c.loserId === r.id ? 'rule-conflict loser' : 'rule-conflict winner'} data-testid="rule-conflict" data-on={c.on} role="note">
                    <span aria-hidden="true">⚠ </span>
                    {conflictText(t, c, r.id, name)}
                    {c.detail && <span className="muted small"> — {c.detail}</span>}
                  </div>
                ))}
              </div>
              <div className="rule-buttons">
                <label className="check" title={t('rules.toggleHint')}>
                  <input type="checkbox" data-testid="rule-toggle" checked={r.enabled} onChange={() => toggle(r)} />
                  {t('rules.enabled')}
                </label>
                <button type="button" className="btn icon" data-testid="rule-up" aria-label={t('rules.up')} title={t('rules.up')} disabled={i === 0} onClick={() => move(r, i - 1)}>
                  ↑
                </button>
                <button type="button" className="btn icon" data-testid="rule-down" aria-label={t('rules.down')} title={t('rules.down')} disabled={i === rules.length - 1} onClick={() => move(r, i + 1)}>
                  ↓
                </button>
                <button type="button" className="btn" data-testid="rule-edit" onClick={() => onEdit(r)}>
                  {t('rules.edit')}
                </button>
                {confirm === r.id ? (
                  <span className="confirm">
                    {t('rules.confirmRemove')}
                    <button type="button" className="btn danger" data-testid="rule-remove-yes" onClick={() => remove(r)}>
                      {t('rules.remove')}
                    </button>
                    <button type="button" className="btn" onClick={() => setConfirm(null)}>
                      {t('decide.cancel')}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="btn" data-testid="rule-remove" onClick={() => setConfirm(r.id)}>
                    {t('rules.remove')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
