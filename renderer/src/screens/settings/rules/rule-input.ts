import type { AuditRule, RuleInput } from '../../../../../shared/domain/audit.js';

/** A saved rule as the save channel takes it back (to flip "enabled" without touching the rest). */
export function inputOf(r: AuditRule, patch: Partial<RuleInput> = {}): RuleInput {
  return { name: r.name, enabled: r.enabled, stop: r.stop, conditions: r.conditions, actions: r.actions, ...patch };
}
