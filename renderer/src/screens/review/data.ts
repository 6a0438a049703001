import type { AuditKpi, MergeSuggestion, ReviewList } from '../../../../shared/contract/audit.js';
import type { Output } from '../../../../shared/contract/index.js';
import type { AuditExplanation } from '../../../../shared/domain/audit.js';
import type { FlagReason } from '../../../../shared/domain/status.js';
import { api } from '../../api/client.js';
import { useChanges } from '../../state/changes.js';
import { PAGE_SIZE, type ReviewQueue } from './review-view.js';
import { useAuditAndOrdersTick, useAuditTick, useLoaded, type Loaded } from './use-loaded.js';

/** One page of a review queue, narrowed to a reason or not. */
export function useReviewPage(queue: ReviewQueue, reason: FlagReason | null, offset: number, tick: number): Loaded<ReviewList> {
  const key = JSON.stringify([queue, reason, offset]);
  return useLoaded(key, tick, () => api.invoke('audit.review.list', { queue, ...(reason ? { reason } : {}), offset, limit: PAGE_SIZE }));
}

/** A queue's reasons and total, whatever reason the list is narrowed to (one row is enough: only the counts are read). */
export function useQueueGroups(queue: ReviewQueue, tick: number): Loaded<ReviewList> {
  return useLoaded(`groups:${queue}`, tick, () => api.invoke('audit.review.list', { queue, limit: 1 }));
}

/** The audit explanation of one order; refetched when orders or audit settings change. */
export function useExplanation(orderId: number | null): Loaded<AuditExplanation> {
  const tick = useAuditAndOrdersTick();
  const loaded = useLoaded(orderId === null ? null : `explain:${orderId}`, tick, () => api.invoke('audit.explain', { orderId: orderId ?? 0 }));
  // Another order's explanation must never show under this one while it loads.
  if (loaded.data && loaded.data.orderId !== orderId) return { ...loaded, data: null, loading: true };
  return loaded;
}

export type RulesView = Output<'audit.rules.list'>;

export function useRules(): Loaded<RulesView> {
  const tick = useAuditTick();
  return useLoaded('rules', tick, () => api.invoke('audit.rules.list', {}));
}

export function useKpi(from: string, to: string): Loaded<AuditKpi> {
  const tick = useAuditAndOrdersTick();
  return useLoaded(`kpi:${from}:${to}`, tick, () => api.invoke('audit.kpi', { from, to }));
}

export function useMergeSuggestions(open: boolean): Loaded<{ suggestions: MergeSuggestion[] }> {
  const tick = useChanges((s) => s.orders);
  return useLoaded(open ? 'merge' : null, tick, () => api.invoke('orders.merge.suggestions', { limit: 100 }));
}
