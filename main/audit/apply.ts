import type { AuditFinding } from '../../shared/domain/audit.js';
import { deriveQueue, FLAG_BIT, type Workflow } from '../../shared/domain/status.js';
import type { EventLog, EventRecord } from '../history/events.js';
import type { DB } from '../store/db.js';
import type { Verdict } from './evaluate.js';
import { AUDIT_ACTOR, isAuditActor, localDay, openBits, releasedWhenFixed } from './flags.js';
import type { FlagRecord, LoadedOrder } from './loader.js';

export interface ApplyResult {
  /** Something a person would see changed: workflow, queue, flags, tags, carrier, warehouse or priority. */
  changed: boolean;
  /** Holds the audit let go of because their reason is gone. */
  holdsReleased: number;
}

/**
 * Writes one order's verdict (call inside the batch's transaction): flags raised and released, workflow, the
 * rules' settings, the derived queue, the result (the "why") and the first outcome for the KPI — each change with
 * its event, acted by the audit or by the rule that asked for it.
 */
export class Applier {
  private readonly updOrder;
  private readonly insFlag;
  private readonly relFlag;
  private readonly noteFlag;
  private readonly insTag;
  private readonly updLine;
  private readonly upsertResult;
  private readonly insOutcome;
  private readonly prevFindings;
  /*
   * The hot writes of a batch, run statement by statement at its end (flush): one B-tree at a time stays in cache,
   * about a tenth faster than interleaving them order by order. Same transaction, so the same result.
   */
  private dayOf: [number, string] = [NaN, ''];
  private pending = { orders: [] as unknown[][], results: [] as unknown[][], outcomes: [] as unknown[][], lines: [] as unknown[][], events: [] as EventRecord[] };

