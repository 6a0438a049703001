import type { DecideResult, ParsedInput } from '../../shared/contract/index.js';
import type { AuditOutcome } from '../../shared/domain/audit.js';
import { deriveQueue, FLAG_BIT, WORKFLOW, type FlagKind, type Payment, type PlatformState, type Queue, type Workflow } from '../../shared/domain/status.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { Session, Sessions } from '../people/sessions.js';
import type { ClaimStore } from '../stations/claims.js';
import type { DB } from '../store/db.js';
import { localDay, openBits } from './flags.js';

type DecideInput = ParsedInput<'audit.decide'>;
type Result = DecideResult['results'][number];

/** Exceptions a reviewer may not simply wave through: approving past one needs audit.override. */
export const BLOCKING_REASONS: readonly string[] = ['unmapped_sku', 'out_of_stock', 'address_invalid', 'blacklisted', 'duplicate_order'];

interface OrderFacts {
  id: number;
  platform_order_id: string;
  platform_state: PlatformState;
  workflow: Workflow;
  payment: Payment;
  open_flags: number;
}

interface OpenFlag {
  id: number;
  kind: FlagKind;
  reason: string;
}

const PRINTED_RANK = WORKFLOW.indexOf('printed');

/**
 * A person's decisions on orders the audit stopped: approve, hold, reject, release. Each order in its own
 * transaction with its own event (operator, station, note), so one refusal in a bulk selection stops only itself.
 */
