import { create } from 'zustand';
import type { OrderFilter, OrderListInput } from '../../../shared/contract/orders.js';
import type { Platform, RowId } from '../../../shared/domain/ids.js';
import type { Queue } from '../../../shared/domain/status.js';

export type SortField = 'placedAt' | 'paidAt' | 'total' | 'platformOrderId';
export type SortDir = 'asc' | 'desc';
export type QueueTab = Queue | 'all';

/** What the orders screen is looking at. `searchInput` is what is typed; `search` is applied after the debounce. */
export interface OrdersView {
  queue: QueueTab;
  searchInput: string;
  search: string;
  shopIds: RowId[];
  platforms: Platform[];
  sort: { field: SortField; dir: SortDir };
  /** Index of the highlighted row in the current view. */
  selected: number;
  /** Order shown in the drawer, if any. */
  openId: RowId | null;

  setQueue: (q: QueueTab) => void;
  setSearchInput: (s: string) => void;
  applySearch: () => void;
  setShopIds: (ids: RowId[]) => void;
  setPlatforms: (p: Platform[]) => void;
  setSort: (field: SortField, dir: SortDir) => void;
  clearFilters: () => void;
  select: (index: number) => void;
  open: (id: RowId) => void;
  close: () => void;
}

/** A view change starts at the top of the new list. */
const RESET = { selected: 0 } as const;

export const useOrdersView = create<OrdersView>((set, get) => ({
  queue: 'all',
  searchInput: '',
  search: '',
  shopIds: [],
  platforms: [],
  sort: { field: 'placedAt', dir: 'desc' },
  selected: 0,
  openId: null,

  setQueue: (queue) => set({ queue, ...RESET }),
  setSearchInput: (searchInput) => set({ searchInput }),
  applySearch: () => {
    const search = get().searchInput.trim();
    if (search !== get().search) set({ search, ...RESET });
  },
  setShopIds: (shopIds) => set({ shopIds, ...RESET }),
  setPlatforms: (platforms) => set({ platforms, ...RESET }),
  setSort: (field, dir) => set({ sort: { field, dir }, ...RESET }),
  clearFilters: () => set({ searchInput: '', search: '', shopIds: [], platforms: [], ...RESET }),
  select: (selected) => set({ selected }),
  open: (openId) => set({ openId }),
  close: () => set({ openId: null }),
}));

/** The filter part (shared by the list and the tab counts), with empty parts left out. */
export function filterOf(v: Pick<OrdersView, 'search' | 'shopIds' | 'platforms'>): OrderFilter {
  const f: OrderFilter = {};
  if (v.search) f.search = v.search;
  if (v.shopIds.length) f.shopIds = [...v.shopIds].sort((a, b) => a - b);
  if (v.platforms.length) f.platforms = [...v.platforms].sort();
  return f;
}

export type ListQuery = Omit<OrderListInput, 'offset' | 'limit'>;

export function listQueryOf(v: Pick<OrdersView, 'queue' | 'search' | 'shopIds' | 'platforms' | 'sort'>): ListQuery {
  return { ...filterOf(v), queue: v.queue, sort: v.sort };
}

/** One string per distinct view: the page cache is keyed by it and thrown away when it changes. */
export function viewKey(q: ListQuery): string {
  return JSON.stringify([q.queue, q.shopIds ?? [], q.platforms ?? [], q.search ?? '', q.sort]);
}
