import { useState, type FormEvent } from 'react';
import type { Input } from '../../../../../shared/contract/index.js';
import { ROLES, type OperatorInfo, type Role } from '../../../../../shared/domain/people.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { describedBy, Field } from '../../../components/Field.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { nameProblem, pinProblems } from '../../../components/form-rules.js';
import { PinFields } from '../../../components/PinFields.js';
import { useT } from '../../../i18n/index.js';
import { peopleErrorHeadline } from './errors.js';
import { isStaffRole } from './roles.js';

type PinMode = 'keep' | 'new' | 'clear';

interface Props {
  op: OperatorInfo;
  onSaved: (op: OperatorInfo) => void;
  onCancel: () => void;
}

/**
 * Rename, change role, set or remove the PIN, deactivate. Only what changed is sent. The owner's row offers the same
 * controls: main refuses to demote or deactivate the owner and its message is shown as it is.
 */
export function EditOperator({ op, onSaved, onCancel }: Props) {
  const t = useT();
  const [name, setName] = useState(op.name);
  const [role, setRole] = useState<Role>(op.role);
  const [pinMode, setPinMode] = useState<PinMode>('keep');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [active, setActive] = useState(op.active);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const [unchanged, setUnchanged] = useState(false);
  const idp = `edit-${op.id}`;

  const nameErr = tried ? nameProblem(name) : null;
  const pinErr = tried && pinMode === 'new' ? pinProblems(pin, confirm, false) : { pin: null, confirm: null };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    setUnchanged(false);
    const pins = pinMode === 'new' ? pinProblems(pin, confirm, false) : { pin: null, confirm: null };
    if (nameProblem(name) || pins.pin || pins.confirm) return;

    const change: Input<'people.update'> = { id: op.id };
    if (name.trim() !== op.name) change.name = name.trim();
    // 'owner' cannot be sent (the contract only takes staff roles): keeping the owner's role means sending none.
    if (role !== op.role && isStaffRole(role)) change.role = role;
    if (pinMode === 'new') change.pin = pin;
    if (pinMode === 'clear') change.pin = null;
    if (active !== op.active) change.active = active;
    if (Object.keys(change).length === 1) {
      setUnchanged(true);
      return;
    }
    run(
      () => api.invoke('people.update', change),
      (saved) => {
        onSaved(saved);
      },
    );
  };

  return (
    <form
      className="edit-operator"
      data-testid="edit-operator"
      data-operator-id={op.id}
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3>{t('people.editTitle', { name: op.name })}</h3>
      <div className="form-row">
        <Field id={`${idp}-name`} label={t('people.name')} error={nameErr && t(nameErr)}>
          <input
            id={`${idp}-name`}
            data-testid="edit-name"
            className="input"
            value={name}
            maxLength={60}
            autoFocus
            autoComplete="off"
            aria-invalid={nameErr !== null}
            aria-describedby={describedBy(`${idp}-name`)}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id={`${idp}-role`} label={t('people.role')}>
          <select id={`${idp}-role`} data-testid="edit-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.filter((r) => r !== 'owner' || op.role === 'owner').map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" data-testid="edit-active" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('people.activeLabel')}
        </label>
      </div>
      <fieldset className="pin-mode">
        <legend>{t('people.pinAction')}</legend>
        {(['keep', 'new', 'clear'] as const).map((m) => (
          <label key={m} className="check">
            <input
              type="radio"
              name={`${idp}-pin-mode`}
              data-testid={`edit-pin-${m}`}
              value={m}
              checked={pinMode === m}
              disabled={m === 'clear' && !op.hasPin}
              onChange={() => setPinMode(m)}
            />
            {t(m === 'keep' ? 'people.pinKeep' : m === 'new' ? 'people.pinNew' : 'people.pinClear')}
          </label>
        ))}
      </fieldset>
      {pinMode === 'new' && (
        <div className="form-row">
          <PinFields
            id={`${idp}-pin`}
            testId="edit-pin"
            label={t('people.newPin')}
            confirmLabel={t('people.pinConfirm')}
            pin={pin}
            confirm={confirm}
            onPin={setPin}
            onConfirm={setConfirm}
            errors={pinErr}
          />
        </div>
      )}
      {unchanged && <p className="muted">{t('people.nothingChanged')}</p>}
      {error && <ErrorBox compact title={t('people.updateError')} error={error} headline={peopleErrorHeadline(t, error, op)} />}
      <div className="form-actions">
        <button type="submit" className="btn primary" data-testid="edit-save" aria-disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="btn" data-testid="edit-cancel" onClick={onCancel}>
          {t('form.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
