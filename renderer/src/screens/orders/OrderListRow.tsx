import { memo } from 'react';
import type { OrderRow } from '../../../../shared/domain/order.js';
import { FlagMarkers, PlatformBadge, QueueChip } from '../../components/badges.js';
import type { Formatters } from '../../i18n/format.js';
import type { MessageKey, T } from '../../i18n/index.js';

/** Column order of the list; the grid template in orders.css (.ol-cols) must match it. */
export const COLUMNS: { key: string; label: MessageKey; align?: 'end' }[] = [
  { key: 'platform', label: 'col.platform' },
  { key: 'shop', label: 'col.shop' },
  { key: 'order', label: 'col.order' },
  { key: 'buyer', label: 'col.buyer' },
  { key: 'items', label: 'col.items' },
  { key: 'amount', label: 'col.amount', align: 'end' },
  { key: 'region', label: 'col.region' },
  { key: 'placed', label: 'col.placed' },
  { key: 'status', label: 'col.status' },
];

export const ROW_HEIGHT = 36;

interface RowProps {
  row: OrderRow;
  index: number;
  top: number;
  selected: boolean;
  open: boolean;
  t: T;
  fmt: Formatters;
  onPick: (index: number, row: OrderRow) => void;
}

/** One order in the list. Memoized: scrolling re-renders only the rows that enter the viewport. */
export const OrderListRow = memo(function OrderListRow({ row, index, top, selected, open, t, fmt, onPick }: RowProps) {
  const region = [row.province, row.city].filter(Boolean).join(' ');
  return (
    <div
      id={`order-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`ol-row ol-cols${selected ? ' selected' : ''}${open ? ' open' : ''}`}
      data-testid="order-row"
      data-order-id={row.id}
      data-platform-order-id={row.platformOrderId}
      data-queue={row.queue}
      data-platform={row.platform}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={(e) => e.preventDefault() /* keep focus on the list, not the row */}
      onClick={() => onPick(index, row)}
    >
      <div role="gridcell" className="c-platform">
        <PlatformBadge platform={row.platform} />
      </div>
      <div role="gridcell" className="c-shop" title={row.shopName}>
        {row.shopName}
      </div>
      <div role="gridcell" className="c-order mono" title={row.platformOrderId}>
        {row.platformOrderId}
      </div>
      <div role="gridcell" className="c-buyer" title={row.buyerName ?? undefined}>
        {row.buyerNick ?? row.buyerName ?? t('common.none')}
      </div>
      <div role="gridcell" className="c-items" title={row.skuSummary}>
        <span className="items-summary">{row.skuSummary}</span>
        <span className="items-count">{t(row.itemCount === 1 ? 'list.item' : 'list.items', { n: row.itemCount })}</span>
      </div>
      <div role="gridcell" className="c-amount num">
        {fmt.money(row.totalMinor, row.currency)}
      </div>
      <div role="gridcell" className="c-region" title={region}>
        {region || t('common.none')}
      </div>
      <div role="gridcell" className="c-placed num" title={fmt.dateTime(row.placedAt)}>
        {fmt.shortDateTime(row.placedAt)}
      </div>
      <div role="gridcell" className="c-status">
        <QueueChip queue={row.queue} />
        <FlagMarkers openFlags={row.openFlags} />
      </div>
    </div>
  );
});

export function SkeletonRow({ top }: { top: number }) {
  return (
    <div className="ol-row ol-cols skeleton" role="row" aria-busy="true" data-testid="order-row-skeleton" style={{ transform: `translateY(${top}px)` }}>
      {COLUMNS.map((c) => (
        <div key={c.key} role="gridcell">
          <span className="bar" />
        </div>
      ))}
    </div>
  );
}
