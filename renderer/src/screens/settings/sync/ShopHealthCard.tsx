import { useState } from 'react';
import type { ShopHealth } from '../../../../../shared/contract/sync.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { PlatformBadge } from '../../../components/badges.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';
import { useRelative } from '../../../i18n/relative.js';
import { loadHealth, useSync } from '../../../state/sync.js';
import { MappingErrors } from './MappingErrors.js';

/** What a shop's live progress says, in words: pages and orders so far, or why it waits (throttled…). */
function ProgressLine({ shopId }: { shopId: number }) {
  const t = useT();
  const p = useSync((s) => s.progress[shopId]);
  if (!p) return <span>{t('sync.phase.started')}</span>;
  if (p.phase === 'waiting') return <span data-testid="sync-waiting">{p.note ? t('sync.waiting', { note: p.note }) : t('sync.waitingPlain')}</span>;
  return <span>{t('sync.running', { pages: p.pages, orders: p.orders })}</span>;
}

/** One shop's sync: freshness, live progress, last error in plain words, unreadable orders, write-backs. */
export function ShopHealthCard({ h, now }: { h: ShopHealth; now: number }) {
  const t = useT();
  const rel = useRelative();
  const [showErrors, setShowErrors] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const failing = h.consecutiveFailures > 0;

  const run = () => {
    setError(null);
    // Resolves when the run ends; progress and health come by events meanwhile.
    api.invoke('sync.run', { shopId: h.shopId }).then(loadHealth, (e: unknown) => setError(asApiError(e)));
    window.setTimeout(loadHealth, 300);
  };
  const cancel = () => {
    api.invoke('sync.cancel', { shopId: h.shopId }).then(loadHealth, (e: unknown) => setError(asApiError(e)));
  };

  return (
    <section
      className={`sync-card${failing ? ' failing' : ''}${h.active ? '' : ' inactive'}`}
      data-testid="sync-shop"
      data-shop-id={h.shopId}
      data-name={h.name}
      data-running={h.running}
      data-failing={failing}
      data-last-success={h.lastSuccessAt ?? ''}
    >
      <header className="sync-card-head">
        <PlatformBadge platform={h.platform} />
        <h3>{h.name}</h3>
        <div className="sync-card-actions">
          {/* Keyed apart: a click aimed at "Sync now" as a run starts must not land on "Cancel" in the same node. */}
          {h.running ? (
            <button key="cancel" type="button" className="btn" data-testid="sync-cancel" onClick={cancel}>
              {t('sync.cancel')}
            </button>
          ) : (
            <button key="run" type="button" className="btn" data-testid="sync-run" disabled={!h.syncable || !h.active} onClick={run}>
              {t('sync.runNow')}
            </button>
          )}
        </div>
      </header>
      {!h.syncable || !h.active ? (
        <p className="muted small">{t('sync.notSyncable')}</p>
      ) : (
        <dl className="facts sync-facts">
          <dt>{t('sync.lastSuccess')}</dt>
          <dd data-testid="sync-last-success" title={h.lastSuccessAt ? new Date(h.lastSuccessAt).toLocaleString() : undefined}>
            {h.lastSuccessAt ? rel.from(h.lastSuccessAt, now) : t('sync.never')}
          </dd>
          <dt>{t('sync.lag')}</dt>
          <dd>{h.lagMs !== null ? rel.duration(h.lagMs) : t('common.none')}</dd>
          <dt>{t('sync.nextRun')}</dt>
          <dd>{h.running ? <ProgressLine shopId={h.shopId} /> : h.nextRunAt ? rel.from(h.nextRunAt, now) : t('common.none')}</dd>
        </dl>
      )}
      {h.running && (
        <p className="sync-progress" data-testid="sync-progress" role="status">
          <ProgressLine shopId={h.shopId} />
        </p>
      )}
      {h.lastError && (
        <div className="sync-error" role="alert" data-testid="sync-last-error" data-kind={h.lastErrorKind ?? ''}>
          {/* main's sentence (English, with the platform's own words) comes after a headline in the UI's language */}
          {isKnownKind(h.lastErrorKind) && <strong data-testid="sync-error-kind">{t(`sync.kind.${h.lastErrorKind}`)}: </strong>}
          {h.lastError}
          {failing && <span className="muted small"> · {t('sync.failures', { n: h.consecutiveFailures })}</span>}
        </div>
      )}
      <div className="sync-counts">
        <span data-testid="sync-mapping-count" data-count={h.openMappingErrors} className={h.openMappingErrors ? 'warn-text' : 'muted'}>
          {t('sync.mappingErrors', { n: h.openMappingErrors })}
        </span>
        {h.openMappingErrors > 0 && (
          <button type="button" className="btn link" data-testid="sync-show-errors" aria-expanded={showErrors} onClick={() => setShowErrors((v) => !v)}>
            {t(showErrors ? 'sync.hideErrors' : 'sync.showErrors')}
          </button>
        )}
        <span data-testid="sync-writebacks" data-pending={h.pendingWriteBacks} data-failed={h.failedWriteBacks} className={h.failedWriteBacks ? 'error-text' : 'muted'}>
          {t('sync.writeBacks', { pending: h.pendingWriteBacks, failed: h.failedWriteBacks })}
        </span>
      </div>
      {showErrors && <MappingErrors shopId={h.shopId} count={h.openMappingErrors} />}
      {error && <ErrorBox compact title={t('sync.runError')} error={error} />}
    </section>
  );
}

const KNOWN_KINDS = ['auth', 'throttled', 'server', 'network', 'bad_request', 'not_found', 'conflict'] as const;
function isKnownKind(kind: string | null): kind is (typeof KNOWN_KINDS)[number] {
  return (KNOWN_KINDS as readonly (string | null)[]).includes(kind);
}
