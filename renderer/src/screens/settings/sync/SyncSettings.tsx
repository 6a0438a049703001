import { useEffect, useState } from 'react';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { WriteBackList } from '../../../components/WriteBackList.js';
import { useT } from '../../../i18n/index.js';
import { loadHealth, useSync } from '../../../state/sync.js';
import { ShopHealthCard } from './ShopHealthCard.js';

/** "2 min ago" ages while the panel is open: re-render on this beat. */
const CLOCK_MS = 5000;

/** Settings → Sync: every shop's sync health with Sync now / Cancel, and the write-backs of all shops. */
export function SyncSettings() {
  const t = useT();
  const health = useSync((s) => s.health);
  const loadError = useSync((s) => s.error);
  const [now, setNow] = useState(Date.now());
  const [runError, setRunError] = useState<ApiError | null>(null);

  useEffect(() => {
    loadHealth();
    const timer = setInterval(() => setNow(Date.now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);
  // Health arriving means something changed: read "now" again so nothing shows "in 0 s" for a past time.
  useEffect(() => setNow(Date.now()), [health]);

  const runAll = () => {
    setRunError(null);
    api.invoke('sync.run', {}).then(loadHealth, (e: unknown) => setRunError(asApiError(e)));
    window.setTimeout(loadHealth, 300);
  };
  const anySyncable = health?.some((h) => h.syncable && h.active && !h.running) ?? false;

  return (
    <div className="sync-settings" data-testid="sync-settings">
      <section className="card wide">
        <div className="card-head">
          <h2>{t('sync.title')}</h2>
          <button type="button" className="btn primary" data-testid="sync-run-all" disabled={!anySyncable} onClick={runAll}>
            {t('sync.runAll')}
          </button>
        </div>
        <p className="muted">{t('sync.hint')}</p>
        {loadError && <ErrorBox compact title={t('sync.loadError')} error={loadError} onRetry={loadHealth} />}
        {runError && <ErrorBox compact title={t('sync.runError')} error={runError} />}
        {!health && !loadError && <p className="muted">{t('common.loading')}</p>}
        {health && health.length === 0 && <p className="muted">{t('sync.none')}</p>}
        <div className="sync-cards">
          {health?.map((h) => (
            <ShopHealthCard key={h.shopId} h={h} now={now} />
          ))}
        </div>
      </section>
      <section className="card wide" data-testid="sync-writebacks-card">
        <h2>{t('wb.title')}</h2>
        <p className="muted">{t('wb.hint')}</p>
        <WriteBackList />
      </section>
    </div>
  );
}
