import { useT } from '../i18n/index.js';
import { openSwitch, useOperator, useSession } from '../state/session.js';

/** Who is working here, always in view on a shared bench, with the way to hand over (F2). */
export function OperatorChip() {
  const t = useT();
  const op = useOperator();
  const station = useSession((s) => s.info?.station.name ?? '');
  if (!op) return null;
  const role = t(`role.${op.role}`);
  return (
    <div className="operator" data-testid="operator-chip" data-operator-id={op.id} data-role={op.role} title={t('session.station', { name: station })}>
      <span className="op-avatar" aria-hidden="true">
        {op.name.slice(0, 1)}
      </span>
      <span className="sr-only">{t('session.operatorLabel', { name: op.name, role })}</span>
      <span className="op-name" data-testid="operator-name" aria-hidden="true">
        {op.name}
      </span>
      <span className={`chip role-${op.role}`} aria-hidden="true">
        {role}
      </span>
      <button type="button" className="btn" data-testid="switch-operator" title={t('session.switchHint')} onClick={openSwitch}>
        {t('session.switch')}
        <kbd>F2</kbd>
      </button>
    </div>
  );
}
