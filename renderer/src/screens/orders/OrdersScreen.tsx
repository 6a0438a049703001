import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { filterOf, listQueryOf, useOrdersView } from '../../state/orders-view.js';
import { OrderDrawer } from './drawer/OrderDrawer.js';
import { useOrderCounts, useOrderPages } from './hooks.js';
import { OrderList } from './OrderList.js';
import { QueueTabs } from './QueueTabs.js';
import { Toolbar } from './Toolbar.js';

/** The one real screen for now: the order queue with tabs, filters, the virtualized list and the detail drawer. */
export function OrdersScreen() {
  const t = useT();
  const fmt = useFormat();
  const view = useOrdersView(
    useShallow((s) => ({ queue: s.queue, search: s.search, shopIds: s.shopIds, platforms: s.platforms, sort: s.sort })),
  );
  const clearFilters = useOrdersView((s) => s.clearFilters);
  const filter = useMemo(() => filterOf(view), [view]);
  const query = useMemo(() => listQueryOf(view), [view]);
  const counts = useOrderCounts(filter);
  const pages = useOrderPages(query);

  const total = pages?.total ?? null;
  const narrowed = view.shopIds.length > 0 || view.platforms.length > 0;
  const empty = (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-title">
        {view.search
          ? t('empty.search', { q: view.search })
          : narrowed
            ? t('empty.filtered')
            : view.queue !== 'all'
              ? t('empty.queue', { queue: t(`queue.${view.queue}`) })
              : t('empty.none')}
      </p>
      {view.search && <p className="muted">{t('empty.searchHint')}</p>}
      {(view.search || narrowed) && (
        <button type="button" className="btn" onClick={clearFilters}>
          {t('filter.clearAll')}
        </button>
      )}
    </div>
  );

  return (
    <div className="orders-screen">
      <Toolbar total={total === null ? null : t('list.total', { n: fmt.number(total) })} />
      <QueueTabs counts={counts.data} stale={counts.loading} />
      {/* One message is enough when the list fails for the same reason (e.g. nobody signed in). */}
      {counts.error && !pages?.error && <ErrorBox compact title={t('list.countsError')} error={counts.error} onRetry={counts.reload} />}
      <div className="orders-main">
        <OrderList pages={pages} empty={empty} onRetry={counts.error ? counts.reload : undefined} />
        <OrderDrawer />
      </div>
    </div>
  );
}
