import { useEffect, useRef, useState } from 'react';
import type { MergeSuggestion, ParcelInfo } from '../../../../shared/contract/audit.js';
import { api } from '../../api/client.js';
import { asApiError, type ApiError } from '../../api/errors.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { useCan } from '../../state/session.js';
import { useMergeSuggestions } from './data.js';
import { useDescribeContext } from './describe-context.js';

const keyOf = (s: MergeSuggestion) => s.orderIds.join('-');

interface Props {
  onClose: () => void;
}

/**
 * Orders main would ship as one parcel (same buyer, address and shop, paid, not printed: its strict list). Nothing is
 * merged until a person presses Merge on a group; the parcel can be undone from the order's drawer until printed.
 * m opens it with the focus on the first Merge button; Esc closes it.
 */
export function MergePanel({ onClose }: Props) {
  const t = useT();
  const fmt = useFormat();
  const ctx = useDescribeContext();
  const can = useCan('audit.decide');
  const { data, error, loading, reload } = useMergeSuggestions(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<Record<string, ParcelInfo>>({});
  const [failed, setFailed] = useState<Record<string, ApiError>>({});
  const box = useRef<HTMLElement>(null);

  useEffect(() => {
    if (data) box.current?.querySelector<HTMLElement>('button[data-testid="merge-go"]')?.focus();
    // Only when the list first arrives: later refetches must not pull the focus back.
  }, [data === null]);

  const merge = (s: MergeSuggestion) => {
    const k = keyOf(s);
    if (busy) return;
    setBusy(k);
    api.invoke('orders.merge', { orderIds: s.orderIds }).then(
      (p) => {
        setBusy(null);
        setDone((d) => ({ ...d, [k]: p }));
        // The merged group leaves the list with its button: keep the keyboard in the panel.
        box.current?.focus();
        reload();
      },
      (e: unknown) => {
        setBusy(null);
        setFailed((f) => ({ ...f, [k]: asApiError(e) }));
      },
    );
  };

  const list = data?.suggestions ?? [];
  return (
    <section
      ref={box}
      className="merge-panel"
      tabIndex={-1}
      data-testid="merge-panel"
      aria-label={t('merge.title')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="merge-head">
        <h2>{t('merge.title')}</h2>
        <span className="muted small">{t('merge.hint')}</span>
        <button type="button" className="btn icon" aria-label={t('drawer.close')} title={t('drawer.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {error && <ErrorBox compact title={t('merge.loadError')} error={error} onRetry={reload} />}
      {!data && !error && <p className="muted">{t('common.loading')}</p>}
      {data && list.length === 0 && Object.keys(done).length === 0 && (
        <p className="muted" data-testid="merge-none">
          {t('merge.none')}
        </p>
      )}
      {Object.entries(done).map(([k, p]) => (
        <p key={k} className="saved-note" role="status" data-testid="merge-done">
          {t('merge.done', { n: new Set(p.lines.map((l) => l.orderId)).size, ids: [...new Set(p.lines.map((l) => l.platformOrderId))].join(', ') })}
        </p>
      ))}
      <ul className="merge-list" aria-busy={loading}>
        {list.map((s) => {
          const k = keyOf(s);
          return (
            <li key={k} className="merge-item" data-testid="merge-suggestion" data-order-ids={k}>
              <div className="merge-who">
                <strong>{s.buyer}</strong> <span className="muted">{ctx.shopName(s.shopId)}</span>
                <div className="muted small">{s.address}</div>
              </div>
              <div className="merge-what">
                <span>{t('merge.orders', { n: s.orderIds.length })}</span>
                <span className="num">{fmt.money(s.totalMinor, s.currency)}</span>
              </div>
              {can && (
                <button type="button" className="btn primary" data-testid="merge-go" aria-disabled={busy !== null} onClick={() => merge(s)}>
                  {busy === k ? t('merge.busy') : t('merge.go')}
                </button>
              )}
              {failed[k] && <ErrorBox compact title={t('merge.error')} error={failed[k]} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
