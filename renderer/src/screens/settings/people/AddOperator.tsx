import { useState, type FormEvent } from 'react';
import type { OperatorInfo } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { describedBy, Field } from '../../../components/Field.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { nameProblem, pinProblems } from '../../../components/form-rules.js';
import { PinFields } from '../../../components/PinFields.js';
import { useT } from '../../../i18n/index.js';
import { peopleErrorHeadline } from './errors.js';
import { STAFF_ROLES, type StaffRole } from './roles.js';

/** A new operator: name, role (never owner: there is one), and a PIN if they should have one. */
export function AddOperator({ onCreated }: { onCreated: (op: OperatorInfo) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('packer');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();

  const nameErr = tried ? nameProblem(name) : null;
  const pinErr = tried ? pinProblems(pin, confirm, true) : { pin: null, confirm: null };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    const pins = pinProblems(pin, confirm, true);
    if (nameProblem(name) || pins.pin || pins.confirm) return;
    run(
      () => api.invoke('people.create', { name: name.trim(), role, ...(pin ? { pin } : {}) }),
      (op) => {
        setTried(false);
        setName('');
        setPin('');
        setConfirm('');
        onCreated(op);
        document.getElementById('add-name')?.focus(); // ready for the next person
      },
    );
  };

  return (
    <form className="add-operator" data-testid="add-operator" onSubmit={submit} noValidate>
      <h3>{t('people.add')}</h3>
      <div className="form-row">
        <Field id="add-name" label={t('people.name')} error={nameErr && t(nameErr)}>
          <input
            id="add-name"
            data-testid="add-name"
            className="input"
            value={name}
            maxLength={60}
            autoComplete="off"
            aria-invalid={nameErr !== null}
            aria-describedby={describedBy('add-name')}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id="add-role" label={t('people.role')}>
          <select id="add-role" data-testid="add-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <PinFields
          id="add-pin"
          testId="add-pin"
          label={t('people.pin')}
          confirmLabel={t('people.pinConfirm')}
          pin={pin}
          confirm={confirm}
          onPin={setPin}
          onConfirm={setConfirm}
          errors={pinErr}
          optional
        />
        <button type="submit" className="btn primary" data-testid="add-submit" aria-disabled={busy}>
          {busy ? t('form.saving') : t('people.create')}
        </button>
      </div>
      {error && <ErrorBox compact title={t('people.createError')} error={error} headline={peopleErrorHeadline(t, error)} />}
    </form>
  );
}
