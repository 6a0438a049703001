import { create } from 'zustand';
import { api } from '../api/client.js';
import { useConnection } from '../api/connection.js';

/**
 * Turns main's change events into counters screens can depend on. A sync writes in bursts, so events are collected
 * for a short moment and applied once. A reconnect counts as "everything may have changed".
 */
interface Changes {
  orders: number;
  /** Ids changed since the last bump; null means "many / unknown", refetch everything shown. */
  orderIds: number[] | null;
  shops: number;
}

export const useChanges = create<Changes>(() => ({ orders: 0, orderIds: null, shops: 0 }));

const COLLECT_MS = 300;

export function startChangeFeed(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ids: Set<number> | null = new Set();
  let shops = false;
  let orders = false;

  const flush = () => {
    timer = null;
    const s = useChanges.getState();
    useChanges.setState({
      orders: orders ? s.orders + 1 : s.orders,
      orderIds: orders ? (ids ? [...ids] : null) : s.orderIds,
      shops: shops ? s.shops + 1 : s.shops,
    });
    ids = new Set();
    orders = shops = false;
  };
  const schedule = () => {
    timer ??= setTimeout(flush, COLLECT_MS);
  };

  const offOrders = api.subscribe('orders.changed', (p) => {
    orders = true;
    if (!p.ids) ids = null;
    else if (ids) for (const id of p.ids) ids.add(id);
    schedule();
  });
  const offShops = api.subscribe('shops.changed', () => {
    shops = true;
    schedule();
  });
  const offConn = useConnection.subscribe((now, before) => {
    if (now.reconnects === before.reconnects) return;
    orders = shops = true;
    ids = null;
    schedule();
  });
  return () => {
    offOrders();
    offShops();
    offConn();
    if (timer) clearTimeout(timer);
  };
}
