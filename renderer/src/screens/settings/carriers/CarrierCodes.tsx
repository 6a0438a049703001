import { useEffect, useState, type KeyboardEvent } from 'react';
import type { CarrierCodeRow } from '../../../../../shared/contract/carriers.js';
import { CODED_PLATFORMS } from '../../../../../shared/contract/carriers.js';
import { CARRIERS } from '../../../../../shared/domain/carriers.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useLang, useT } from '../../../i18n/index.js';

const key = (r: { platform: string; carrier: string }) => `${r.platform}:${r.carrier}`;

/**
 * Settings → Carriers (shops.manage): the company code each Chinese platform's ship call gets for each carrier.
 * ShopDesk's built-in codes show as placeholders; a seller whose platform lists another code types it in, and it
 * wins from the next write-back on (a failed one can simply be retried). Empty removes the override.
 */
export function CarrierCodes() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [rows, setRows] = useState<CarrierCodeRow[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const load = () =>
    api.invoke('carriers.codes', {}).then(
      (r) => setRows(r.rows),
      (e: unknown) => setError(asApiError(e)),
    );
  useEffect(() => {
    void load();
  }, []);

  const save = (r: CarrierCodeRow) => {
    const draft = drafts[key(r)];
    if (draft === undefined || draft.trim() === (r.override ?? '')) return;
    setError(null);
    api.invoke('carriers.setCode', { platform: r.platform, carrier: r.carrier, code: draft.trim() === '' ? null : draft.trim() }).then(
      (res) => {
        setRows(res.rows);
        setDrafts((d) => {
          const next = { ...d };
          delete next[key(r)];
          return next;
        });
        setNote(t(draft.trim() === '' ? 'carriers.removed' : 'carriers.saved', { platform: t(`platform.${r.platform}`), carrier: r.carrier }));
      },
      (e: unknown) => setError(asApiError(e)),
    );
  };

  const onKey = (r: CarrierCodeRow) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') save(r);
    if (e.key === 'Escape') setDrafts((d) => ({ ...d, [key(r)]: r.override ?? '' }));
  };

  const byKey = new Map((rows ?? []).map((r) => [key(r), r]));
  const carriers = CARRIERS.filter((c) => c.region === 'cn');
  return (
    <div className="carrier-codes" data-testid="carrier-codes">
      <section className="card wide">
        <h2>{t('carriers.title')}</h2>
        <p className="muted">{t('carriers.hint')}</p>
        {error && <ErrorBox compact title={t('carriers.error')} error={error} onRetry={() => void load()} />}
        {!rows && !error && <p className="muted">{t('common.loading')}</p>}
        {rows && (
          <table className="table carrier-table">
            <thead>
              <tr>
                <th scope="col">{t('carriers.col.carrier')}</th>
                {CODED_PLATFORMS.map((p) => (
                  <th scope="col" key={p}>
                    {t(`platform.${p}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {carriers.map((c) => (
                <tr key={c.code} data-testid="carrier-row" data-carrier={c.code}>
                  <th scope="row">
                    {lang === 'zh-CN' ? c.zh : c.en} <span className="muted">{c.code}</span>
                  </th>
                  {CODED_PLATFORMS.map((p) => {
                    const r = byKey.get(`${p}:${c.code}`);
                    if (!r) return <td key={p} />;
                    const id = `carrier-code-${p}-${c.code}`;
                    return (
                      <td key={p} className={r.override ? 'overridden' : undefined}>
                        <input
                          id={id}
                          data-testid={id}
                          className="input code-input"
                          aria-label={`${t(`platform.${p}`)} ${c.code}`}
                          placeholder={r.builtIn ?? t('carriers.noCode')}
                          value={drafts[key(r)] ?? r.override ?? ''}
                          spellCheck={false}
                          onChange={(e) => setDrafts((d) => ({ ...d, [key(r)]: e.target.value }))}
                          onKeyDown={onKey(r)}
                          onBlur={() => save(r)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="saved-note" role="status" data-testid="carriers-note">
          {note}
        </p>
      </section>
    </div>
  );
}
