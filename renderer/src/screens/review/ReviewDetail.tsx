import type { ReviewRow } from '../../../../shared/contract/audit.js';
import type { AuditCheck, AuditRule } from '../../../../shared/domain/audit.js';
import { focusTarget } from '../../app/focus.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { PlatformBadge } from '../../components/badges.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { useCan } from '../../state/session.js';
import { LinesSection, MessagesSection } from '../orders/drawer/sections.js';
import { useOrderDetail } from '../orders/hooks.js';
import { useExplanation } from './data.js';
import { Explanation } from './Explanation.js';
import { useReviewView, type ReviewQueue } from './review-view.js';

/** Exceptions main lets only audit.override approve past (DecideInput's own list). */
const BLOCKING: readonly AuditCheck[] = ['unmapped_sku', 'out_of_stock', 'address_invalid', 'blacklisted'];

interface Props {
  row: ReviewRow | null;
  queue: ReviewQueue;
  rules: readonly AuditRule[] | null;
  /** How many orders a decision would apply to now (checked ones, or this one). */
  targets: number;
  onApprove: () => void;
  onHold: () => void;
  onReject: () => void;
  onRelease: () => void;
}

/**
 * The order under the cursor: why it is here (the full explanation), what the buyer and seller wrote, its lines, the
 * note that goes with the next decision, and the decision buttons (each with its key).
 */
export function ReviewDetail({ row, queue, rules, targets, onApprove, onHold, onReject, onRelease }: Props) {
  const t = useT();
  const fmt = useFormat();
  const note = useReviewView((s) => s.note);
  const setNote = useReviewView((s) => s.setNote);
  const busy = useReviewView((s) => s.busy);
  const canOverride = useCan('audit.override');
  const explain = useExplanation(row?.id ?? null);
  const detail = useOrderDetail(row?.id ?? null);

  if (!row) return <aside className="review-detail empty" data-testid="review-detail" />;
  const x = explain.data;
  const blocking = (x?.findings ?? []).filter((f) => f.source === 'check' && f.waivedBy === null && BLOCKING.includes(f.check));
  const multi = targets > 1 ? ` (${targets})` : '';

  return (
    <aside className="review-detail" data-testid="review-detail" data-order-id={row.id} aria-label={t('drawer.label', { id: row.platformOrderId })}>
      <header className="review-detail-head">
        <PlatformBadge platform={row.platform} />
        <strong className="mono" data-testid="review-detail-id">
          {row.platformOrderId}
        </strong>
        <span className="muted">{row.shopName}</span>
        <span className="num rv-amount">{fmt.money(row.totalMinor, row.currency)}</span>
      </header>
      <div className="review-actions">
        <input
          id="review-note"
          data-testid="review-note"
          className="input"
          maxLength={500}
          placeholder={t('decide.notePlaceholder')}
          aria-label={t('decide.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return;
            if (e.key === 'Escape' || e.key === 'Enter') {
              e.preventDefault();
              e.stopPropagation();
              focusTarget('list');
            }
          }}
        />
        <div className="review-buttons">
          <button type="button" className="btn primary" data-testid="decide-approve" aria-disabled={busy} onClick={onApprove}>
            {t('decide.approve')}
            {multi} <kbd>A</kbd>
          </button>
          <button type="button" className="btn" data-testid="decide-hold" aria-disabled={busy} onClick={onHold}>
            {t('decide.hold')}
            {multi} <kbd>H</kbd>
          </button>
          <button type="button" className="btn danger-outline" data-testid="decide-reject" aria-disabled={busy} onClick={onReject}>
            {t('decide.reject')}
            {multi} <kbd>R</kbd>
          </button>
          {queue === 'on_hold' && (
            <button type="button" className="btn" data-testid="decide-release" aria-disabled={busy} onClick={onRelease}>
              {t('decide.release')}
              {multi} <kbd>U</kbd>
            </button>
          )}
        </div>
        {!canOverride && blocking.length > 0 && (
          <p className="notice small" data-testid="needs-override">
            {t('decide.needsOverride', { checks: blocking.map((f) => (f.source === 'check' ? t(`flagReason.${f.check}`) : '')).join(', '), perm: t('perm.audit.override') })}
          </p>
        )}
      </div>
      <div className="review-detail-body">
        {explain.error && <ErrorBox compact title={t('explain.error')} error={explain.error} onRetry={explain.reload} />}
        {!x && !explain.error && <p className="muted">{t('common.loading')}</p>}
        {x && <Explanation explanation={x} rules={rules} />}
        {detail.error && <ErrorBox compact title={t('drawer.loadError')} error={detail.error} onRetry={detail.reload} />}
        {detail.data && (
          <>
            <MessagesSection order={detail.data} />
            <LinesSection order={detail.data} />
          </>
        )}
      </div>
    </aside>
  );
}
