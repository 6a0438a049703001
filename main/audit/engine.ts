import type { AuditRunResult } from '../../shared/contract/audit.js';
import { deriveQueue, type Payment, type PlatformState, type Workflow } from '../../shared/domain/status.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { Applier } from './apply.js';
import type { BuiltInCheck } from './check-types.js';
import { CheckSettings } from './check-settings.js';
import { skipReason } from './eligibility.js';
import { decide, type CheckHit } from './evaluate.js';
import { openBits, settledOn, TIMER_ACTOR } from './flags.js';
import { AuditLoader, type LoadedOrder } from './loader.js';
import { RuleStore } from './rules-store.js';
import { StockBook } from './stock.js';
import { RulesVersion } from './version.js';

export interface AuditEngineDeps {
  db: DB;
  log: EventLog;
  checks: readonly BuiltInCheck[];
  now: () => number;
}

export interface RunOutcome extends AuditRunResult {
  /** Orders whose visible state changed (for 'orders.changed'). */
  changedIds: number[];
}

/**
 * One transaction per batch. Measured over 100,000 orders: 5,000 a batch takes about a fifth less time than 2,000
 * (a random-order index such as orders_queue_total has most of its pages dirtied by any batch, and every commit
 * writes them again); 10,000 gains nothing more, and a batch holds the main process for well under a second.
 */
export const BATCH = 5000;
/** Orders waiting in review or on hold for the audit's own reasons are looked at again this often (stock may arrive). */
export const RECHECK_MS = 5 * 60_000;

const PIPELINE = "o.queue IN ('pending_audit','review','on_hold','to_print') AND o.workflow IN ('pending_audit','approved')";
/** The order the audit decides in: priority first, then who paid first (a consumed resource goes to them). */
const DECISION_ORDER = 'ORDER BY o.priority DESC, o.paid_at, o.id';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The audit engine: finds the orders to audit (new, changed since their last audit, or audited under older rules),
 * loads them in batches, runs the enabled built-in checks and the rules, and applies each verdict in the batch's
 * transaction.
 */
export class AuditEngine {
  readonly version: RulesVersion;
  readonly rules: RuleStore;
  readonly settings: CheckSettings;
  private readonly loader: AuditLoader;
  private readonly applier: Applier;
  private readonly changedStmt;
  private readonly allStmt;
  private readonly recheckStmt;

  constructor(private readonly d: AuditEngineDeps) {
    this.version = new RulesVersion(d.db);
    this.rules = new RuleStore(d.db, d.log, this.version);
    this.settings = new CheckSettings(d.db, d.checks, d.log, this.version);
    this.loader = new AuditLoader(d.db);
    this.applier = new Applier(d.db, d.log);
    this.changedStmt = d.db
      .prepare(
        `SELECT o.id FROM orders o LEFT JOIN audit_results r ON r.order_id = o.id WHERE ${PIPELINE}
         AND (r.order_id IS NULL OR r.evaluated_at < o.updated_at OR r.rules_version < ?) ${DECISION_ORDER}`,
      )
      .pluck();
    this.allStmt = d.db.prepare(`SELECT o.id FROM orders o WHERE ${PIPELINE} ${DECISION_ORDER}`).pluck();
    this.recheckStmt = d.db
      .prepare(
        `SELECT o.id FROM orders o JOIN audit_results r ON r.order_id = o.id
         WHERE o.queue IN ('review','on_hold') AND o.workflow IN ('pending_audit','approved') AND r.evaluated_at < ?
           AND EXISTS (SELECT 1 FROM order_flags f WHERE f.order_id = o.id AND f.released_at IS NULL AND f.created_by LIKE 'rule:%')
         ${DECISION_ORDER}`,
      )
      .pluck();
  }

  /** Orders never audited, changed since their last audit, or audited under older rules. */
  changed(): number[] {
    return this.changedStmt.all(this.version.current()) as number[];
  }

  /** Every order not yet printed (audit.run). */
  all(): number[] {
    return this.allStmt.all() as number[];
  }

  /** Orders waiting for the audit's own reasons and not looked at for a while: outside facts (stock, mappings) move. */
  stale(now: number): number[] {
    return this.recheckStmt.all(now - RECHECK_MS) as number[];
  }

  /** Audits `ids` batch by batch, letting the event loop breathe between batches; `cancelled` stops between them. */
  async run(ids: readonly number[], cancelled: () => boolean = () => false): Promise<RunOutcome> {
    const started = performance.now();
    const out: RunOutcome = { evaluated: 0, approved: 0, review: 0, held: 0, released: 0, ms: 0, changedIds: [] };
    const pass = this.pass(ids);
    for (let i = 0; i < ids.length; i += BATCH) {
      if (i > 0) await yieldToLoop();
      if (cancelled()) break;
      this.batch(ids.slice(i, i + BATCH), pass, out);
    }
    out.ms = performance.now() - started;
    return out;
  }

