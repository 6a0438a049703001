import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { OrderCounts, OrderFilter } from '../../../../shared/contract/orders.js';
import type { OrderDetail } from '../../../../shared/domain/order.js';
import type { ShopInfo } from '../../../../shared/domain/shop.js';
import { api } from '../../api/client.js';
import { asApiError, type ApiError } from '../../api/errors.js';
import { useChanges } from '../../state/changes.js';
import { viewKey, type ListQuery } from '../../state/orders-view.js';
import { OrderPages } from './order-pages.js';

const noSubscribe = () => () => {};

/** The page cache for a view; a new view (tab, filter, sort) gets a fresh cache. Refetches when orders change. */
export function useOrderPages(query: ListQuery): OrderPages | null {
  const key = viewKey(query);
  const [pages, setPages] = useState<OrderPages | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    const p = new OrderPages(queryRef.current);
    setPages(p);
    return () => p.dispose();
  }, [key]);

  const tick = useChanges((s) => s.orders);
  const seen = useRef(tick);
  useEffect(() => {
    if (tick === seen.current) return;
    seen.current = tick;
    pages?.refresh();
  }, [tick, pages]);

  useSyncExternalStore(pages?.subscribe ?? noSubscribe, () => pages?.version ?? -1);
  return pages;
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a request when `key` changes or `tick` moves, keeping the previous data on screen while the new answer comes.
 * Answers to superseded requests are ignored.
 */
export function useRequest<T>(key: string | null, tick: number, run: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: key !== null });
  const [retry, setRetry] = useState(0);
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    runRef.current().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState((s) => ({ data: s.data, error: asApiError(e), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [key, tick, retry]);

  return { ...state, reload: () => setRetry((n) => n + 1) };
}

export function useOrderCounts(filter: OrderFilter): Loaded<OrderCounts> {
  const tick = useChanges((s) => s.orders);
  return useRequest(JSON.stringify(filter), tick, () => api.invoke('orders.counts', filter));
}

export function useShops(): Loaded<ShopInfo[]> {
  const tick = useChanges((s) => s.shops);
  return useRequest('shops', tick, () => api.invoke('shops.list', {}));
}

/** The open order; refetched when an event names it (or names no ids at all). */
export function useOrderDetail(id: number | null): Loaded<OrderDetail> {
  const orders = useChanges((s) => s.orders);
  const ids = useChanges((s) => s.orderIds);
  // Count only the change bursts that concern this order (idempotent under a double render: lastSeen guards it).
  const relevant = useRef({ lastSeen: orders, tick: 0 });
  if (relevant.current.lastSeen !== orders) {
    relevant.current.lastSeen = orders;
    if (id !== null && (ids === null || ids.includes(id))) relevant.current.tick++;
  }
  const loaded = useRequest(id === null ? null : String(id), relevant.current.tick, () => api.invoke('orders.get', { id: id ?? 0 }));
  // A different order's data must never show under this one's header while it loads.
  if (loaded.data && loaded.data.id !== id) return { ...loaded, data: null, loading: true };
  return loaded;
}
