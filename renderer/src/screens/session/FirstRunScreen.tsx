import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { asApiError, type ApiError } from '../../api/errors.js';
import { LangSelect } from '../../app/Header.js';
import { describedBy, Field } from '../../components/Field.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { nameProblem, pinProblems } from '../../components/form-rules.js';
import { PinFields } from '../../components/PinFields.js';
import { useT } from '../../i18n/index.js';
import { useNav } from '../../state/nav.js';
import { loadSession, sessionChanged } from '../../state/session.js';

/**
 * No owner exists yet (a new database): nothing else can be used until one is created, so this replaces the app.
 * Messages show after the first attempt to submit, not while the person is still typing.
 */
export function FirstRunScreen() {
  const t = useT();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const nameErr = tried ? nameProblem(name) : null;
  const pinErr = tried ? pinProblems(pin, confirm, true) : { pin: null, confirm: null };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    const pins = pinProblems(pin, confirm, true);
    if (nameProblem(name) || pins.pin || pins.confirm) {
      // Put the cursor where the first problem is.
      const first = nameProblem(name) ? 'setup-name' : pins.pin ? 'setup-pin' : 'setup-pin-confirm';
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    api.invoke('session.setupOwner', pin ? { name: name.trim(), pin } : { name: name.trim() }).then(
      (info) => {
        sessionChanged(info);
        useNav.getState().go('orders'); // after the session: go() checks the new owner's permissions
      },
      (err: unknown) => {
        const apiErr = asApiError(err);
        setBusy(false);
        setError(apiErr);
        // Someone finished the setup from another window meanwhile: follow main's state instead of insisting.
        if (apiErr.code === 'conflict') loadSession();
      },
    );
  };

  return (
    <main className="gate" data-testid="first-run">
      <form className="gate-card setup-card" onSubmit={submit} noValidate>
        <div className="gate-top">
          <img src="./favicon.svg" alt="" width="28" height="28" />
          <LangSelect testId="setup-lang" />
        </div>
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('setup.body')}</p>
        <Field id="setup-name" label={t('setup.name')} error={nameErr && t(nameErr)}>
          <input
            id="setup-name"
            data-testid="setup-name"
            className="input"
            value={name}
            maxLength={60}
            autoFocus
            autoComplete="name"
            aria-invalid={nameErr !== null}
            aria-describedby={describedBy('setup-name')}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <PinFields
          id="setup-pin"
          testId="setup-pin"
          label={t('setup.pin')}
          confirmLabel={t('setup.pinConfirm')}
          hint={t('setup.pinHint')}
          pin={pin}
          confirm={confirm}
          onPin={setPin}
          onConfirm={setConfirm}
          errors={pinErr}
          optional
        />
        {error && <ErrorBox compact title={t('setup.error')} error={error} headline={error.code === 'conflict' ? t('setup.exists') : null} />}
        <button type="submit" className="btn primary big" data-testid="setup-submit" aria-disabled={busy}>
          {busy ? t('form.saving') : t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
