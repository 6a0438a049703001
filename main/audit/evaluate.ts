import type { AuditCheck, AuditFinding, AuditOutcome, HoldRelease, HoldReason, RuleAction, RuleCondition } from '../../shared/domain/audit.js';
import { matchCondition, type ConditionContext } from './conditions.js';
import type { LoadedOrder } from './loader.js';

/** A saved, enabled rule ready to evaluate. */
export interface CompiledRule {
  id: number;
  name: string;
  /** "rule:<name>": who the event log says acted. */
  actor: string;
  conditions: RuleCondition[];
  actions: RuleAction[];
  stop: boolean;
}

/** A built-in check's verdict on one order. */
export interface CheckHit {
  check: AuditCheck;
  outcome: 'review' | 'hold';
  detail: string;
}

/** Who already settled a finding: a person who approved past it or released its flag, or an elapsed hold time. */
export type Settled = (reason: string, note: string, createdBy: string) => string | null;

/** What the rules asked for beyond the outcome; the first rule to ask wins, later differing asks are conflicts. */
export interface RuleSettings {
  tags: { tag: string; rule: CompiledRule }[];
  carrier: { value: string; rule: CompiledRule } | null;
  warehouse: { value: number; rule: CompiledRule } | null;
  priority: { value: number; rule: CompiledRule } | null;
}

/** A flag the verdict wants open on the order. */
export interface WantedFlag {
  kind: 'hold' | 'exception';
  reason: string;
  note: string;
  /** A hold's own release rule (checks' and reviews' holds are released when fixed). */
  release: HoldRelease['kind'];
  releaseAt: number | null;
  by: string;
}

export interface Verdict {
  outcome: AuditOutcome;
  findings: AuditFinding[];
  /** The rule whose outcome action decided the rules' outcome, when that is the final outcome. */
  decidingRule: CompiledRule | null;
  firedChecks: AuditCheck[];
  firedRules: number[];
  flags: WantedFlag[];
  settings: RuleSettings;
  /** Plain words for the event: why this outcome. */
  why: string;
}

const RANK: Record<AuditOutcome, number> = { approve: 0, review: 1, hold: 2 };
const HOUR = 3_600_000;
const MINUTE = 60_000;

export function ruleNote(rule: CompiledRule, note: string | undefined): string {
  return note?.trim() ? note.trim() : `rule "${rule.name}"`;
}

function releaseAt(release: HoldRelease, o: LoadedOrder, now: number): number | null {
  if (release.kind === 'after') return now + release.minutes * MINUTE;
  if (release.kind === 'before_ship_by') return o.shipBy === null ? null : Math.max(now, o.shipBy - release.hours * HOUR);
  return null;
}

/**
 * Decides one order: checks first, then the enabled rules in position order (all conditions hold → the rule fires;
 * `stop` ends the evaluation). The first rule with an outcome action decides the rules' outcome; the final outcome
 * is the strongest of the checks that were neither waived by a rule nor settled by a person, and the rules'
 * outcome; nothing fired → approve.
 */
