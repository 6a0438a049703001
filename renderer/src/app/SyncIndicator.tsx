import { useEffect } from 'react';
import { useT } from '../i18n/index.js';
import { useNav } from '../state/nav.js';
import { useCan } from '../state/session.js';
import { overallLevel, startSyncFeed, useSync } from '../state/sync.js';

/**
 * "同步 / Sync" in the header with a dot for every shop's health at once (green, amber, red; grey with nothing to
 * sync). A button, so Tab reaches it; it opens Settings → Sync. It also keeps the sync feed running while shown.
 */
export function SyncIndicator() {
  const t = useT();
  const canView = useCan('orders.view');
  const goSettings = useNav((s) => s.goSettings);
  const level = useSync((s) => overallLevel(s.health));
  const running = useSync((s) => s.health?.some((h) => h.running) ?? false);

  useEffect(() => (canView ? startSyncFeed() : undefined), [canView]);

  if (!canView) return null;
  const state = t(`sync.state.${level}`);
  return (
    <button
      type="button"
      className={`sync-indicator lvl-${level}${running ? ' running' : ''}`}
      data-testid="sync-indicator"
      data-level={level}
      data-running={running}
      title={t('sync.indicatorTitle', { state })}
      aria-label={`${t('sync.indicator')}: ${state}`}
      onClick={() => goSettings('sync')}
    >
      <span className="sync-dot" aria-hidden="true" />
      {t('sync.indicator')}
    </button>
  );
}
