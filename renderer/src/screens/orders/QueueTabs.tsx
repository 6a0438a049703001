import type { KeyboardEvent } from 'react';
import type { OrderCounts } from '../../../../shared/contract/orders.js';
import { QUEUES } from '../../../../shared/domain/status.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { useOrdersView, type QueueTab } from '../../state/orders-view.js';

const TABS: readonly QueueTab[] = ['all', ...QUEUES];

/** Status tabs with their counts; counts follow the shop/platform/search filters, not the selected tab. */
export function QueueTabs({ counts, stale }: { counts: OrderCounts | null; stale: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const queue = useOrdersView((s) => s.queue);
  const setQueue = useOrdersView((s) => s.setQueue);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = TABS.indexOf(queue) + (e.key === 'ArrowRight' ? 1 : -1);
    const next = TABS[(i + TABS.length) % TABS.length];
    if (!next) return;
    e.preventDefault();
    setQueue(next);
    document.querySelector<HTMLElement>(`[data-testid="tab-${next}"]`)?.focus();
  };

  return (
    <div className={stale ? 'queue-tabs stale' : 'queue-tabs'} role="tablist" aria-label={t('queues.label')} onKeyDown={onKeyDown}>
      {TABS.map((q) => {
        const n = counts ? (q === 'all' ? counts.all : counts.byQueue[q]) : null;
        const active = q === queue;
        return (
          <button
            key={q}
            type="button"
            role="tab"
            aria-selected={active}
            tabIndex={active ? 0 : -1}
            className={`queue-tab q-${q}${active ? ' active' : ''}${n === 0 ? ' zero' : ''}`}
            data-testid={`tab-${q}`}
            onClick={() => setQueue(q)}
          >
            <span className="tab-label">{t(`queue.${q}`)}</span>
            <span className="count" data-testid={`tab-count-${q}`} data-count={n ?? ''}>
              {n === null ? '…' : fmt.number(n)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
