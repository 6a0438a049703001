import { useEffect, useRef } from 'react';
import type { ReviewRow } from '../../../../shared/contract/audit.js';
import { registerFocusTarget } from '../../app/focus.js';
import { PlatformBadge } from '../../components/badges.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { PAGE_SIZE, type ReviewQueue } from './review-view.js';

interface Props {
  queue: ReviewQueue;
  rows: readonly ReviewRow[];
  total: number;
  offset: number;
  cursor: number;
  checked: ReadonlySet<number>;
  openId: number | null;
  loading: boolean;
  onCursor: (index: number) => void;
  onToggle: (id: number) => void;
  onTogglePage: () => void;
  onPage: (offset: number) => void;
}

/**
 * The orders waiting for a decision, a page at a time (bulk selection works per page). Rows look like the order
 * list's; the keyboard lives on the screen (keys.ts), so the list only needs to show the cursor and keep it in view.
 */
export function ReviewTable({ queue, rows, total, offset, cursor, checked, openId, loading, onCursor, onToggle, onTogglePage, onPage }: Props) {
  const t = useT();
  const fmt = useFormat();
  const box = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    box.current?.querySelector(`[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor, rows]);

  const allChecked = rows.length > 0 && rows.every((r) => checked.has(r.id));
  const last = Math.min(offset + rows.length, total);
  return (
    <div className="review-list-area">
      <div
        ref={(el) => {
          box.current = el;
          registerFocusTarget('list', el);
        }}
        className="review-list"
        role="grid"
        aria-label={t('review.list')}
        aria-rowcount={rows.length + 1}
        aria-busy={loading}
        aria-multiselectable="true"
        aria-activedescendant={rows[cursor] ? `review-row-${rows[cursor].id}` : undefined}
        tabIndex={0}
        data-testid="review-list"
        data-total={total}
        data-loading={loading}
      >
        <div className="rv-head rv-cols" role="row">
          <div role="columnheader">
            <input type="checkbox" aria-label={t('review.selectPage')} title={t('review.selectPage')} checked={allChecked} onChange={onTogglePage} tabIndex={-1} />
          </div>
          <div role="columnheader">{t('col.order')}</div>
          <div role="columnheader">{t('col.buyer')}</div>
          <div role="columnheader" className="num">
            {t('col.amount')}
          </div>
          <div role="columnheader">{t('review.col.reasons')}</div>
          <div role="columnheader">{queue === 'on_hold' ? t('review.col.releases') : t('col.placed')}</div>
        </div>
        {rows.map((r, i) => (
          <div
            key={r.id}
            id={`review-row-${r.id}`}
            role="row"
            data-index={i}
            aria-selected={checked.has(r.id)}
            className={`rv-row rv-cols${i === cursor ? ' cursor' : ''}${checked.has(r.id) ? ' checked' : ''}${r.id === openId ? ' open' : ''}`}
            data-testid="review-row"
            data-order-id={r.id}
            data-platform-order-id={r.platformOrderId}
            data-queue={r.queue}
            data-checked={checked.has(r.id)}
            data-cursor={i === cursor}
            onMouseDown={(e) => {
              if (!(e.target instanceof HTMLInputElement)) e.preventDefault(); // keep the focus on the list
            }}
            onClick={() => {
              onCursor(i);
              box.current?.focus({ preventScroll: true });
            }}
          >
            <div role="gridcell">
              <input type="checkbox" tabIndex={-1} aria-label={t('review.select', { id: r.platformOrderId })} checked={checked.has(r.id)} onChange={() => onToggle(r.id)} />
            </div>
            <div role="gridcell" className="rv-order">
              <span className="rv-id">
                <PlatformBadge platform={r.platform} />
                <span className="mono" title={r.platformOrderId}>
                  {r.platformOrderId}
                </span>
              </span>
              <span className="muted small" title={r.shopName}>
                {r.shopName}
              </span>
            </div>
            <div role="gridcell" title={r.buyerName ?? undefined}>
              {r.buyerNick ?? r.buyerName ?? t('common.none')}
            </div>
            <div role="gridcell" className="num rv-amount">
              {fmt.money(r.totalMinor, r.currency)}
            </div>
            <div role="gridcell" className="rv-reasons" title={r.summary}>
              <span className="rv-chips">
                {r.reasons.map((x) => (
                  <span key={x} className="reason-chip" data-reason={x}>
                    {t(`flagReason.${x}`)}
                  </span>
                ))}
              </span>
              <span className="rv-summary muted">{r.summary}</span>
            </div>
            <div role="gridcell" className="num rv-when">
              {queue === 'on_hold'
                ? r.holdReleaseAt !== null
                  ? fmt.shortDateTime(r.holdReleaseAt)
                  : t('review.byHand')
                : fmt.shortDateTime(r.placedAt)}
            </div>
          </div>
        ))}
        {rows.length === 0 && !loading && (
          <div className="list-empty" data-testid="review-empty">
            <p className="empty-title">{t(queue === 'review' ? 'review.empty' : 'review.emptyHold')}</p>
          </div>
        )}
      </div>
      <div className="review-pager">
        <span className="muted" data-testid="review-range">
          {total > 0 ? t('review.range', { from: fmt.number(offset + 1), to: fmt.number(last), total: fmt.number(total) }) : ''}
          {checked.size > 0 && ` · ${t('review.checked', { n: checked.size })}`}
        </span>
        <button type="button" className="btn" disabled={offset === 0} onClick={() => onPage(offset - PAGE_SIZE)} title="PageUp">
          {t('review.prevPage')}
        </button>
        <button type="button" className="btn" disabled={offset + PAGE_SIZE >= total} onClick={() => onPage(offset + PAGE_SIZE)} title="PageDown">
          {t('review.nextPage')}
        </button>
      </div>
    </div>
  );
}
