import type { MessageKey } from '../i18n/index.js';
import { useT } from '../i18n/index.js';
import { describedBy, Field } from './Field.js';
import { pinInput } from './form-rules.js';

interface Props {
  /** Element ids `${id}` and `${id}-confirm`. */
  id: string;
  /** data-testid of the PIN input; the confirmation gets `${testId}-confirm`. */
  testId: string;
  label: string;
  confirmLabel: string;
  hint?: string;
  pin: string;
  confirm: string;
  onPin: (pin: string) => void;
  onConfirm: (confirm: string) => void;
  errors: { pin: MessageKey | null; confirm: MessageKey | null };
  /** An optional PIN: the confirmation stays off until a PIN is typed, and clearing the PIN clears it. */
  optional?: boolean;
}

/** A new PIN typed twice: digits only, masked, with the rule's messages under each field (first run, add, edit). */
export function PinFields({ id, testId, label, confirmLabel, hint, pin, confirm, onPin, onConfirm, errors, optional = false }: Props) {
  const t = useT();
  const input = (which: 'pin' | 'confirm') => {
    const fieldId = which === 'pin' ? id : `${id}-confirm`;
    return (
      <input
        id={fieldId}
        data-testid={which === 'pin' ? testId : `${testId}-confirm`}
        className="input pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={which === 'pin' ? pin : confirm}
        disabled={which === 'confirm' && optional && pin === ''}
        aria-invalid={errors[which] !== null}
        aria-describedby={describedBy(fieldId)}
        onChange={(e) => {
          const next = pinInput(e.target.value);
          if (which === 'confirm') return onConfirm(next);
          onPin(next);
          if (optional && next === '') onConfirm(''); // no PIN after all: nothing left to confirm
        }}
      />
    );
  };
  return (
    <>
      <Field id={id} label={label} hint={hint} error={errors.pin && t(errors.pin)}>
        {input('pin')}
      </Field>
      <Field id={`${id}-confirm`} label={confirmLabel} error={errors.confirm && t(errors.confirm)}>
        {input('confirm')}
      </Field>
    </>
  );
}