export class Decisions {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
    private readonly sessions: Sessions,
    private readonly claims: ClaimStore,
  ) {}

  decide(input: DecideInput, s: Session, now: number): DecideResult {
    return { results: input.orderIds.map((id) => this.each(id, () => this.decideOne(id, input, s, now))) };
  }

  /** Releases every open hold (a person's, a rule's, a rejection) on each order. */
  release(orderIds: readonly number[], note: string | undefined, s: Session, now: number): DecideResult {
    return { results: orderIds.map((id) => this.each(id, () => this.releaseOne(id, note, s, now))) };
  }

  private each(orderId: number, fn: () => Queue): Result {
    try {
      return { orderId, ok: true, queue: fn(), error: null };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return { orderId, ok: false, queue: this.queueOf(orderId), error: { code: e.code, message: e.message } };
    }
  }

  private queueOf(id: number): string | null {
    return (this.db.prepare('SELECT queue FROM orders WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  /** The order, or a refusal naming why a person cannot decide on it now. */
  private workable(id: number, s: Session, now: number): OrderFacts {
    const o = this.db.prepare('SELECT id, platform_order_id, platform_state, workflow, payment, open_flags FROM orders WHERE id = ?').get(id) as OrderFacts | undefined;
    if (!o) throw new AppError('not_found', `order ${id} does not exist`, { id });
    const ref = `order ${o.platform_order_id}`;
    if (WORKFLOW.indexOf(o.workflow) >= PRINTED_RANK) {
      throw new AppError('conflict', `${ref} is already ${o.workflow}: audit decisions end when the label is printed`, { id, reason: 'printed', workflow: o.workflow });
    }
    if (o.open_flags & FLAG_BIT.intercept) {
      throw new AppError('conflict', `${ref} is intercepted (refunded or cancelled on the platform after import): settle that first`, { id, reason: 'intercepted' });
    }
    const claim = this.claims.current(id, now);
    if (claim && claim.stationId !== s.stationId) {
      const who = `${claim.stationName}${claim.operatorName ? ` (${claim.operatorName})` : ''}`;
      throw new AppError('conflict', `${ref} is being worked at ${who} (${claim.purpose}); decide on it when they finish`, { id, reason: 'claimed', heldBy: claim.stationId });
    }
    return o;
  }

  private openFlags(id: number): OpenFlag[] {
    return this.db.prepare('SELECT id, kind, reason FROM order_flags WHERE order_id = ? AND released_at IS NULL').all(id) as OpenFlag[];
  }

  private write(o: OrderFacts, workflow: Workflow, now: number): Queue {
    const openFlags = openBits(this.openFlags(o.id));
    const queue = deriveQueue({ platformState: o.platform_state, workflow, payment: o.payment, openFlags });
    this.db.prepare('UPDATE orders SET workflow = ?, open_flags = ?, queue = ?, updated_at = ? WHERE id = ?').run(workflow, openFlags, queue, now, o.id);
    return queue;
  }

  /** The KPI counts an order a person touched as decided by a person, whatever the rules said first. */
  private byPerson(id: number, outcome: AuditOutcome, now: number): void {
    const upd = this.db.prepare("UPDATE audit_outcomes SET decided_by = 'person' WHERE order_id = ?").run(id);
    if (upd.changes === 0) {
      this.db
        .prepare("INSERT INTO audit_outcomes (order_id, day, outcome, rule_id, checks, rules, decided_at, decided_by) VALUES (?, ?, ?, NULL, '[]', '[]', ?, 'person')")
        .run(id, localDay(now), outcome, now);
    }
  }

  private record(s: Session, id: number, action: string, note: string | undefined, now: number, data: Record<string, unknown>): void {
    this.log.record({ at: now, actor: this.sessions.actor(s), operatorId: s.operatorId, stationId: s.stationId, entity: 'order', entityId: id, action, reason: note ?? null, data });
  }

  private decideOne(id: number, input: DecideInput, s: Session, now: number): Queue {
    return this.db.transaction(() => {
      const o = this.workable(id, s, now);
      const ref = `order ${o.platform_order_id}`;
      const actor = this.sessions.actor(s);
      const open = this.openFlags(id);
      const release = this.db.prepare('UPDATE order_flags SET released_at = ?, released_by = ? WHERE id = ?');
      if (input.decision === 'approve') {
        if (o.platform_state === 'cancelled' || o.payment === 'refunded') throw new AppError('conflict', `${ref} is cancelled or refunded on the platform: it cannot be approved`, { id, reason: 'cancelled' });
        if (o.payment === 'unpaid' || o.platform_state === 'unpaid') throw new AppError('conflict', `${ref} is not paid yet: it cannot be approved`, { id, reason: 'unpaid' });
        const blocking = [...new Set(open.filter((f) => f.kind !== 'intercept' && BLOCKING_REASONS.includes(f.reason)).map((f) => f.reason))];
        if (blocking.length) {
          try {
            this.sessions.authorize('audit.override', s);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            throw new AppError(e.code, `${ref}: approving past ${blocking.join(', ')} needs the "audit.override" permission (${e.message})`, { id, reason: 'needs_override', blocking });
          }
        }
        const cleared = open.filter((f) => f.kind === 'exception' || f.kind === 'hold');
        for (const f of cleared) release.run(now, actor, f.id);
        const workflow: Workflow = o.workflow === 'pending_audit' ? 'approved' : o.workflow;
        const queue = this.write(o, workflow, now);
        this.record(s, id, 'approved', input.note, now, { released: cleared.map((f) => f.reason), override: blocking, queue });
        this.byPerson(id, 'approve', now);
        return queue;
      }
      const reason = input.decision === 'reject' ? 'rejected' : input.hold!.reason;
      const releaseAt = input.decision === 'hold' ? (input.hold?.releaseAt ?? null) : null;
      const same = open.find((f) => f.kind === 'hold' && f.reason === reason);
      if (same) this.db.prepare('UPDATE order_flags SET note = ?, release_at = ? WHERE id = ?').run(input.note ?? null, releaseAt, same.id);
      else this.db.prepare("INSERT INTO order_flags (order_id, kind, reason, note, release_at, created_at, created_by) VALUES (?, 'hold', ?, ?, ?, ?, ?)").run(id, reason, input.note ?? null, releaseAt, now, actor);
      const queue = this.write(o, o.workflow, now);
      this.record(s, id, input.decision === 'reject' ? 'rejected' : 'held', input.note, now, { reason, releaseAt, queue, ...(same ? { replaced: true } : {}) });
      this.byPerson(id, 'hold', now);
      return queue;
    })();
  }

  private releaseOne(id: number, note: string | undefined, s: Session, now: number): Queue {
    return this.db.transaction(() => {
      const o = this.workable(id, s, now);
      const holds = this.openFlags(id).filter((f) => f.kind === 'hold');
      if (holds.length === 0) throw new AppError('conflict', `order ${o.platform_order_id} has no open hold to release`, { id, reason: 'not_held' });
      const release = this.db.prepare('UPDATE order_flags SET released_at = ?, released_by = ? WHERE id = ?');
      for (const f of holds) release.run(now, this.sessions.actor(s), f.id);
      const queue = this.write(o, o.workflow, now);
      this.record(s, id, 'released', note, now, { released: holds.map((f) => f.reason), queue });
      this.byPerson(id, 'hold', now);
      return queue;
    })();
  }
}