export function decide(o: LoadedOrder, hits: readonly CheckHit[], rules: readonly CompiledRule[], ctx: Omit<ConditionContext, 'fired'>, settled: Settled): Verdict {
  const fired = new Set(hits.map((h) => h.check));
  const cctx: ConditionContext = { ...ctx, fired };
  const ruleFindings: AuditFinding[] = [];
  const waived = new Map<AuditCheck, number>();
  const settings: RuleSettings = { tags: [], carrier: null, warehouse: null, priority: null };
  let decider: { rule: CompiledRule; action: Extract<RuleAction, { type: 'approve' | 'review' | 'hold' }> } | null = null;
  const firedRules: number[] = [];

  for (const rule of rules) {
    const matched: string[] = [];
    let holds = true;
    for (const c of rule.conditions) {
      const m = matchCondition(c, o, cctx);
      if (m === null) {
        holds = false;
        break;
      }
      matched.push(m);
    }
    if (!holds) continue;
    if (rule.conditions.length === 0) matched.push('always (no conditions)');
    firedRules.push(rule.id);
    const overridden: { action: string; byRuleId: number }[] = [];
    for (const a of rule.actions) {
      switch (a.type) {
        case 'approve':
        case 'review':
        case 'hold':
          if (!decider) decider = { rule, action: a };
          else if (decider.action.type !== a.type) overridden.push({ action: `outcome: ${a.type}`, byRuleId: decider.rule.id });
          break;
        case 'waive':
          for (const c of a.checks) if (!waived.has(c)) waived.set(c, rule.id);
          break;
        case 'tag':
          for (const t of a.tags) {
            if (settings.tags.some((x) => x.tag === t) || o.tags.includes(t)) continue;
            settings.tags.push({ tag: t, rule });
            o.tags = [...o.tags, t]; // later rules see the tag
          }
          break;
        case 'set_carrier':
          if (!settings.carrier) settings.carrier = { value: a.carrier, rule };
          else if (settings.carrier.value !== a.carrier) overridden.push({ action: `carrier: ${a.carrier}`, byRuleId: settings.carrier.rule.id });
          break;
        case 'set_warehouse':
          if (!settings.warehouse) settings.warehouse = { value: a.warehouseId, rule };
          else if (settings.warehouse.value !== a.warehouseId) overridden.push({ action: `warehouse: ${a.warehouseId}`, byRuleId: settings.warehouse.rule.id });
          break;
        case 'set_priority':
          if (!settings.priority) settings.priority = { value: a.priority, rule };
          else if (settings.priority.value !== a.priority) overridden.push({ action: `priority: ${a.priority}`, byRuleId: settings.priority.rule.id });
          break;
      }
    }
    ruleFindings.push({ source: 'rule', ruleId: rule.id, name: rule.name, matched, actions: rule.actions, overridden });
    if (rule.stop) break;
  }

  const workflowApproved = o.workflow === 'approved';
  const flags: WantedFlag[] = [];
  const findings: AuditFinding[] = [];
  let checkOutcome: AuditOutcome = 'approve';
  const reasons: string[] = [];
  for (const h of hits) {
    const waivedBy = waived.get(h.check) ?? null;
    const by = waivedBy === null ? settled(h.check, h.detail, 'rule:audit') : null;
    findings.push({ source: 'check', check: h.check, outcome: h.outcome, detail: by ? `${h.detail} (accepted by ${by})` : h.detail, waivedBy });
    if (waivedBy !== null || by) continue;
    if (RANK[h.outcome] > RANK[checkOutcome]) checkOutcome = h.outcome;
    reasons.push(h.check);
    // An approved order can only be stopped from printing by a hold.
    const kind = h.outcome === 'hold' || workflowApproved ? 'hold' : 'exception';
    flags.push({ kind, reason: h.check, note: h.detail, release: 'when_fixed', releaseAt: null, by: 'rule:audit' });
  }
  findings.push(...ruleFindings);

  let rulesOutcome: AuditOutcome = 'approve';
  if (decider) {
    const { rule, action } = decider;
    if (action.type === 'review') {
      const note = ruleNote(rule, action.note);
      if (!settled('rule_review', note, rule.actor)) {
        rulesOutcome = 'review';
        flags.push({ kind: workflowApproved ? 'hold' : 'exception', reason: 'rule_review', note, release: 'when_fixed', releaseAt: null, by: rule.actor });
      }
    } else if (action.type === 'hold') {
      const note = ruleNote(rule, action.note);
      if (!settled(action.reason, note, rule.actor)) {
        rulesOutcome = 'hold';
        flags.push({ kind: 'hold', reason: action.reason satisfies HoldReason, note, release: action.release.kind, releaseAt: releaseAt(action.release, o, ctx.now), by: rule.actor });
      }
    }
  }
  const outcome = RANK[rulesOutcome] >= RANK[checkOutcome] ? rulesOutcome : checkOutcome;
  const decidingRule = decider && decider.action.type === outcome && rulesOutcome === outcome ? decider.rule : null;
  const why =
    outcome === 'approve'
      ? decidingRule
        ? `rule "${decidingRule.name}" approved it`
        : hits.length
          ? 'every check that fired was waived or accepted'
          : 'no check fired and no rule objected'
      : [...reasons, ...(decidingRule ? [`rule "${decidingRule.name}"`] : [])].join(', ');
  return { outcome, findings, decidingRule, firedChecks: [...fired], firedRules, flags, settings, why };
}
