import { useState } from 'react';
import type { AuditRule } from '../../../../../shared/domain/audit.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';
import { useShops } from '../../orders/hooks.js';
import { useRules, type RulesView } from '../../review/data.js';
import { useAnswerOver } from '../../review/use-loaded.js';
import { BlacklistCard } from './BlacklistCard.js';
import { ChecksCard } from './ChecksCard.js';
import { RerunButton } from './RerunButton.js';
import { RuleEditor } from './RuleEditor.js';
import { RuleList } from './RuleList.js';
import './rules.css';

/**
 * Settings → Rules (rules.edit): the ordered rules with their conflicts beside them, the editor, "re-run now", the
 * built-in checks and the blacklist. Saving a rule answers with the new list and conflicts, shown at once.
 */
export function RulesSettings() {
  const t = useT();
  const rules = useRules();
  const { data: shops } = useShops();
  const [answer, setAnswer] = useAnswerOver<typeof rules.data, RulesView>(rules.data);
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState<AuditRule | 'new' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const view = answer ?? rules.data;

  const changed = (v: RulesView, text: string) => {
    setAnswer(v);
    setNote(text);
  };
  const closeEditor = () => {
    setEditing(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="rule-list"]')?.focus());
  };

  return (
    <div className="rules-settings" data-testid="rules-settings">
      <section className="card wide" data-testid="rules-card">
        <div className="card-head">
          <h2>{t('rules.title')}</h2>
          <RerunButton />
        </div>
        <p className="muted">{t('rules.hint')}</p>
        {view && view.conflicts.length > 0 && (
          <p className="notice" data-testid="rules-conflicts-summary" role="note">
            {t('rules.conflictsSummary', { n: view.conflicts.length })}
          </p>
        )}
        {rules.error && <ErrorBox compact title={t('rules.loadError')} error={rules.error} onRetry={rules.reload} />}
        {!view && !rules.error && <p className="muted">{t('common.loading')}</p>}
        {view && <RuleList view={view} selected={Math.min(selected, Math.max(0, view.rules.length - 1))} onSelect={setSelected} onEdit={setEditing} onChanged={changed} />}
        <p className="saved-note" role="status" data-testid="rules-note">
          {note}
        </p>
        {editing === null && (
          <button type="button" className="btn primary" data-testid="rule-new" onClick={() => setEditing('new')}>
            {t('rules.new')}
          </button>
        )}
      </section>
      {editing !== null && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          shops={shops ?? []}
          onCancel={closeEditor}
          onSaved={(v, name) => {
            changed(v, t(editing === 'new' ? 'rules.created' : 'rules.saved', { name }));
            if (editing === 'new') setSelected(v.rules.length - 1);
            closeEditor();
          }}
        />
      )}
      <ChecksCard />
      <BlacklistCard />
    </div>
  );
}
