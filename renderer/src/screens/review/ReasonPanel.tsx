import type { ReviewList } from '../../../../shared/contract/audit.js';
import type { FlagReason } from '../../../../shared/domain/status.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import type { ReviewQueue } from './review-view.js';

interface Props {
  queue: ReviewQueue;
  reason: FlagReason | null;
  groups: Record<ReviewQueue, ReviewList | null>;
  onPick: (queue: ReviewQueue, reason: FlagReason | null) => void;
}

const QUEUES: readonly ReviewQueue[] = ['review', 'on_hold'];

/** The two queues, each with its reasons and how many open orders have each (one order can count under two). */
export function ReasonPanel({ queue, reason, groups, onPick }: Props) {
  const t = useT();
  const fmt = useFormat();
  return (
    <nav className="reason-panel" aria-label={t('review.reasons')} data-testid="reason-panel">
      {QUEUES.map((q) => {
        const g = groups[q];
        const active = q === queue;
        return (
          <section key={q} className="reason-queue" data-queue={q}>
            <button
              type="button"
              className={active && reason === null ? 'reason-item queue active' : 'reason-item queue'}
              data-testid={`review-queue-${q}`}
              aria-current={active && reason === null ? 'true' : undefined}
              onClick={() => onPick(q, null)}
            >
              <span className={`chip q-${q}`}>{t(`queue.${q}`)}</span>
              <span className="reason-count">{g ? fmt.number(g.total) : '…'}</span>
            </button>
            <ul>
              {(g?.groups ?? [])
                .filter((x) => x.count > 0)
                .map((x) => {
                  const on = active && reason === x.reason;
                  return (
                    <li key={x.reason}>
                      <button
                        type="button"
                        className={on ? 'reason-item active' : 'reason-item'}
                        data-testid="review-reason"
                        data-reason={x.reason}
                        data-queue={q}
                        data-count={x.count}
                        aria-current={on ? 'true' : undefined}
                        onClick={() => onPick(q, x.reason)}
                      >
                        <span className="reason-name">{t(`flagReason.${x.reason}`)}</span>
                        <span className="reason-count">{fmt.number(x.count)}</span>
                      </button>
                    </li>
                  );
                })}
            </ul>
            {g && g.total === 0 && <p className="muted small reason-empty">{t('review.queueEmpty')}</p>}
          </section>
        );
      })}
    </nav>
  );
}
