import type { z } from 'zod';
import { RuleInput, type AuditRule, type RuleAction, type RuleCondition } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import type { CompiledRule } from './evaluate.js';
import type { RulesVersion } from './version.js';

export type ParsedRule = z.output<typeof RuleInput>;

/** Who changed something: the event log's actor and, for a person, their operator and station. */
export interface Who {
  actor: string;
  operatorId: number | null;
  stationId: number | null;
}

interface RuleRow {
  id: number;
  position: number;
  name: string;
  enabled: number;
  conditions: string;
  actions: string;
  stop: number;
  updated_at: number;
  updated_by: string;
}

function toRule(r: RuleRow): AuditRule {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    enabled: r.enabled === 1,
    conditions: JSON.parse(r.conditions) as RuleCondition[],
    actions: JSON.parse(r.actions) as RuleAction[],
    stop: r.stop === 1,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

const OUTCOME_ACTIONS = new Set(['approve', 'review', 'hold']);

/**
 * The ordered audit rules. Positions stay dense (0…n−1) through every save, remove and move; every change is an
 * event and bumps the rules version, so every order not yet printed is audited again under the new rules.
 */
export class RuleStore {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
    private readonly version: RulesVersion,
  ) {}

  list(): AuditRule[] {
    return (this.db.prepare('SELECT * FROM audit_rules ORDER BY position, id').all() as RuleRow[]).map(toRule);
  }

  get(id: number): AuditRule {
    const r = this.db.prepare('SELECT * FROM audit_rules WHERE id = ?').get(id) as RuleRow | undefined;
    if (!r) throw new AppError('not_found', `audit rule ${id} does not exist`, { id });
    return toRule(r);
  }

  /** The enabled rules in evaluation order. */
  compiled(): CompiledRule[] {
    return this.list()
      .filter((r) => r.enabled)
      .map((r) => ({ id: r.id, name: r.name, actor: `rule:${r.name}`, conditions: r.conditions, actions: r.actions, stop: r.stop }));
  }

  /** What the schema cannot see: bounds that need both values, and ids that must exist. Names the field and value. */
  private validate(rule: ParsedRule): void {
    const bad = (path: string, message: string, value?: unknown) => {
      throw new AppError('invalid_input', `rule "${rule.name}": ${path}: ${message}`, { field: path, value, issues: [{ path, message }] });
    };
    rule.conditions.forEach((c, i) => {
      const at = `conditions.${i}`;
      if ('op' in c && c.op === 'between' && 'value' in c && (!('value2' in c) || c.value2 === undefined)) bad(`${at}.value2`, `"${c.field} between" needs a second value`);
      if (c.field === 'remark' && c.op === 'contains' && !c.values?.length) bad(`${at}.values`, '"remark contains" needs at least one keyword');
      if (c.field === 'shop') {
        const known = new Set((this.db.prepare('SELECT id FROM shops').pluck().all() as number[]));
        const missing = c.values.find((id) => !known.has(id));
        if (missing !== undefined) bad(`${at}.values`, `shop ${missing} does not exist`, missing);
      }
    });
    let outcomes = 0;
    rule.actions.forEach((a, i) => {
      if (OUTCOME_ACTIONS.has(a.type)) outcomes++;
      if (a.type === 'set_warehouse' && !this.db.prepare('SELECT 1 FROM warehouses WHERE id = ?').get(a.warehouseId)) {
        bad(`actions.${i}.warehouseId`, `warehouse ${a.warehouseId} does not exist`, a.warehouseId);
      }
    });
    if (outcomes > 1) bad('actions', 'a rule decides at most one outcome (approve, review or hold)');
  }

  save(id: number | undefined, input: z.input<typeof RuleInput>, who: Who, now: number): AuditRule {
    const rule = RuleInput.parse(input);
    this.validate(rule);
    return this.db.transaction(() => {
      let ruleId = id;
      if (ruleId === undefined) {
        const position = (this.db.prepare('SELECT count(*) FROM audit_rules').pluck().get() as number) ?? 0;
        ruleId = Number(
          this.db
            .prepare('INSERT INTO audit_rules (position, name, enabled, conditions, actions, stop, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(position, rule.name, rule.enabled ? 1 : 0, JSON.stringify(rule.conditions), JSON.stringify(rule.actions), rule.stop ? 1 : 0, now, now, who.actor).lastInsertRowid,
        );
        this.record(who, ruleId, 'rule_created', now, { rule });
      } else {
        const before = this.get(ruleId);
        this.db
          .prepare('UPDATE audit_rules SET name = ?, enabled = ?, conditions = ?, actions = ?, stop = ?, updated_at = ?, updated_by = ? WHERE id = ?')
          .run(rule.name, rule.enabled ? 1 : 0, JSON.stringify(rule.conditions), JSON.stringify(rule.actions), rule.stop ? 1 : 0, now, who.actor, ruleId);
        const { id: _i, position: _p, updatedAt: _u, updatedBy: _b, ...was } = before;
        this.record(who, ruleId, 'rule_changed', now, { from: was, to: rule });
      }
      this.version.bump();
      return this.get(ruleId);
    })();
  }

  remove(id: number, who: Who, now: number): void {
    this.db.transaction(() => {
      const rule = this.get(id);
      this.db.prepare('DELETE FROM audit_rules WHERE id = ?').run(id);
      this.db.prepare('UPDATE audit_rules SET position = position - 1 WHERE position > ?').run(rule.position);
      this.record(who, id, 'rule_removed', now, { rule });
      this.version.bump();
    })();
  }

  /** Moves a rule to `position` (clamped to the end); the others close up around it. */
  move(id: number, position: number, who: Who, now: number): void {
    this.db.transaction(() => {
      const rule = this.get(id);
      const ids = this.list().map((r) => r.id).filter((x) => x !== id);
      const to = Math.min(position, ids.length);
      ids.splice(to, 0, id);
      const set = this.db.prepare('UPDATE audit_rules SET position = ? WHERE id = ?');
      ids.forEach((x, i) => set.run(i, x));
      if (to !== rule.position) {
        this.record(who, id, 'rule_moved', now, { from: rule.position, to });
        this.version.bump();
      }
    })();
  }

  private record(who: Who, id: number, action: string, now: number, data: Record<string, unknown>): void {
    this.log.record({ at: now, actor: who.actor, operatorId: who.operatorId, stationId: who.stationId, entity: 'audit_rule', entityId: id, action, data });
  }
}
