import { ErrorBox } from '../../components/ErrorBox.js';
import { hasKey, useT, type T } from '../../i18n/index.js';
import { useReviewView } from './review-view.js';

/** A label for a value main names as a string (a queue, an error code), or the value itself when we have none. */
function known(t: T, key: string, fallback: string): string {
  return hasKey(key) ? t(key) : fallback;
}

/**
 * A refusal's headline: a per-order `forbidden` can only be the override (audit.decide itself is checked for the
 * whole call), so it names that permission; other codes get their usual words.
 */
function headline(t: T, code: string): string {
  if (code === 'forbidden') return t('decide.needsPerm', { perm: t('perm.audit.override') });
  return known(t, `error.${code}`, '');
}

/**
 * What the last decision did, order by order: how many went through, and each refusal with main's message (needs
 * the override permission, claimed by someone else, already printed…). Refused orders stay checked for another try.
 */
export function DecisionResults() {
  const t = useT();
  const last = useReviewView((s) => s.last);
  const setLast = useReviewView((s) => s.setLast);
  if (!last) return null;
  if (last.error) {
    return (
      <div className="decision-results" data-testid="decision-results" data-failed="all">
        <ErrorBox compact title={t(`decide.failed.${last.decision}`)} error={last.error} />
        <button type="button" className="btn link" onClick={() => setLast(null)}>
          {t('decide.dismiss')}
        </button>
      </div>
    );
  }
  const ok = last.results.filter((r) => r.ok);
  const refused = last.results.filter((r) => !r.ok);
  const label = (id: number) => last.labels[id] ?? `#${id}`;
  return (
    <div className={refused.length ? 'decision-results has-refusals' : 'decision-results'} data-testid="decision-results" role="status" data-ok={ok.length} data-refused={refused.length}>
      <span className="decision-summary">
        {t(`decide.done.${last.decision}`, { n: ok.length })}
        {refused.length > 0 && ` · ${t('decide.refusedCount', { n: refused.length })}`}
      </span>
      {ok.length === 1 && ok[0]!.queue && (
        <span className="muted">
          {label(ok[0]!.orderId)} → {known(t, `queue.${ok[0]!.queue}`, ok[0]!.queue)}
        </span>
      )}
      {refused.length > 0 && (
        <ul className="refusals">
          {refused.map((r) => (
            <li key={r.orderId} data-testid="decision-refusal" data-order-id={r.orderId} data-code={r.error?.code ?? ''}>
              <strong className="mono">{label(r.orderId)}</strong>: {r.error ? `${headline(t, r.error.code)} ` : ''}
              <span className="refusal-message">{r.error?.message}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn link" onClick={() => setLast(null)}>
        {t('decide.dismiss')}
      </button>
    </div>
  );
}
