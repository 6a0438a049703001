import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/index.js';

/**
 * A bench opened at ShopDesk's plain address (no link, no QR scanner) can type the owner's 8-digit code here. It goes
 * through the same path as a pairing link: the code is put in the fragment and the page starts over with it.
 */
export function PairCodeForm() {
  const t = useT();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\D/g, '');
    if (digits.length !== 8) {
      setInvalid(true);
      return;
    }
    window.location.hash = `pair=${digits}`;
  };

  return (
    <form className="pair-code-form" data-testid="pair-code-form" onSubmit={submit} noValidate>
      <label htmlFor="pair-code-input">{t('unauth.pairCode')}</label>
      <div className="form-row">
        <input
          id="pair-code-input"
          data-testid="pair-code-input"
          className="input pair-code-input"
          inputMode="numeric"
          autoComplete="off"
          placeholder="1234 5678"
          maxLength={12}
          value={code}
          aria-invalid={invalid}
          onChange={(e) => {
            setCode(e.target.value.replace(/[^\d ]/g, ''));
            setInvalid(false);
          }}
        />
        <button type="submit" className="btn primary" data-testid="pair-code-submit">
          {t('unauth.pairSubmit')}
        </button>
      </div>
      {invalid && (
        <div className="field-error" role="alert">
          {t('unauth.pairInvalid')}
        </div>
      )}
    </form>
  );
}
