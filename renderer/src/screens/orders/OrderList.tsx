import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { OrderRow } from '../../../../shared/domain/order.js';
import { registerFocusTarget, setListKeyHandler } from '../../app/focus.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { useOrdersView } from '../../state/orders-view.js';
import type { OrderPages } from './order-pages.js';
import { COLUMNS, OrderListRow, ROW_HEIGHT, SkeletonRow } from './OrderListRow.js';

const HEADER_HEIGHT = 32;
/** Placeholder rows while the first page of a view is on its way. */
const LOADING_ROWS = 12;
/** Rows fetched beyond the viewport on each side, so short scrolls never show skeletons. */
const PREFETCH_ROWS = 60;
/** Wait for scrolling to pause before fetching: dragging the scrollbar across 100k rows must not fetch every page. */
const SETTLE_MS = 100;

interface Props {
  pages: OrderPages | null;
  /** What to show when the view has no orders at all. */
  empty: ReactNode;
  /** Also called by the list's retry button (the tab counts usually failed for the same reason). */
  onRetry?: () => void;
}

/** The virtualized order list: only the rows in view exist in the DOM; the total count sets the scroll height. */
export function OrderList({ pages, empty, onRetry }: Props) {
  const t = useT();
  const fmt = useFormat();
  const selected = useOrdersView((s) => s.selected);
  const openId = useOrdersView((s) => s.openId);
  const scrollRef = useRef<HTMLDivElement | null>(null);

  const total = pages?.total ?? null;
  const loading = total === null && !pages?.error;
  const virtualizer = useVirtualizer({
    count: total ?? (loading ? LOADING_ROWS : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (!pages || total === null) return;
    const timer = setTimeout(() => pages.ensure(Math.max(0, first - PREFETCH_ROWS), last + PREFETCH_ROWS), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pages, total, first, last]);

  // A new view starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [pages]);

  const moveTo = useCallback(
    (index: number) => {
      const st = useOrdersView.getState();
      st.select(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // With the drawer open, it follows the selection: the packer reads order after order with ↑/↓.
      const row = pages?.row(index);
      if (st.openId !== null && row) st.open(row.id);
    },
    [pages, virtualizer],
  );

  const handleKey = useCallback(
    (key: string): boolean => {
      const n = pages?.total ?? 0;
      if (!pages || n === 0) return false;
      const st = useOrdersView.getState();
      const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
      const cur = Math.min(st.selected, n - 1);
      const target: Record<string, number> = { ArrowDown: cur + 1, ArrowUp: cur - 1, PageDown: cur + pageRows, PageUp: cur - pageRows, Home: 0, End: n - 1 };
      if (key === 'Enter') {
        const row = pages.row(cur);
        if (row) st.open(row.id);
        return true;
      }
      const next = target[key];
      if (next === undefined) return false;
      moveTo(Math.max(0, Math.min(n - 1, next)));
      return true;
    },
    [pages, moveTo],
  );

  useEffect(() => {
    setListKeyHandler(handleKey);
    return () => setListKeyHandler(null);
  }, [handleKey]);

  const onPick = useCallback((index: number, row: OrderRow) => {
    const st = useOrdersView.getState();
    st.select(index);
    st.open(row.id);
    scrollRef.current?.focus({ preventScroll: true });
  }, []);

  const error = pages?.error ?? null;
  const retry = () => {
    pages?.retry();
    onRetry?.();
  };
  const activeRendered = items.some((i) => i.index === selected) && pages?.row(selected);

  return (
    <div className="list-area">
      {error && total !== null && (
        <ErrorBox compact title={t('list.loadError')} error={error} onRetry={retry} />
      )}
      <div
        ref={(el) => {
          scrollRef.current = el;
          registerFocusTarget('list', el);
        }}
        className="order-list"
        data-testid="order-list"
        data-total={total ?? ''}
        data-loading={loading}
        role="grid"
        aria-label={t('list.label')}
        aria-rowcount={total !== null ? total + 1 : -1}
        aria-busy={loading}
        aria-activedescendant={activeRendered ? `order-row-${selected}` : undefined}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
          if (handleKey(e.key)) {
            e.preventDefault();
            e.stopPropagation();
          }
        }}
      >
        <div className="ol-body" style={{ height: virtualizer.getTotalSize() }}>
          <div className="ol-header ol-cols" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <div key={c.key} role="columnheader" className={c.align === 'end' ? `c-${c.key} num` : `c-${c.key}`}>
                {t(c.label)}
              </div>
            ))}
          </div>
          {items.map((vi) => {
            const row = pages?.row(vi.index);
            if (!row) return <SkeletonRow key={vi.key} top={vi.start} />;
            return (
              <OrderListRow
                key={vi.key}
                row={row}
                index={vi.index}
                top={vi.start}
                selected={vi.index === selected}
                open={row.id === openId}
                t={t}
                fmt={fmt}
                onPick={onPick}
              />
            );
          })}
        </div>
        {total === 0 && <div className="list-empty">{empty}</div>}
        {error && total === null && (
          <div className="list-empty">
            <ErrorBox title={t('list.loadErrorAll')} error={error} onRetry={retry} />
          </div>
        )}
      </div>
    </div>
  );
}
