import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { focusTarget } from '../../app/focus.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useT } from '../../i18n/index.js';
import { useOrdersView } from '../../state/orders-view.js';
import { OrderDrawer } from '../orders/drawer/OrderDrawer.js';
import { useQueueGroups, useReviewPage, useRules } from './data.js';
import { decide, type DecisionRequest } from './decide.js';
import { DecisionResults } from './DecisionResults.js';
import { HoldDialog } from './HoldDialog.js';
import { KeyHints } from './KeyHints.js';
import { decisionTargets, type ReviewAction } from './keys.js';
import { KpiStrip } from './KpiStrip.js';
import { MergePanel } from './MergePanel.js';
import { ReasonPanel } from './ReasonPanel.js';
import { RejectDialog } from './RejectDialog.js';
import { ReviewDetail } from './ReviewDetail.js';
import { PAGE_SIZE, useReviewView } from './review-view.js';
import { ReviewTable } from './ReviewTable.js';
import { useReviewKeys } from './use-review-keys.js';
import { useAuditAndOrdersTick } from './use-loaded.js';
import '../../styles/review.css';

/**
 * Audit review: the orders the rules stopped, grouped by reason, decided one by one or in bulk from the keyboard.
 * KPI strip on top, reasons on the left, the queue in the middle, the order's explanation on the right, the keys
 * at the bottom. Every decision goes to main with the note, and main records it as an event under the operator.
 */
