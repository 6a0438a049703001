import type { RuleConflict } from '../../shared/contract/index.js';
import type { AuditRule, RuleAction } from '../../shared/domain/audit.js';
import type { DB } from '../store/db.js';

function outcomeOf(actions: readonly RuleAction[]): string | null {
  return actions.find((a) => a.type === 'approve' || a.type === 'review' || a.type === 'hold')?.type ?? null;
}

/** Conditions compared as a set: the same tests in another order are the same rule. */
function conditionKey(r: AuditRule): string {
  return JSON.stringify(r.conditions.map((c) => JSON.stringify(c, Object.keys(c).sort())).sort());
}

/**
 * Conflicts between rules, for the rule screen:
 *  - seen on orders: a later rule's outcome, carrier, warehouse or priority that an earlier rule had already decided
 *    (from the latest audit results of orders still before printing, with how many orders);
 *  - unreachable: a rule after an enabled `stop` rule without conditions never runs;
 *  - same conditions, different outcomes: the later rule's outcome can never win.
 */
export function ruleConflicts(db: DB, rules: readonly AuditRule[]): RuleConflict[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const name = (id: number) => (byId.get(id) ? `"${byId.get(id)!.name}"` : `#${id} (removed)`);
  const out: RuleConflict[] = [];

  const seen = db
    .prepare(
      `SELECT f.value ->> '$.ruleId' AS loser, v.value ->> '$.byRuleId' AS winner, v.value ->> '$.action' AS action, count(*) AS n
       FROM orders o INDEXED BY orders_queue_placed JOIN audit_results r ON r.order_id = o.id, json_each(r.findings) f, json_each(f.value, '$.overridden') v
       WHERE o.queue IN ('pending_audit','review','on_hold','to_print') AND instr(r.findings, '"byRuleId"') > 0 AND f.value ->> '$.source' = 'rule'
       GROUP BY loser, winner, action`,
    )
    .all() as { loser: number; winner: number; action: string; n: number }[];
  const pairs = new Map<string, RuleConflict>();
  for (const s of seen) {
    if (!byId.has(s.loser) || !byId.has(s.winner)) continue; // a removed rule's conflicts went with it
    const on = s.action.split(':')[0]!.trim();
    const key = `${s.winner}:${s.loser}:${on}`;
    const c = pairs.get(key);
    if (c) {
      c.orders += s.n;
      continue;
    }
    const detail = `${name(s.loser)} wanted ${s.action} but ${name(s.winner)} came first and decided the ${on}`;
    const entry: RuleConflict = { winnerId: s.winner, loserId: s.loser, on, orders: s.n, detail };
    pairs.set(key, entry);
    out.push(entry);
  }

  const enabled = rules.filter((r) => r.enabled);
  const stopper = enabled.find((r) => r.stop && r.conditions.length === 0);
  if (stopper) {
    for (const r of enabled) {
      if (r.position <= stopper.position) continue;
      out.push({ winnerId: stopper.id, loserId: r.id, on: 'unreachable', orders: 0, detail: `${name(r.id)} never runs: ${name(stopper.id)} before it matches every order and stops` });
    }
  }
  for (let i = 0; i < enabled.length; i++) {
    for (let j = i + 1; j < enabled.length; j++) {
      const a = enabled[i]!;
      const b = enabled[j]!;
      const oa = outcomeOf(a.actions);
      const ob = outcomeOf(b.actions);
      if (!oa || !ob || oa === ob || conditionKey(a) !== conditionKey(b)) continue;
      if (out.some((c) => c.winnerId === a.id && c.loserId === b.id && c.on === 'outcome')) continue; // already seen on orders
      out.push({ winnerId: a.id, loserId: b.id, on: 'outcome', orders: 0, detail: `${name(a.id)} and ${name(b.id)} test the same conditions but decide ${oa} and ${ob}: ${name(b.id)}'s ${ob} never applies` });
    }
  }
  return out;
}
