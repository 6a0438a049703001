import type { Platform } from '../../../../../shared/domain/ids.js';
import { describedBy, Field } from '../../../components/Field.js';
import { useT } from '../../../i18n/index.js';
import { CRED_FIELDS, type CredValues } from './platform-fields.js';

interface Props {
  /** Prefix for element ids (add vs edit forms may be on screen together). */
  idPrefix: string;
  platform: Platform;
  values: CredValues;
  onChange: (values: CredValues) => void;
  /** Per field key: our own "required" or the words main refused it with. */
  errors: Record<string, string>;
}

/** The platform's credential fields, each with where the seller finds it. Secrets are never echoed back by main. */
export function CredentialFields({ idPrefix, platform, values, onChange, errors }: Props) {
  const t = useT();
  const fields = CRED_FIELDS[platform] ?? [];
  return (
    <div className="cred-fields" data-testid={`${idPrefix}-creds`}>
      {fields.map((f) => {
        const id = `${idPrefix}-cred-${f.key}`;
        const err = errors[f.key] ?? null;
        const set = (v: string) => onChange({ ...values, [f.key]: v });
        return (
          <Field key={f.key} id={id} label={t(f.label)} hint={t(f.hint)} error={err}>
            {f.options ? (
              <select id={id} data-testid={id} value={values[f.key] ?? (f.optional ? '' : (f.options[0] ?? ''))} aria-describedby={describedBy(id)} onChange={(e) => set(e.target.value)}>
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {o === '' ? t('cred.default') : o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                data-testid={id}
                className="input"
                type={f.secret ? 'password' : 'text'}
                autoComplete={f.secret ? 'new-password' : 'off'}
                spellCheck={false}
                placeholder={f.placeholder}
                value={values[f.key] ?? ''}
                aria-invalid={err !== null}
                aria-describedby={describedBy(id)}
                onChange={(e) => set(e.target.value)}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}