  /** The same, in one go (a handful of orders a person just decided on). */
  runNow(ids: readonly number[]): RunOutcome {
    const started = performance.now();
    const out: RunOutcome = { evaluated: 0, approved: 0, review: 0, held: 0, released: 0, ms: 0, changedIds: [] };
    const pass = this.pass(ids);
    for (let i = 0; i < ids.length; i += BATCH) this.batch(ids.slice(i, i + BATCH), pass, out);
    out.ms = performance.now() - started;
    return out;
  }

  /** What one run reads once: rules, check settings and the version they go with, warehouses, stock. */
  private pass(ids: readonly number[]) {
    const rules = this.rules.compiled();
    return {
      version: this.version.current(),
      rules,
      checks: this.settings.effective().filter((c) => c.enabled),
      needStock: rules.some((r) => r.conditions.some((c) => c.field === 'stock')),
      stock: new StockBook(this.d.db, ids),
      warehouses: new Set(this.d.db.prepare('SELECT id FROM warehouses').pluck().all() as number[]),
    };
  }

  private batch(ids: readonly number[], pass: ReturnType<AuditEngine['pass']>, out: RunOutcome): void {
    const { db } = this.d;
    db.transaction(() => {
      const now = this.d.now();
      const orders = this.loader.load(ids).filter((o) => skipReason(o) === null);
      if (orders.length === 0) return;
      orders.sort(byDecisionOrder);
      const tests = pass.checks.map((c) => ({ c, test: c.check.prepare(orders, { db, now, params: c.params }) }));
      for (const o of orders) {
        const hits: CheckHit[] = [];
        for (const { c, test } of tests) {
          const detail = test(o);
          if (detail !== null) hits.push({ check: c.check.name, outcome: c.outcome, detail });
        }
        const inStock = pass.needStock ? pass.stock.take(o) : false;
        const verdict = decide(o, hits, pass.rules, { now, stockOk: () => inStock }, settledOn(o));
        const r = this.applier.apply(o, verdict, now, pass.version, pass.warehouses);
        out.evaluated++;
        if (verdict.outcome === 'approve') out.approved++;
        else if (verdict.outcome === 'review') out.review++;
        else out.held++;
        out.released += r.holdsReleased;
        if (r.changed) out.changedIds.push(o.id);
      }
      this.applier.flush();
    })();
  }

  /** Lets go of holds whose release time has come (a person's or a rule's), each recorded; returns the orders. */
  releaseDue(now: number): number[] {
    const { db, log } = this.d;
    return db.transaction(() => {
      const due = db
        .prepare('SELECT id, order_id, kind, reason, note FROM order_flags WHERE released_at IS NULL AND release_at IS NOT NULL AND release_at <= ?')
        .all(now) as { id: number; order_id: number; kind: string; reason: string; note: string | null }[];
      const orders = new Set<number>();
      const release = db.prepare('UPDATE order_flags SET released_at = ?, released_by = ? WHERE id = ?');
      for (const f of due) {
        release.run(now, TIMER_ACTOR, f.id);
        log.record({ at: now, actor: TIMER_ACTOR, entity: 'order', entityId: f.order_id, action: f.kind === 'hold' ? 'hold_released' : 'flag_released', reason: f.reason, data: { note: f.note, why: 'release time reached' } });
        orders.add(f.order_id);
      }
      const facts = db.prepare('SELECT platform_state, workflow, payment FROM orders WHERE id = ?');
      const kinds = db.prepare('SELECT kind FROM order_flags WHERE order_id = ? AND released_at IS NULL');
      const upd = db.prepare('UPDATE orders SET open_flags = ?, queue = ?, updated_at = ? WHERE id = ?');
      for (const id of orders) {
        const o = facts.get(id) as { platform_state: PlatformState; workflow: Workflow; payment: Payment };
        const openFlags = openBits(kinds.all(id) as { kind: string }[]);
        upd.run(openFlags, deriveQueue({ platformState: o.platform_state, workflow: o.workflow, payment: o.payment, openFlags }), now, id);
      }
      return [...orders];
    })();
  }

  /** Loads one order as the audit sees it (explain uses it for why an order is skipped). */
  load(id: number): LoadedOrder | undefined {
    return this.loader.load([id])[0];
  }
}

function byDecisionOrder(a: LoadedOrder, b: LoadedOrder): number {
  return b.priority - a.priority || (a.paidAt ?? 0) - (b.paidAt ?? 0) || a.id - b.id;
}
