import { FLAG_BIT, type Payment, type PlatformState, type Workflow } from '../../shared/domain/status.js';

export interface EligibilityFacts {
  payment: Payment;
  platformState: PlatformState;
  workflow: Workflow;
  openFlags: number;
}

/**
 * Why an order is not audited, or null when it is: only paid orders the platform still wants shipped, not
 * intercepted, and not printed yet (an approved order is audited again when it changes; a printed one never).
 */
export function skipReason(o: EligibilityFacts): string | null {
  if (o.platformState === 'cancelled') return 'cancelled on the platform';
  if (o.platformState === 'shipped' || o.platformState === 'completed') return `already ${o.platformState} on the platform`;
  if (o.payment === 'refunded') return 'refunded';
  if (o.payment === 'unpaid' || o.platformState === 'unpaid') return 'not paid yet';
  if (o.openFlags & FLAG_BIT.intercept) return 'intercepted (the platform changed it after import)';
  if (o.workflow !== 'pending_audit' && o.workflow !== 'approved') return `already ${o.workflow}, past audit`;
  return null;
}
