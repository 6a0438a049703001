import type { AuditCheck, CheckSetting } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import type { BuiltInCheck, CheckParams } from './check-types.js';
import type { Who } from './rules-store.js';
import type { RulesVersion } from './version.js';

/** A check with the seller's settings over its defaults. */
export interface EffectiveCheck {
  check: BuiltInCheck;
  enabled: boolean;
  outcome: 'review' | 'hold';
  params: CheckParams;
}

interface Row {
  check_name: string;
  enabled: number;
  outcome: 'review' | 'hold';
  params: string;
}

/** The settings of the built-in checks: a row only for a check the seller changed; otherwise its defaults. */
export class CheckSettings {
  constructor(
    private readonly db: DB,
    private readonly checks: readonly BuiltInCheck[],
    private readonly log: EventLog,
    private readonly version: RulesVersion,
  ) {}

  effective(): EffectiveCheck[] {
    const rows = new Map((this.db.prepare('SELECT check_name, enabled, outcome, params FROM audit_checks').all() as Row[]).map((r) => [r.check_name, r]));
    return this.checks.map((check) => {
      const r = rows.get(check.name);
      if (!r) return { check, enabled: check.defaults.enabled, outcome: check.defaults.outcome, params: { ...check.defaults.params } };
      return { check, enabled: r.enabled === 1, outcome: r.outcome, params: { ...check.defaults.params, ...(JSON.parse(r.params) as CheckParams) } };
    });
  }

  list(): CheckSetting[] {
    return this.effective().map((e) => ({ check: e.check.name, enabled: e.enabled, outcome: e.outcome, params: e.params }));
  }

  private find(name: AuditCheck): BuiltInCheck {
    const c = this.checks.find((x) => x.name === name);
    if (!c) throw new AppError('not_found', `built-in check "${name}" is not available in this version`, { field: 'check', check: name });
    return c;
  }

  /** Validates the params with the check's own parser (it names the field), stores them, records who. */
  save(s: CheckSetting, who: Who, now: number): CheckSetting[] {
    const check = this.find(s.check);
    const params = check.parseParams({ ...check.defaults.params, ...s.params });
    this.db.transaction(() => {
      const before = this.list().find((x) => x.check === s.check);
      this.db
        .prepare(
          `INSERT INTO audit_checks (check_name, enabled, outcome, params, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(check_name) DO UPDATE SET enabled = excluded.enabled, outcome = excluded.outcome, params = excluded.params, updated_at = excluded.updated_at`,
        )
        .run(s.check, s.enabled ? 1 : 0, s.outcome, JSON.stringify(params), now);
      this.log.record({
        at: now,
        actor: who.actor,
        operatorId: who.operatorId,
        stationId: who.stationId,
        entity: 'audit_check',
        entityId: null,
        action: 'check_changed',
        reason: s.check,
        data: { from: before ?? null, to: { enabled: s.enabled, outcome: s.outcome, params } },
      });
      this.version.bump();
    })();
    return this.list();
  }
}