  constructor(
    db: DB,
    private readonly log: EventLog,
  ) {
    this.updOrder = db.prepare('UPDATE orders SET workflow = ?, open_flags = ?, queue = ?, carrier = ?, warehouse_id = ?, priority = ?, updated_at = ? WHERE id = ?');
    this.insFlag = db.prepare('INSERT INTO order_flags (order_id, kind, reason, note, release_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.relFlag = db.prepare('UPDATE order_flags SET released_at = ?, released_by = ? WHERE id = ? AND released_at IS NULL');
    this.noteFlag = db.prepare('UPDATE order_flags SET note = ? WHERE id = ?');
    this.insTag = db.prepare('INSERT OR IGNORE INTO order_tags (order_id, tag) VALUES (?, ?)');
    this.updLine = db.prepare('UPDATE order_lines SET sku_id = ? WHERE id = ?');
    this.upsertResult = db.prepare(`INSERT INTO audit_results (order_id, outcome, findings, evaluated_at, rules_version) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(order_id) DO UPDATE SET outcome = excluded.outcome, findings = excluded.findings, evaluated_at = excluded.evaluated_at,
        rules_version = excluded.rules_version`);
    this.insOutcome = db.prepare('INSERT OR IGNORE INTO audit_outcomes (order_id, day, outcome, rule_id, checks, rules, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.prevFindings = db.prepare('SELECT findings FROM audit_results WHERE order_id = ?').pluck();
  }


  /**
   * Whether a rule's open hold was one that ends when fixed: read from the findings of the last audit, which raised
   * or kept it (by reason: an order has one open hold per reason, and the rule may have been renamed since).
   */
  private ruleHoldWhenFixed(o: LoadedOrder): (f: FlagRecord) => boolean {
    let prev: AuditFinding[] | null = null;
    return (f) => {
      prev ??= JSON.parse((this.prevFindings.get(o.id) as string | undefined) ?? '[]') as AuditFinding[];
      return prev.some((x) => x.source === 'rule' && x.actions.some((a) => a.type === 'hold' && a.reason === f.reason && a.release.kind === 'when_fixed'));
    };
  }

  apply(o: LoadedOrder, v: Verdict, now: number, version: number, warehouses: ReadonlySet<number>): ApplyResult {
    let changed = false;
    let holdsReleased = 0;
    const events: EventRecord[] = [];
    const event = (actor: string, action: string, reason: string | null, data: Record<string, unknown> | null) =>
      events.push({ at: now, actor, entity: 'order', entityId: o.id, action, reason, data });

    const open = o.flags.filter((f) => f.releasedAt === null);
    const wantedKey = new Set(v.flags.map((w) => `${w.kind}:${w.reason}`));
    const whenFixed = this.ruleHoldWhenFixed(o);
    const stillOpen = open.filter((f) => {
      if (!isAuditActor(f.createdBy) || wantedKey.has(`${f.kind}:${f.reason}`) || !releasedWhenFixed(f, whenFixed)) return true;
      this.relFlag.run(now, AUDIT_ACTOR, f.id);
      if (f.kind === 'hold') holdsReleased++;
      event(AUDIT_ACTOR, f.kind === 'hold' ? 'hold_released' : 'exception_released', f.reason, { note: f.note, why: 'the audit no longer finds it' });
      changed = true;
      return false;
    });
    for (const w of v.flags) {
      const existing = stillOpen.find((f) => f.kind === w.kind && f.reason === w.reason);
      if (existing) {
        // Same reason, new facts (another message, another address): the flag says what a person decides on now.
        if (isAuditActor(existing.createdBy) && existing.note !== w.note) {
          this.noteFlag.run(w.note, existing.id);
          event(w.by, 'flag_updated', w.reason, { from: existing.note, to: w.note });
          changed = true;
        }
        continue; // never two open flags with one reason
      }
      this.insFlag.run(o.id, w.kind, w.reason, w.note, w.releaseAt, now, w.by);
      stillOpen.push({ id: 0, kind: w.kind, reason: w.reason, note: w.note, releaseAt: w.releaseAt, createdBy: w.by, releasedAt: null, releasedBy: null });
      event(w.by, w.kind === 'hold' ? 'held' : 'exception_raised', w.reason, { note: w.note, releaseAt: w.releaseAt, release: w.release });
      changed = true;
    }

    let workflow: Workflow = o.workflow;
    if (v.outcome === 'approve' && workflow === 'pending_audit') {
      workflow = 'approved';
      event(v.decidingRule?.actor ?? AUDIT_ACTOR, 'approved', v.why, null);
      changed = true;
    }

    const s = v.settings;
    for (const t of s.tags) {
      if (this.insTag.run(o.id, t.tag).changes) {
        event(t.rule.actor, 'tagged', t.tag, null);
        changed = true;
      }
    }
    let carrier = o.carrier;
    if (s.carrier && s.carrier.value !== carrier) {
      event(s.carrier.rule.actor, 'carrier_set', s.carrier.value, { from: carrier, to: s.carrier.value });
      carrier = s.carrier.value;
      changed = true;
    }
    let warehouseId = o.warehouseId;
    if (s.warehouse && s.warehouse.value !== warehouseId && warehouses.has(s.warehouse.value)) {
      event(s.warehouse.rule.actor, 'warehouse_set', String(s.warehouse.value), { from: warehouseId, to: s.warehouse.value });
      warehouseId = s.warehouse.value;
      changed = true;
    }
    let priority = o.priority;
    if (s.priority && s.priority.value !== priority) {
      event(s.priority.rule.actor, 'priority_set', String(s.priority.value), { from: priority, to: s.priority.value });
      priority = s.priority.value;
      changed = true;
    }

    // The resolved SKU is a fact the later stages (allocation, picking) read; it rides on the audit's first event.
    const resolved = o.lines.filter((l) => l.skuId !== l.storedSkuId);
    if (resolved.length) {
      for (const l of resolved) this.pending.lines.push([l.skuId, l.id]);
      const skus = resolved.map((l) => ({ lineNo: l.lineNo, from: l.storedSkuId, to: l.skuId }));
      if (events[0]) events[0].data = { ...events[0].data, skuResolved: skus };
      else event(AUDIT_ACTOR, 'sku_resolved', null, { lines: skus });
    }
    this.pending.events.push(...events);

    // The result is as of the order's last change even when that writer's clock ran ahead of ours: never older.
    const at = Math.max(now, o.updatedAt);
    if (changed) {
      const openFlags = openBits(stillOpen) | (o.openFlags & FLAG_BIT.intercept);
      const queue = deriveQueue({ platformState: o.platformState, workflow, payment: o.payment, openFlags });
      this.pending.orders.push([workflow, openFlags, queue, carrier, warehouseId, priority, at, o.id]);
    }
    this.pending.results.push([o.id, v.outcome, v.findings.length ? JSON.stringify(v.findings) : '[]', at, version]);
    if (now !== this.dayOf[0]) this.dayOf = [now, localDay(now)];
    this.pending.outcomes.push([o.id, this.dayOf[1], v.outcome, v.decidingRule?.id ?? null, JSON.stringify(v.firedChecks), JSON.stringify(v.firedRules), now]);
    return { changed, holdsReleased };
  }

  /** Writes what apply() queued; call before the batch's transaction ends. */
  flush(): void {
    const p = this.pending;
    this.pending = { orders: [], results: [], outcomes: [], lines: [], events: [] };
    for (const a of p.lines) this.updLine.run(...a);
    for (const a of p.orders) this.updOrder.run(...a);
    for (const a of p.results) this.upsertResult.run(...a);
    for (const a of p.outcomes) this.insOutcome.run(...a);
    for (const e of p.events) this.log.record(e);
  }
}
