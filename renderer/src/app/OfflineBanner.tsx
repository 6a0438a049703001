import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useConnection } from '../api/connection.js';
import { useT } from '../i18n/index.js';

/** Shown while the WebSocket is down: what happened, when the next attempt is, and a way to try now. */
export function OfflineBanner() {
  const t = useT();
  const { state, retryAt } = useConnection();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (state !== 'offline') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state]);

  if (state !== 'offline') return null;
  const secs = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <span>{secs > 0 ? t('conn.offline', { s: secs }) : t('conn.offlineNow')}</span>
      <button type="button" className="btn" onClick={() => api.retryNow()}>
        {t('conn.retry')}
      </button>
    </div>
  );
}
