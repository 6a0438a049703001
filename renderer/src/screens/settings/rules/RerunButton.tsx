import type { AuditRunResult } from '../../../../../shared/contract/audit.js';
import { api } from '../../../api/client.js';
import { useAction } from '../../../api/use-action.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';
import { useState } from 'react';

/** Runs every rule again on every order not yet printed, and says what came of it. */
export function RerunButton() {
  const t = useT();
  const fmt = useFormat();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<AuditRunResult | null>(null);
  return (
    <div className="rerun">
      <button type="button" className="btn" data-testid="audit-rerun" aria-disabled={busy} onClick={() => !busy && run(() => api.invoke('audit.run', {}), setResult)}>
        {busy ? t('rules.rerunBusy') : t('rules.rerun')}
      </button>
      {result && !busy && (
        <span className="saved-note" role="status" data-testid="audit-rerun-result" data-held={result.held} data-evaluated={result.evaluated}>
          {t('rules.rerunResult', {
            n: fmt.number(result.evaluated),
            approved: fmt.number(result.approved),
            review: fmt.number(result.review),
            held: fmt.number(result.held),
            released: fmt.number(result.released),
            s: (result.ms / 1000).toFixed(1),
          })}
        </span>
      )}
      {error && <ErrorBox compact title={t('rules.rerunError')} error={error} />}
    </div>
  );
}
