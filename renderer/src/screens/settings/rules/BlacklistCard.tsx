import { useState, type FormEvent } from 'react';
import { BLACKLIST_KINDS, type BlacklistEntry } from '../../../../../shared/domain/audit.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { describedBy, Field } from '../../../components/Field.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';
import { useAnswerOver, useAuditTick, useLoaded } from '../../review/use-loaded.js';

type Kind = (typeof BLACKLIST_KINDS)[number];

/** Buyers, phones and addresses whose orders the blacklist check stops. Added and removed by hand, each recorded. */
export function BlacklistCard() {
  const t = useT();
  const fmt = useFormat();
  const tick = useAuditTick();
  const { data, error: loadError, reload } = useLoaded('blacklist', tick, () => api.invoke('audit.blacklist.list', {}));
  const [entries, setEntries] = useAnswerOver<typeof data, BlacklistEntry[]>(data);
  const [kind, setKind] = useState<Kind>('buyer');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const list = entries ?? data?.entries ?? null;
  const missing = tried && value.trim() === '';

  const add = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (value.trim() === '' || busy) return;
    run(
      () => api.invoke('audit.blacklist.add', { kind, value: value.trim(), ...(note.trim() ? { note: note.trim() } : {}) }),
      (r) => {
        setEntries(r.entries);
        setValue('');
        setNote('');
        setTried(false);
      },
    );
  };
  const remove = (id: number) => !busy && run(() => api.invoke('audit.blacklist.remove', { id }), (r) => setEntries(r.entries));

  return (
    <section className="card wide" data-testid="blacklist-card">
      <h2>{t('blacklist.title')}</h2>
      <p className="muted">{t('blacklist.hint')}</p>
      {loadError && <ErrorBox compact title={t('blacklist.loadError')} error={loadError} onRetry={reload} />}
      {list && list.length === 0 && <p className="muted">{t('blacklist.none')}</p>}
      {list && list.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('blacklist.kind')}</th>
              <th scope="col">{t('blacklist.value')}</th>
              <th scope="col">{t('blacklist.note')}</th>
              <th scope="col">{t('blacklist.added')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.id} data-testid="blacklist-row" data-kind={b.kind}>
                <td>{t(`blacklist.kind.${b.kind}`)}</td>
                <td className="mono">{b.value}</td>
                <td>{b.note ?? ''}</td>
                <td className="muted small">{t('blacklist.addedBy', { at: fmt.dateTime(b.createdAt), by: b.createdBy })}</td>
                <td>
                  <button type="button" className="btn" data-testid="blacklist-remove" onClick={() => remove(b.id)}>
                    {t('rules.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form-row blacklist-add" onSubmit={add} noValidate>
        <Field id="bl-kind" label={t('blacklist.kind')}>
          <select id="bl-kind" data-testid="bl-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {BLACKLIST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`blacklist.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="bl-value" label={t('blacklist.value')} error={missing ? t('blacklist.valueRequired') : null}>
          <input id="bl-value" data-testid="bl-value" className="input" maxLength={200} value={value} aria-invalid={missing} aria-describedby={describedBy('bl-value')} onChange={(e) => setValue(e.target.value)} />
        </Field>
        <Field id="bl-note" label={t('blacklist.note')}>
          <input id="bl-note" data-testid="bl-note" className="input" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <button type="submit" className="btn primary" data-testid="bl-add" aria-disabled={busy}>
          {t('blacklist.add')}
        </button>
      </form>
      {error && <ErrorBox compact title={t('blacklist.error')} error={error} />}
    </section>
  );
}
