import type { AuditRunResult, RuleConflict } from '../../shared/contract/index.js';
import type { AuditRule, BlacklistEntry } from '../../shared/domain/audit.js';
import type { EventLog } from '../history/events.js';
import type { Session, Sessions } from '../people/sessions.js';
import type { ClaimStore } from '../stations/claims.js';
import type { DB } from '../store/db.js';
import type { EventBus } from '../transport/event-bus.js';
import { BlacklistStore } from './blacklist.js';
import type { BuiltInCheck } from './check-types.js';
import { ruleConflicts } from './conflicts.js';
import { Decisions } from './decisions.js';
import { AuditEngine, type RunOutcome } from './engine.js';
import { ReviewQueue } from './review-list.js';
import type { Who } from './rules-store.js';
import { AuditRunner } from './runner.js';

type BlacklistKind = BlacklistEntry['kind'];

export interface AuditServiceDeps {
  db: DB;
  log: EventLog;
  events: EventBus;
  sessions: Sessions;
  claims: ClaimStore;
  checks: readonly BuiltInCheck[];
  now: () => number;
  logMessage: (msg: string) => void;
  /** Background beat (tests shorten it). */
  tickMs?: number;
}

/** The audit as core builds it: engine, background runner, decisions, the review queue. */
export class AuditService {
  readonly engine: AuditEngine;
  readonly runner: AuditRunner;
  readonly decisions: Decisions;
  readonly review: ReviewQueue;
  readonly blacklist: BlacklistStore;

  constructor(readonly d: AuditServiceDeps) {
    this.engine = new AuditEngine({ db: d.db, log: d.log, checks: d.checks, now: d.now });
    this.runner = new AuditRunner(this.engine, d.events, { now: d.now, log: d.logMessage, ...(d.tickMs ? { tickMs: d.tickMs } : {}) });
    this.decisions = new Decisions(d.db, d.log, d.sessions, d.claims);
    this.review = new ReviewQueue(d.db);
    // The store records each change and bumps the rules version in the change's own transaction.
    this.blacklist = new BlacklistStore(d.db, d.log, this.engine.version);
  }

  who(s: Session): Who {
    return { actor: this.d.sessions.actor(s), operatorId: s.operatorId, stationId: s.stationId };
  }

  rulesView(): { rules: AuditRule[]; conflicts: RuleConflict[] } {
    const rules = this.engine.rules.list();
    return { rules, conflicts: ruleConflicts(this.d.db, rules) };
  }

  /** Rules, check settings or the blacklist changed: screens refetch, and the orders are audited again soon. */
  changed(): void {
    this.d.events.emit('audit.changed', {});
    this.runner.trigger();
  }

  blacklistAdd(kind: BlacklistKind, value: string, note: string | undefined, s: Session): BlacklistEntry[] {
    this.blacklist.add(kind, value, note ?? null, this.who(s), this.d.now());
    this.changed();
    return this.blacklist.list();
  }

  blacklistRemove(id: number, s: Session): BlacklistEntry[] {
    this.blacklist.remove(id, this.who(s), this.d.now());
    this.changed();
    return this.blacklist.list();
  }

  async runAll(): Promise<AuditRunResult> {
    return strip(await this.runner.runAll());
  }
}

export function strip(r: RunOutcome): AuditRunResult {
  const { changedIds: _ids, ...result } = r;
  return result;
}
