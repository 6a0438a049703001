import { describedBy, Field } from '../../../components/Field.js';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  error?: string;
  maxLength: number;
  className?: string;
  mono?: boolean;
  multiline?: boolean;
}

/** A labelled text box of the manual order form, with its hint or error (the shared Field), test id = id. */
export function TextField({ id, label, value, onChange, hint, error, maxLength, className, mono, multiline }: Props) {
  const common = {
    id,
    'data-testid': id,
    className: mono ? 'input mono' : 'input',
    value,
    maxLength,
    autoComplete: 'off',
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy(id),
  };
  return (
    <div className={className}>
      <Field id={id} label={label} hint={hint} error={error ?? null}>
        {multiline ? <textarea {...common} onChange={(e) => onChange(e.target.value)} /> : <input {...common} spellCheck={false} onChange={(e) => onChange(e.target.value)} />}
      </Field>
    </div>
  );
}
