import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract/index.js';
import { api } from '../api/client.js';
import { asApiError, type ApiError } from '../api/errors.js';
import { useFormat } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { useCan } from '../state/session.js';
import { useSync } from '../state/sync.js';
import { ErrorBox } from './ErrorBox.js';

type Item = Output<'outbox.list'>[number];

interface Props {
  /** One order's write-backs (the drawer); without it, the latest of all shops (Settings → Sync). */
  orderId?: number;
  /** Bump to refetch at once (after a ship from the drawer, before the event arrives). */
  version?: number;
}

function RetryButton({ item, onDone }: { item: Item; onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const retry = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    api.invoke('outbox.retry', { id: item.id }).then(
      () => {
        setBusy(false);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(asApiError(e));
      },
    );
  };
  return (
    <>
      <button type="button" className="btn" data-testid="writeback-retry" aria-disabled={busy} onClick={retry}>
        {t('wb.retry')}
      </button>
      {error && <ErrorBox compact title={t('wb.retryError')} error={error} />}
    </>
  );
}

/**
 * Tracking numbers on their way to the platforms: state, attempts, the last error in main's words and when the next
 * attempt is due. Refetched on 'outbox.changed' (the scheduler sends every second; each attempt is an event).
 */
export function WriteBackList({ orderId, version = 0 }: Props) {
  const t = useT();
  const fmt = useFormat();
  const tick = useSync((s) => s.outboxTick);
  const canView = useCan('orders.view');
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    api.invoke('outbox.list', orderId !== undefined ? { orderId, limit: 50 } : { limit: 100 }).then(
      (list) => {
        setItems(list);
        setError(null);
      },
      (e: unknown) => setError(asApiError(e)),
    );
  }, [orderId]);
  useEffect(load, [load, tick, version]);

  if (!canView) return null;
  if (error) return <ErrorBox compact title={t('wb.loadError')} error={error} onRetry={load} />;
  if (!items) return <p className="muted">{t('common.loading')}</p>;
  if (!items.length) return <p className="muted" data-testid="writeback-empty">{t('wb.none')}</p>;
  return (
    <table className="data-table writebacks" data-testid="writeback-list">
      <thead>
        <tr>
          {orderId === undefined && <th>{t('wb.col.order')}</th>}
          <th>{t('wb.col.tracking')}</th>
          <th>{t('wb.col.state')}</th>
          <th className="num">{t('wb.col.attempts')}</th>
          <th>{t('wb.col.next')}</th>
          <th>{t('wb.col.error')}</th>
          <th aria-label={t('wb.retry')} />
        </tr>
      </thead>
      <tbody>
        {items.map((w) => (
          <tr key={w.id} data-testid="writeback-row" data-outbox-id={w.id} data-order-id={w.orderId ?? ''} data-state={w.state}>
            {orderId === undefined && <td className="mono">{w.platformOrderId}</td>}
            <td className="mono">
              {w.carrier} {w.trackingNo}
            </td>
            <td>
              <span className={`chip wb-${w.state}`} data-testid="writeback-state">
                {t(`wb.state.${w.state}`)}
              </span>
              {w.result === 'already' && <span className="muted small"> · {t('wb.already')}</span>}
            </td>
            <td className="num">{w.attempts}</td>
            <td className="tabular">{w.state === 'pending' || w.state === 'failed' ? fmt.shortDateTime(w.nextAttemptAt) : t('common.none')}</td>
            <td className="wb-error" data-testid="writeback-error">
              {w.lastError ?? ''}
            </td>
            <td className="row-actions">{(w.state === 'failed' || w.state === 'pending') && <RetryButton item={w} onDone={load} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
