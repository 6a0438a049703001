import { create } from 'zustand';
import type { DecideResult } from '../../../../shared/contract/audit.js';
import type { FlagReason } from '../../../../shared/domain/status.js';
import type { ApiError } from '../../api/errors.js';

export type ReviewQueue = 'review' | 'on_hold';
export const PAGE_SIZE = 100;

/** The outcome of the last decision, for the results strip: per order, with the order ids the reviewer knows. */
export interface LastDecision {
  decision: 'approve' | 'hold' | 'reject' | 'release';
  results: DecideResult['results'];
  /** Platform order id per row id, as shown when the decision was made (the rows may have left the list since). */
  labels: Record<number, string>;
  /** The whole call failed (offline, forbidden): nothing was decided. */
  error: ApiError | null;
}

interface ReviewView {
  queue: ReviewQueue;
  reason: FlagReason | null;
  offset: number;
  /** The order under the cursor, by id: the list reloads under it and the cursor stays on the same order. */
  cursorId: number | null;
  /** Where the cursor was, so it lands near there when its order leaves the list. */
  cursorIndex: number;
  /** Checked orders (bulk decisions); kept across pages. */
  checked: number[];
  note: string;
  dialog: 'hold' | 'reject' | null;
  mergeOpen: boolean;
  last: LastDecision | null;
  busy: boolean;

  setQueue: (q: ReviewQueue, reason?: FlagReason | null) => void;
  setOffset: (offset: number) => void;
  moveTo: (index: number, id: number | null) => void;
  toggle: (id: number) => void;
  setChecked: (ids: number[]) => void;
  setNote: (note: string) => void;
  setDialog: (d: 'hold' | 'reject' | null) => void;
  setMergeOpen: (open: boolean) => void;
  setLast: (last: LastDecision | null) => void;
  setBusy: (busy: boolean) => void;
}

const FRESH = { offset: 0, cursorId: null, cursorIndex: 0 } as const;

export const useReviewView = create<ReviewView>((set) => ({
  queue: 'review',
  reason: null,
  ...FRESH,
  checked: [],
  note: '',
  dialog: null,
  mergeOpen: false,
  last: null,
  busy: false,

  setQueue: (queue, reason = null) => set({ queue, reason, ...FRESH, checked: [] }),
  setOffset: (offset) => set({ offset: Math.max(0, offset), cursorId: null, cursorIndex: 0 }),
  moveTo: (cursorIndex, cursorId) => set({ cursorIndex, cursorId }),
  toggle: (id) => set((s) => ({ checked: s.checked.includes(id) ? s.checked.filter((x) => x !== id) : [...s.checked, id] })),
  setChecked: (checked) => set({ checked }),
  setNote: (note) => set({ note }),
  setDialog: (dialog) => set({ dialog }),
  setMergeOpen: (mergeOpen) => set({ mergeOpen }),
  setLast: (last) => set({ last }),
  setBusy: (busy) => set({ busy }),
}));
