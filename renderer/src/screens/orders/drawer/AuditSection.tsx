import { ErrorBox } from '../../../components/ErrorBox.js';
import { useT } from '../../../i18n/index.js';
import { useExplanation, useRules } from '../../review/data.js';
import { Explanation } from '../../review/Explanation.js';

/** Why the order is where it is: the audit explanation (outcome, each check and rule that fired, conflicts). */
export function AuditSection({ orderId }: { orderId: number }) {
  const t = useT();
  const { data, error, reload } = useExplanation(orderId);
  const rules = useRules();
  return (
    <section className="drawer-section" data-testid="audit-section">
      <h3>{t('explain.title')}</h3>
      {error && <ErrorBox compact title={t('explain.error')} error={error} onRetry={reload} />}
      {!data && !error && <p className="muted">{t('common.loading')}</p>}
      {data && <Explanation explanation={data} rules={rules.data?.rules ?? null} />}
    </section>
  );
}
