import type { WaybillRow } from '../../../shared/contract/fulfil.js';
import type { OrderFilter } from '../../../shared/contract/orders.js';
import type { EnqueueResult, PrintDocKind, PrintRefusal } from '../../../shared/contract/print.js';
import type { PrinterInfo } from '../../../shared/domain/people.js';
import { AppError } from '../../../shared/errors.js';
import { senderOf } from '../../fulfil/waybills/parties.js';
import type { WaybillService } from '../../fulfil/waybills/service.js';
import { by, type Who } from '../../fulfil/who.js';
import type { EventLog } from '../../history/events.js';
import type { OrderQueries } from '../../orders/queries.js';
import type { ClaimStore } from '../../stations/claims.js';
import type { PrinterStore } from '../../stations/printers.js';
import type { DB } from '../../store/db.js';
import { layoutFor } from '../layouts/index.js';
import type { Refusal } from './eligibility.js';
import type { PrintOutcomes } from './outcomes.js';
import type { NewJob, PrintStore } from './store.js';
import { planTargets, type Target } from './targets.js';

export interface EnqueueDeps {
  db: DB;
  store: PrintStore;
  outcomes: PrintOutcomes;
  log: EventLog;
  queries: Pick<OrderQueries, 'list'>;
  printers: PrinterStore;
  claims: ClaimStore;
  waybills: Pick<WaybillService, 'ensure'>;
  now: () => number;
}

export interface Selection {
  orderIds?: readonly number[] | undefined;
  view?: OrderFilter | undefined;
  printerId?: number | undefined;
}

const MAX_VIEW = 2000;
const PAGE = 500;

const sessionOf = (who: Who) => ({ stationId: who.stationId ?? null, operatorId: who.operatorId ?? null, trusted: false });

/**
 * Makes a batch from a selection: refuses orders that must not print (each with its reason), takes this station's
 * print claims (another station's claim → refused naming it), gets tracking numbers for labels in pick-list order
 * (so the numbers come out in the order they print), and commits the batch with its jobs in one transaction.
 */
export class Enqueuer {
  constructor(private readonly d: EnqueueDeps) {}

  /** The printer a batch of `kind` goes to: the one named, else this station's printer for the kind. */
  printerFor(kind: PrintDocKind, printerId: number | undefined, who: Who): PrinterInfo {
    const p = printerId !== undefined ? this.d.printers.get(printerId) : this.d.printers.printerFor(who.stationId ?? null, kind);
    if (p.language === 'os') {
      throw new AppError('invalid_input', `printer ${p.name} prints through the system driver; the print queue sends to network printers (ESC/POS, TSPL or ZPL on port 9100)`, {
        field: 'printerId',
        printerId: p.id,
      });
    }
    layoutFor(kind, p.paper); // a label printer loaded with receipt paper is refused here, naming both
    return p;
  }

  async enqueue(kind: PrintDocKind, sel: Selection, who: Who): Promise<{ batchId: number | null; refused: EnqueueResult['refused'] }> {
    const printer = this.printerFor(kind, sel.printerId, who);
    const ids = sel.orderIds ? [...new Set(sel.orderIds)] : this.viewIds(sel.view ?? {});
    if (!ids.length) throw new AppError('invalid_input', 'there are no orders to print in this view', { field: 'view' });
    const plan = planTargets(this.d.db, kind, ids);
    const refused = new Map<number, Refusal>(plan.refused);
    const refuse = (orderIds: readonly number[], r: Refusal) => orderIds.forEach((id) => refused.set(id, r));
    const jobs: NewJob[] = [];
    const heldBy = new Map<number, number[]>(); // claims taken per job, to give back when it is dropped

    if (kind === 'picklist') {
      if (plan.pickOrder.length) {
        jobs.push({ kind, orderId: null, parcelId: null, orderIds: plan.pickOrder, title: `pick list (${plan.pickOrder.length} order${plan.pickOrder.length > 1 ? 's' : ''})`, waybillId: null, carrier: null, trackingNo: null, reprintOf: null });
      }
    } else {
      const senders = new Map<number | null, Refusal | null>();
      for (const t of plan.targets) {
        const why = this.documentRefusal(kind, t) ?? (kind === 'label' ? this.senderRefusal(t, plan.facts.get(t.orderIds[0]!)?.warehouse_id ?? null, senders) : null);
        if (why) {
          refuse(t.selected, why);
          continue;
        }
        const claimed = this.claim(t, who);
        if ('reason' in claimed) {
          refuse(t.selected, claimed);
          continue;
        }
        let w: WaybillRow | null = null;
        if (kind === 'label') {
          try {
            w = await this.d.waybills.ensure(t.kind, t.id, who);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            this.d.outcomes.releaseClaims({ station_id: who.stationId ?? null, operator_id: who.operatorId ?? null }, claimed);
            refuse(t.selected, { reason: 'waybill_failed', message: `${t.title}: ${e.message}` });
            continue;
          }
        }
        heldBy.set(jobs.length, claimed);
        jobs.push({
          kind,
          orderId: t.kind === 'order' ? t.id : null,
          parcelId: t.kind === 'parcel' ? t.id : null,
          orderIds: t.orderIds,
          title: t.title,
          waybillId: w?.id ?? null,
          carrier: w?.carrier ?? null,
          trackingNo: w?.trackingNo ?? null,
          reprintOf: null,
        });
      }
    }

    const now = this.d.now();
    const batchId = this.d.db.transaction(() => {
      // Between the checks above and here another call may have queued the same document (numbers are asked for
      // outside any transaction); the partial unique index would refuse it, this says why instead.
      const kept = jobs.filter((j, i) => {
        const live = this.d.store.liveJobFor(kind, { orderId: j.orderId, parcelId: j.parcelId });
        if (!live) return true;
        refuse(j.orderIds, { reason: 'already_queued', message: `${j.title} is already queued in print batch ${live.batch_id}` });
        this.d.outcomes.releaseClaims({ station_id: who.stationId ?? null, operator_id: who.operatorId ?? null }, heldBy.get(i) ?? []);
        return false;
      });
      if (!kept.length) return null;
      const id = this.d.store.createBatch({ kind, stationId: who.stationId ?? null, printerId: printer.id, printerName: printer.name, reprint: false, createdBy: who.actor, operatorId: who.operatorId ?? null }, kept, now);
      this.d.log.record({
        at: now,
        ...by(who),
        entity: 'print_batch',
        entityId: id,
        action: 'created',
        data: { kind, printer: printer.name, jobs: kept.length, orders: kept.reduce((n, j) => n + j.orderIds.length, 0), refused: refused.size },
      });
      return id;
    })();
    return { batchId, refused: this.refusals(ids, refused, plan.facts) };
  }

