import type { ParcelInfo } from '../../../shared/contract/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { EventLog } from '../../history/events.js';
import type { Session, Sessions } from '../../people/sessions.js';
import type { ClaimStore } from '../../stations/claims.js';
import type { DB } from '../../store/db.js';
import { mergeRefusals, splitRefusals } from './eligibility.js';
import { loadFacts, type OrderFacts } from './facts.js';
import { checkSplitParts, type SplitPart } from './split-parts.js';
import type { ParcelStore } from './store.js';

/**
 * Merge and split, each one transaction: the orders are checked (eligibility, claims) and the parcels written with
 * an event on every order naming the operator and the parcels. The orders keep their rows, their platform ids and
 * their own write-back; only parcels and parcel_lines change. Undoing (unparcel) is allowed while every parcel of
 * the merge or split is still open (nothing printed).
 */
export class ParcelService {
  constructor(
    private readonly db: DB,
    private readonly store: ParcelStore,
    private readonly sessions: Sessions,
    private readonly claims: ClaimStore,
    private readonly log: EventLog,
  ) {}

  merge(orderIds: readonly number[], s: Session, now = Date.now()): ParcelInfo {
    return this.db.transaction(() => {
      const dup = orderIds.find((id, i) => orderIds.indexOf(id) !== i);
      if (dup !== undefined) throw new AppError('invalid_input', `order ${dup} is listed twice`, { orderId: dup });
      const facts = this.load(orderIds);
      const why = mergeRefusals(facts);
      if (why.length) throw new AppError('conflict', `these orders cannot be merged: ${why.join('; ')}`, { orderIds: facts.map((f) => f.id), reasons: why });
      for (const f of facts) this.assertFree(f, 'merge', s, now);
      const carrier = facts.map((f) => f.carrier?.trim()).find((c): c is string => !!c) ?? null;
      const lines = this.db
        .prepare('SELECT id, order_id, qty FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no')
        .all(JSON.stringify(facts.map((f) => f.id))) as { id: number; order_id: number; qty: number }[];
      const actor = this.sessions.actor(s);
      const parcelId = this.store.create(
        { shopId: facts[0]!.shop_id, kind: 'merged', carrier, actor, now },
        lines.map((l) => ({ orderId: l.order_id, orderLineId: l.id, qty: l.qty })),
      );
      const platformOrderIds = facts.map((f) => f.platform_order_id);
      for (const f of facts) {
        this.log.record({ at: now, actor, operatorId: s.operatorId, stationId: s.stationId, entity: 'order', entityId: f.id, action: 'merged', data: { parcelId, orders: platformOrderIds } });
      }
      return this.store.info(parcelId);
    })();
  }

  split(orderId: number, parts: readonly SplitPart[], s: Session, now = Date.now()): ParcelInfo[] {
    return this.db.transaction(() => {
      const [f] = this.load([orderId]) as [OrderFacts];
      const why = splitRefusals(f);
      if (why.length) throw new AppError('conflict', `order ${f.platform_order_id} cannot be split: ${why.join('; ')}`, { orderId, reasons: why });
      this.assertFree(f, 'split', s, now);
      const lines = this.db.prepare('SELECT id, line_no, qty, title, sku_code FROM order_lines WHERE order_id = ? ORDER BY line_no').all(orderId) as {
        id: number;
        line_no: number;
        qty: number;
        title: string;
        sku_code: string | null;
      }[];
      checkSplitParts(f.platform_order_id, lines, parts);
      const actor = this.sessions.actor(s);
      const parcelIds = parts.map((p) =>
        this.store.create(
          { shopId: f.shop_id, kind: 'split', carrier: f.carrier, actor, now },
          p.lines.map((l) => ({ orderId, orderLineId: l.orderLineId, qty: l.qty })),
        ),
      );
      this.log.record({
        at: now,
        actor,
        operatorId: s.operatorId,
        stationId: s.stationId,
        entity: 'order',
        entityId: orderId,
        action: 'split',
        data: { parcelIds, parts: parts.map((p, i) => ({ parcelId: parcelIds[i], lines: p.lines })) },
      });
      return parcelIds.map((id) => this.store.info(id));
    })();
  }

  /** Undoes the merge or the whole split this parcel belongs to; returns the orders it held. */
  unparcel(parcelId: number, s: Session, now = Date.now()): number[] {
    return this.db.transaction(() => {
      const p = this.store.require(parcelId);
      if (p.state === 'cancelled') throw new AppError('conflict', `parcel ${parcelId} was already undone`, { parcelId });
      const family = this.store.family(p);
      const moved = family.find((x) => x.state !== 'open');
      if (moved) {
        throw new AppError('conflict', `parcel ${moved.id} is already ${moved.state}: a ${p.kind === 'merged' ? 'merge' : 'split'} can only be undone before anything is printed`, {
          parcelId: moved.id,
          state: moved.state,
        });
      }
      const orderIds = [...new Set(family.flatMap((x) => this.store.orderIds(x.id)))];
      for (const f of this.load(orderIds)) this.assertFree(f, 'unparcel', s, now);
      for (const x of family) this.store.setState(x.id, 'cancelled', now);
      const actor = this.sessions.actor(s);
      const parcelIds = family.map((x) => x.id);
      for (const id of orderIds) {
        this.log.record({ at: now, actor, operatorId: s.operatorId, stationId: s.stationId, entity: 'order', entityId: id, action: p.kind === 'merged' ? 'unmerged' : 'unsplit', data: { parcelIds } });
      }
      return orderIds;
    })();
  }

  parcelsOf(orderId: number): ParcelInfo[] {
    if (!this.db.prepare('SELECT 1 FROM orders WHERE id = ?').get(orderId)) throw new AppError('not_found', `order ${orderId} does not exist`, { orderId });
    return this.store.ofOrder(orderId).map((p) => this.store.info(p.id));
  }

  private load(orderIds: readonly number[]): OrderFacts[] {
    const facts = loadFacts(this.db, orderIds);
    const missing = orderIds.filter((id) => !facts.some((f) => f.id === id));
    if (missing.length) throw new AppError('not_found', `order ${missing.join(', ')} does not exist`, { orderIds: missing });
    return facts;
  }

  /** Another station printing or packing an order owns it until it finishes (or the claim expires). */
  private assertFree(f: OrderFacts, what: 'merge' | 'split' | 'unparcel', s: Session, now: number): void {
    const held = this.claims.current(f.id, now);
    if (!held || (s.stationId !== null && held.stationId === s.stationId)) return;
    const who = `${held.stationName}${held.operatorName ? ` (${held.operatorName})` : ''}`;
    throw new AppError('conflict', `order ${f.platform_order_id} is being worked at ${who} (${held.purpose}): ${what === 'unparcel' ? 'undo the parcel' : what} when they finish`, {
      orderId: f.id,
      heldBy: held.stationId,
      purpose: held.purpose,
    });
  }
}
