import { useState, type FormEvent } from 'react';
import { PLATFORMS, type Platform } from '../../../../../shared/domain/ids.js';
import type { ShopInfo } from '../../../../../shared/domain/shop.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { describedBy, Field } from '../../../components/Field.js';
import { useT } from '../../../i18n/index.js';
import { CredentialFields } from './CredentialFields.js';
import { canAdd, CRED_FIELDS, fieldErrors, filled, missing, withDefaults, type CredValues } from './platform-fields.js';

/** Syncable platforms first, then manual, then the ones still to come (listed, so the seller knows they are planned). */
const ORDER: readonly Platform[] = [...PLATFORMS.filter((p) => CRED_FIELDS[p]), 'manual', ...PLATFORMS.filter((p) => !canAdd(p))];

/** A new shop: platform → that platform's credentials with help, and (advanced) a base URL for simulators. */
export function AddShop({ onCreated }: { onCreated: (s: ShopInfo) => void }) {
  const t = useT();
  const [platform, setPlatform] = useState<Platform>(ORDER[0] ?? 'manual');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('');
  const [creds, setCreds] = useState<CredValues>({});
  const [baseUrl, setBaseUrl] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, setError, run } = useAction();

  const nameErr = tried && !name.trim() ? t('shops.nameRequired') : error?.code === 'conflict' && error.details?.field === 'name' ? t('shops.nameTaken') : null;
  const credErrs: Record<string, string> = {};
  if (tried) for (const k of missing(platform, withDefaults(platform, creds))) credErrs[k] = t('shops.fieldRequired');
  if (error?.code === 'invalid_input') for (const [k, m] of Object.entries(fieldErrors(platform, error.message, error.details))) credErrs[k] ??= t('shops.badField', { message: m });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    const all = withDefaults(platform, creds);
    if (!name.trim() || missing(platform, all).length) return;
    run(
      () => api.invoke('shops.add', {
        platform,
        name: name.trim(),
        ...(currency.trim() ? { currency: currency.trim().toUpperCase() } : {}),
        ...(platform !== 'manual' ? { credentials: filled(all) } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      }),
      (shop) => {
        setTried(false);
        setName('');
        setCreds({});
        setBaseUrl('');
        onCreated(shop);
      },
    );
  };

  return (
    <form className="add-shop" data-testid="add-shop" onSubmit={submit} noValidate>
      <h3>{t('shops.add')}</h3>
      <div className="form-row">
        <Field id="shop-platform" label={t('shops.platform')}>
          <select
            id="shop-platform"
            data-testid="shop-platform"
            value={platform}
            onChange={(e) => {
              setPlatform(e.target.value as Platform);
              setCreds({});
              setError(null);
            }}
          >
            {ORDER.map((p) => (
              <option key={p} value={p} disabled={!canAdd(p)}>
                {t(`platform.${p}`)}
                {canAdd(p) ? '' : ` (${t('shops.comingSoon')})`}
              </option>
            ))}
          </select>
        </Field>
        <Field id="shop-name" label={t('shops.name')} hint={t('shops.nameHint')} error={nameErr}>
          <input
            id="shop-name"
            data-testid="shop-name"
            className="input"
            value={name}
            maxLength={200}
            autoComplete="off"
            aria-invalid={nameErr !== null}
            aria-describedby={describedBy('shop-name')}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field id="shop-currency" label={t('shops.currency')} hint={t('shops.currencyHint')}>
          <input
            id="shop-currency"
            data-testid="shop-currency"
            className="input currency-input"
            value={currency}
            maxLength={3}
            placeholder="USD"
            autoComplete="off"
            aria-describedby={describedBy('shop-currency')}
            onChange={(e) => setCurrency(e.target.value.replace(/[^a-z]/gi, '').toUpperCase())}
          />
        </Field>
      </div>
      {platform === 'manual' ? (
        <p className="muted">{t('shops.manualHint')}</p>
      ) : (
        <>
          <CredentialFields idPrefix="shop" platform={platform} values={creds} onChange={setCreds} errors={credErrs} />
          <details className="advanced" data-testid="shop-advanced">
            <summary>{t('shops.advanced')}</summary>
            <Field id="shop-base-url" label={t('shops.baseUrl')} hint={t('shops.baseUrlHint')}>
              <input
                id="shop-base-url"
                data-testid="shop-base-url"
                className="input"
                value={baseUrl}
                placeholder="http://127.0.0.1:8080"
                autoComplete="off"
                spellCheck={false}
                aria-describedby={describedBy('shop-base-url')}
                onChange={(e) => setBaseUrl(e.target.value)}
              />
            </Field>
          </details>
        </>
      )}
      <div>
        <button type="submit" className="btn primary" data-testid="shop-submit" aria-disabled={busy}>
          {busy ? t('form.saving') : t('shops.create')}
        </button>
      </div>
      {error && <ErrorBox compact title={t('shops.createError')} error={error} headline={nameErr ?? undefined} />}
    </form>
  );
}