  /** Every order to print in the queue as the screen filters it (the to_print tab), oldest first. */
  private viewIds(filter: OrderFilter): number[] {
    const ids: number[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = this.d.queries.list({ ...filter, queue: 'to_print', sort: { field: 'placedAt', dir: 'asc' }, offset, limit: PAGE });
      if (page.total > MAX_VIEW) {
        throw new AppError('invalid_input', `this view has ${page.total} orders to print; a batch takes at most ${MAX_VIEW}: narrow it (shop, platform or search)`, { field: 'view', total: page.total });
      }
      ids.push(...page.rows.map((r) => r.id));
      if (page.rows.length < PAGE || ids.length >= page.total) return ids;
    }
  }

  /** The same document waiting, in doubt, or (slips) printed already. */
  private documentRefusal(kind: PrintDocKind, t: Target): Refusal | null {
    const ref = { orderId: t.kind === 'order' ? t.id : null, parcelId: t.kind === 'parcel' ? t.id : null };
    const live = this.d.store.liveJobFor(kind, ref);
    if (live) return { reason: 'already_queued', message: `${t.title} is already queued in print batch ${live.batch_id}` };
    const undecided = this.d.store.undecidedFor(kind, ref);
    if (undecided) return { reason: 'uncertain', message: `${t.title}: its ${kind} may have printed (job ${undecided.id}); reprint it or mark it printed in the print queue first` };
    if (kind === 'slip' && this.d.store.lastPrinted('slip', ref)?.state === 'sent') {
      return { reason: 'already_printed', message: `${t.title} already has its packing slip printed: reprint it explicitly if it is needed again` };
    }
    return null;
  }

  private senderRefusal(t: Target, warehouseId: number | null, cache: Map<number | null, Refusal | null>): Refusal | null {
    if (!cache.has(warehouseId)) {
      try {
        senderOf(this.d.db, warehouseId);
        cache.set(warehouseId, null);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        cache.set(warehouseId, { reason: 'no_sender', message: e.message });
      }
    }
    const r = cache.get(warehouseId);
    return r ? { reason: r.reason, message: `${t.title}: ${r.message}` } : null;
  }

  /** This station's print claim on every order of the document, or the refusal naming who holds one. */
  private claim(t: Target, who: Who): number[] | Refusal {
    if (!who.stationId) return [];
    const taken: number[] = [];
    const s = sessionOf(who);
    for (const id of t.orderIds) {
      try {
        this.d.claims.claim(id, 'print', s, this.d.now());
        taken.push(id);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'conflict') throw e;
        this.d.outcomes.releaseClaims({ station_id: who.stationId, operator_id: who.operatorId ?? null }, taken);
        return { reason: 'claimed', message: e.message };
      }
    }
    return taken;
  }

  private refusals(ids: readonly number[], refused: Map<number, Refusal>, facts: ReturnType<typeof planTargets>['facts']): PrintRefusal[] {
    return ids.filter((id) => refused.has(id)).map((id) => ({ orderId: id, platformOrderId: facts.get(id)?.platform_order_id ?? null, ...refused.get(id)! }));
  }
}