export function ReviewScreen() {
  const t = useT();
  const v = useReviewView(
    useShallow((s) => ({ queue: s.queue, reason: s.reason, offset: s.offset, cursorId: s.cursorId, cursorIndex: s.cursorIndex, checked: s.checked, dialog: s.dialog, mergeOpen: s.mergeOpen })),
  );
  const changes = useAuditAndOrdersTick();
  const [mine, setMine] = useState(0);
  const tick = changes + mine;
  const reload = () => setMine((n) => n + 1);
  const page = useReviewPage(v.queue, v.reason, v.offset, tick);
  const review = useQueueGroups('review', tick);
  const held = useQueueGroups('on_hold', tick);
  const rules = useRules();
  const openId = useOrdersView((s) => s.openId);

  const rows = page.data?.rows ?? [];
  const total = page.data?.total ?? 0;
  const found = rows.findIndex((r) => r.id === v.cursorId);
  const cursor = found !== -1 ? found : Math.min(v.cursorIndex, rows.length - 1);
  const cursorRow = rows[cursor] ?? null;
  const checked = new Set(v.checked);
  const pageIds = rows.map((r) => r.id);

  // Platform order ids of every row seen, for the results of a decision on orders checked on another page.
  const labels = useRef<Record<number, string>>({});
  for (const r of rows) labels.current[r.id] = r.platformOrderId;

  // The cursor follows its order through reloads; when the order left, it stays at the same place in the list.
  useEffect(() => {
    if (cursorRow && cursorRow.id !== v.cursorId) useReviewView.getState().moveTo(cursor, cursorRow.id);
  }, [cursorRow?.id, v.cursorId, cursor]);

  // A reason whose last order was decided: show the whole queue instead of an empty list.
  useEffect(() => {
    if (v.reason && page.data && !page.loading && page.data.total === 0 && v.offset === 0) useReviewView.getState().setQueue(v.queue, null);
  }, [v.reason, v.queue, v.offset, page.data, page.loading]);

  // The drawer belongs to the screen that opened it.
  useEffect(() => () => useOrdersView.getState().close(), []);

  const targets = decisionTargets(pageIds, v.checked, cursorRow?.id ?? null);
  const request = (decision: DecisionRequest['decision'], extra: Partial<DecisionRequest> = {}): DecisionRequest => ({
    decision,
    orderIds: targets,
    labels: Object.fromEntries(targets.map((id) => [id, labels.current[id] ?? `#${id}`])),
    pageIds,
    note: useReviewView.getState().note,
    ...extra,
  });

  const move = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    useReviewView.getState().moveTo(rows.indexOf(row), row.id);
    if (useOrdersView.getState().openId !== null) useOrdersView.getState().open(row.id);
  };

  const handlers: Record<ReviewAction, () => void> = {
    next: () => move(cursor + 1),
    prev: () => move(cursor - 1),
    toggle: () => cursorRow && useReviewView.getState().toggle(cursorRow.id),
    selectPage: () => {
      const all = rows.length > 0 && rows.every((r) => checked.has(r.id));
      const set = new Set(v.checked);
      for (const id of pageIds) {
        if (all) set.delete(id);
        else set.add(id);
      }
      useReviewView.getState().setChecked([...set]);
    },
    approve: () => void decide(request('approve'), reload),
    hold: () => targets.length > 0 && useReviewView.getState().setDialog('hold'),
    reject: () => targets.length > 0 && useReviewView.getState().setDialog('reject'),
    release: () => v.queue === 'on_hold' && void decide(request('release'), reload),
    note: () => document.getElementById('review-note')?.focus(),
    open: () => cursorRow && useOrdersView.getState().open(cursorRow.id),
    pageNext: () => v.offset + PAGE_SIZE < total && useReviewView.getState().setOffset(v.offset + PAGE_SIZE),
    pagePrev: () => v.offset > 0 && useReviewView.getState().setOffset(v.offset - PAGE_SIZE),
    queue: () => useReviewView.getState().setQueue(v.queue === 'review' ? 'on_hold' : 'review'),
    merge: () => useReviewView.getState().setMergeOpen(!useReviewView.getState().mergeOpen),
  };
  useReviewKeys(handlers);

  const closeDialog = () => {
    useReviewView.getState().setDialog(null);
    focusTarget('list');
  };

  return (
    <div className="review-screen" data-testid="review-screen" data-queue={v.queue} data-reason={v.reason ?? ''}>
      <KpiStrip />
      <div className="review-toolbar">
        <h1 className="review-title">
          {t(`queue.${v.queue}`)}
          {v.reason && <span className="muted"> · {t(`flagReason.${v.reason}`)}</span>}
        </h1>
        <button type="button" className={v.mergeOpen ? 'btn active' : 'btn'} data-testid="merge-open" aria-expanded={v.mergeOpen} onClick={handlers.merge}>
          {t('merge.open')} <kbd>M</kbd>
        </button>
      </div>
      {v.mergeOpen && (
        <MergePanel
          onClose={() => {
            useReviewView.getState().setMergeOpen(false);
            focusTarget('list');
          }}
        />
      )}
      <DecisionResults />
      {page.error && <ErrorBox compact title={t('review.loadError')} error={page.error} onRetry={page.reload} />}
      <div className="review-main">
        <ReasonPanel
          queue={v.queue}
          reason={v.reason}
          groups={{ review: review.data, on_hold: held.data }}
          onPick={(q, r) => {
            useReviewView.getState().setQueue(q, r);
            focusTarget('list');
          }}
        />
        <ReviewTable
          queue={v.queue}
          rows={rows}
          total={total}
          offset={v.offset}
          cursor={cursor}
          checked={checked}
          openId={openId}
          loading={page.loading}
          onCursor={move}
          onToggle={(id) => useReviewView.getState().toggle(id)}
          onTogglePage={handlers.selectPage}
          onPage={(o) => useReviewView.getState().setOffset(o)}
        />
        <ReviewDetail
          row={cursorRow}
          queue={v.queue}
          rules={rules.data?.rules ?? null}
          targets={targets.length}
          onApprove={handlers.approve}
          onHold={handlers.hold}
          onReject={handlers.reject}
          onRelease={handlers.release}
        />
        <OrderDrawer />
      </div>
      <KeyHints queue={v.queue} />
      {v.dialog === 'hold' && (
        <HoldDialog count={targets.length} onClose={closeDialog} onSubmit={(hold, note) => void decide(request('hold', { hold, note }), reload).then(() => focusTarget('list'))} />
      )}
      {v.dialog === 'reject' && (
        <RejectDialog count={targets.length} onClose={closeDialog} onSubmit={(note) => void decide(request('reject', { note }), reload).then(() => focusTarget('list'))} />
      )}
    </div>
  );
}
