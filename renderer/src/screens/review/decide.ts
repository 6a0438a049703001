import type { DecideInput, DecideResult } from '../../../../shared/contract/audit.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { cursorAfter } from './keys.js';
import { useReviewView, type LastDecision } from './review-view.js';

export interface DecisionRequest {
  decision: LastDecision['decision'];
  orderIds: number[];
  /** Platform order ids for the results strip. */
  labels: Record<number, string>;
  /** The page as it is now, for where the cursor goes next. */
  pageIds: number[];
  note?: string;
  hold?: NonNullable<DecideInput['hold']>;
}

/**
 * Sends one decision for one or many orders and applies main's per-order answer: the orders refused stay checked
 * (with their message in the results strip), the cursor moves on to the next order that is still waiting, and the
 * note is cleared once it has been recorded. `reload` refetches without waiting for main's change event.
 */
export function decide(req: DecisionRequest, reload: () => void): Promise<void> {
  const st = useReviewView.getState();
  if (st.busy || req.orderIds.length === 0) return Promise.resolve();
  st.setBusy(true);
  const note = req.note?.trim() || undefined;
  const call: Promise<DecideResult> =
    req.decision === 'release'
      ? api.invoke('audit.release', { orderIds: req.orderIds, ...(note ? { note } : {}) })
      : api.invoke('audit.decide', { orderIds: req.orderIds, decision: req.decision, ...(note ? { note } : {}), ...(req.hold ? { hold: req.hold } : {}) });
  return call.then(
    (res) => {
      const s = useReviewView.getState();
      const done = new Set(res.results.filter((r) => r.ok).map((r) => r.orderId));
      const refused = res.results.filter((r) => !r.ok).map((r) => r.orderId);
      const next = cursorAfter(req.pageIds, s.cursorId, done);
      s.setLast({ decision: req.decision, results: res.results, labels: req.labels, error: null });
      s.setChecked(refused.length > 0 && (s.checked.length > 0 || req.orderIds.length > 1) ? refused : []);
      // The cursor's index once the decided rows have left the page (rows before it that went shift it up).
      if (next !== null) s.moveTo(Math.max(0, req.pageIds.indexOf(next) - [...done].filter((id) => req.pageIds.indexOf(id) < req.pageIds.indexOf(next)).length), next);
      if (done.size > 0) s.setNote('');
      s.setBusy(false);
      s.setDialog(null);
      reload();
    },
    (e: unknown) => {
      const s = useReviewView.getState();
      s.setLast({ decision: req.decision, results: [], labels: req.labels, error: asApiError(e) });
      s.setBusy(false);
    },
  );
}
