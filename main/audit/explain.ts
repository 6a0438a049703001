import type { AuditExplanation, AuditFinding, AuditOutcome } from '../../shared/domain/audit.js';
import type { Payment, PlatformState, Workflow } from '../../shared/domain/status.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';
import { skipReason } from './eligibility.js';

/** "Why is this order here?": the checks and rules that fired at its latest audit, who decided, or why it is not audited. */
export function explainOrder(db: DB, orderId: number): AuditExplanation {
  const o = db.prepare('SELECT payment, platform_state, workflow, open_flags FROM orders WHERE id = ?').get(orderId) as
    | { payment: Payment; platform_state: PlatformState; workflow: Workflow; open_flags: number }
    | undefined;
  if (!o) throw new AppError('not_found', `order ${orderId} does not exist`, { id: orderId });
  const r = db.prepare('SELECT outcome, findings, evaluated_at FROM audit_results WHERE order_id = ?').get(orderId) as
    | { outcome: AuditOutcome; findings: string; evaluated_at: number }
    | undefined;
  const decided = db.prepare('SELECT decided_by FROM audit_outcomes WHERE order_id = ?').pluck().get(orderId) as 'auto' | 'person' | undefined;
  return {
    orderId,
    outcome: r?.outcome ?? null,
    decidedBy: decided ?? null,
    evaluatedAt: r?.evaluated_at ?? null,
    findings: r ? (JSON.parse(r.findings) as AuditFinding[]) : [],
    skipped: skipReason({ payment: o.payment, platformState: o.platform_state, workflow: o.workflow, openFlags: o.open_flags }),
  };
}
