import { useState, type FormEvent } from 'react';
import type { Input } from '../../../../../shared/contract/index.js';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { describedBy, Field } from '../../../components/Field.js';
import { useT } from '../../../i18n/index.js';
import { CredentialFields } from './CredentialFields.js';
import { fieldErrors, filled, type CredValues } from './platform-fields.js';

interface Props {
  shop: ShopInfo;
  onSaved: (s: ShopInfo) => void;
  onCancel: () => void;
}

/**
 * Rename, replace credentials, base URL, active, sync interval. main never sends credentials, the base URL or the
 * interval back, so empty means "keep": only what was typed is sent.
 */
export function EditShop({ shop, onSaved, onCancel }: Props) {
  const t = useT();
  const [name, setName] = useState(shop.name);
  const [active, setActive] = useState(shop.active);
  const [creds, setCreds] = useState<CredValues>({});
  const [baseUrl, setBaseUrl] = useState('');
  const [clearBase, setClearBase] = useState(false);
  const [interval, setIntervalText] = useState('');
  const { busy, error, run } = useAction();
  const id = `edit-shop-${shop.id}`;

  const sec = Number(interval);
  const intervalErr = interval !== '' && !(Number.isInteger(sec) && sec >= 10 && sec <= 3600) ? t('shops.intervalBad') : null;
  const nameErr = !name.trim() ? t('shops.nameRequired') : null;
  const credErrs = error?.code === 'invalid_input' ? Object.fromEntries(Object.entries(fieldErrors(shop.platform, error.message, error.details)).map(([k, m]) => [k, t('shops.badField', { message: m })])) : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy || intervalErr || nameErr) return;
    const change: Input<'shops.update'> = { id: shop.id };
    if (name.trim() !== shop.name) change.name = name.trim();
    if (active !== shop.active) change.active = active;
    const typed = filled(creds);
    if (Object.keys(typed).length) change.credentials = typed;
    if (clearBase) change.baseUrl = null;
    else if (baseUrl.trim()) change.baseUrl = baseUrl.trim();
    if (interval !== '') change.syncIntervalSec = sec;
    run(
      () => api.invoke('shops.update', change),
      (s) => {
        onSaved(s);
      },
    );
  };

  return (
    <form
      className="edit-shop"
      data-testid="edit-shop"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3>{t('shops.editTitle', { name: shop.name })}</h3>
      <div className="form-row">
        <Field id={`${id}-name`} label={t('shops.name')} error={nameErr}>
          <input id={`${id}-name`} data-testid="edit-shop-name" className="input" value={name} maxLength={200} aria-describedby={describedBy(`${id}-name`)} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <Field id={`${id}-interval`} label={t('shops.interval')} hint={t('shops.intervalHint')} error={intervalErr}>
          <input
            id={`${id}-interval`}
            data-testid="edit-shop-interval"
            className="input"
            inputMode="numeric"
            value={interval}
            placeholder="30"
            aria-describedby={describedBy(`${id}-interval`)}
            onChange={(e) => setIntervalText(e.target.value.replace(/\D/g, ''))}
          />
        </Field>
        <label className="check">
          <input type="checkbox" data-testid="edit-shop-active" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('shops.activeLabel')}
        </label>
      </div>
      {shop.platform !== 'manual' && (
        <>
          <p className="muted small">{t('shops.keepHint')}</p>
          <CredentialFields idPrefix={id} platform={shop.platform} values={creds} onChange={setCreds} errors={credErrs} />
          <details className="advanced">
            <summary>{t('shops.advanced')}</summary>
            <Field id={`${id}-base`} label={t('shops.baseUrl')} hint={t('shops.baseUrlHint')}>
              <input id={`${id}-base`} data-testid="edit-shop-base-url" className="input" value={baseUrl} disabled={clearBase} spellCheck={false} aria-describedby={describedBy(`${id}-base`)} onChange={(e) => setBaseUrl(e.target.value)} />
            </Field>
            <label className="check">
              <input type="checkbox" checked={clearBase} onChange={(e) => setClearBase(e.target.checked)} />
              {t('shops.clearBaseUrl')}
            </label>
          </details>
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="btn primary" data-testid="edit-shop-save" aria-disabled={busy}>
          {busy ? t('form.saving') : t('shops.save')}
        </button>
        <button type="button" className="btn" data-testid="edit-shop-cancel" onClick={onCancel}>
          {t('shops.cancel')}
        </button>
      </div>
      {error && <ErrorBox compact title={t('shops.saveError')} error={error} />}
    </form>
  );
}
