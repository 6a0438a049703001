import type { WaybillRow } from '../../../shared/contract/fulfil.js';
import { AppError } from '../../../shared/errors.js';
import type { EventLog } from '../../history/events.js';
import type { DB } from '../../store/db.js';
import { knownCarrier } from '../rules.js';
import { by, type Who } from '../who.js';
import type { WaybillCarriers } from './carriers.js';
import { checkTrackingNo, normalizeTrackingNo } from './formats.js';
import { loadTarget, senderOf, storedRecipient, type TargetFacts } from './parties.js';
import type { WaybillPool } from './pool.js';
import type { AllocatedNumber, CarrierSetup, Party, WaybillProvider, WaybillProviderName } from './provider.js';
import { toWaybillRow, WaybillStore, type TargetKind, type WaybillDbRow } from './store.js';

export interface WaybillDeps {
  db: DB;
  log: EventLog;
  carriers: WaybillCarriers;
  pool: WaybillPool;
  providers: Readonly<Record<Exclude<WaybillProviderName, 'manual'>, WaybillProvider>>;
  /** Decrypts a masked address for the label (PiiService, purpose print_waybill); absent: masked orders need an OAID. */
  reveal?: (orderId: number, who: Who) => Promise<Party>;
  now: () => number;
}

const NO_PARTY: Party = { name: '', phone: '', province: '', city: '', district: '', address: '' };

/** Cancelled or refunded on the platform, or intercepted: no number is taken for it. */
const BLOCKED = "SELECT platform_order_id FROM orders WHERE id IN (SELECT value FROM json_each(?)) AND ((open_flags & 4) <> 0 OR platform_state = 'cancelled' OR payment = 'refunded') LIMIT 1";

/**
 * Tracking numbers for orders and parcels: taken from the carrier's provider (pool or Cainiao), or bound by hand /
 * by scanning; reprinted with the same number (counted) or a new one (the old cancelled at the provider and voided);
 * recycled when never printed. Every change is an event on the order (or parcel). Calls to a provider happen outside
 * any transaction and each is followed by a transaction recording what it did, so a failure on either side never
 * leaves a number spent at the provider without a row here (a lost answer is asked again under the same key and
 * returns the same number), nor a row here the provider does not know.
 */
export class WaybillService {
  readonly store: WaybillStore;
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(private readonly d: WaybillDeps) {
    this.store = new WaybillStore(d.db);
  }

  forTarget(kind: TargetKind, id: number): WaybillRow[] {
    return this.store.all(kind, id).map(toWaybillRow);
  }

  /** The target's live number, or a new one from its carrier's provider. */
  ensure(kind: TargetKind, id: number, who: Who, opts: { carrier?: string } = {}): Promise<WaybillRow> {
    return this.locked(kind, id, async () => {
      const live = this.store.live(kind, id);
      if (live) return toWaybillRow(live);
      return this.allocateNew(kind, id, who, opts.carrier);
    });
  }

  /** Binds a number typed in or scanned (a free pool number is taken from the pool). Scanning the same number twice is fine. */
  bind(kind: TargetKind, id: number, carrierIn: string | undefined, raw: string, who: Who): WaybillRow {
    const facts = loadTarget(this.d.db, kind, id);
    const carrier = knownCarrier(carrierIn ?? facts.carrier ?? this.missingCarrier(facts), 'carrier');
    const trackingNo = checkTrackingNo(carrier, raw);
    const now = this.d.now();
    return this.d.db.transaction(() => {
      const live = this.store.live(kind, id);
      if (live?.tracking_no === trackingNo && live.carrier === carrier) return toWaybillRow(live);
      if (live) {
        throw new AppError('conflict', `${facts.label} already has ${live.carrier} waybill ${live.tracking_no} (${live.state}): reprint with a new number or void it first`, {
          [`${kind}Id`]: id,
          trackingNo: live.tracking_no,
          state: live.state,
        });
      }
      this.refuseTaken(trackingNo, kind, id);
      const claimed = this.d.pool.claim(carrier, trackingNo, now);
      if (claimed === 'taken' || claimed === 'void') {
        throw new AppError('conflict', `tracking number ${trackingNo} is ${claimed === 'void' ? 'voided' : 'already taken'} in the ${carrier} pool and must not be used again`, { trackingNo, carrier, pool: claimed });
      }
      const row = this.store.insert({ kind, targetId: id, carrier, trackingNo, provider: claimed === 'claimed' ? 'pool' : 'manual', state: 'allocated', attemptKey: null, printData: null, actor: who.actor, now });
      this.onLive(facts, row, now);
      this.event(kind, id, who, 'waybill_bound', null, { carrier, trackingNo, provider: row.provider }, now);
      return toWaybillRow(row);
    })();
  }

  /** A label was printed with the target's live number (the print queue calls this). */
  markPrinted(waybillId: number, who: Who): WaybillRow {
    const now = this.d.now();
    return this.d.db.transaction(() => {
      const w = this.store.get(waybillId);
      if (!w) throw new AppError('not_found', `waybill ${waybillId} does not exist`, { waybillId });
      if (w.state === 'printed') return toWaybillRow(w);
      if (w.state !== 'allocated') throw new AppError('conflict', `waybill ${w.tracking_no} is ${w.state} and cannot be printed`, { waybillId, state: w.state });
      this.store.setState(w.id, 'printed', now);
      this.event(w.order_id !== null ? 'order' : 'parcel', (w.order_id ?? w.parcel_id)!, who, 'waybill_printed', null, { carrier: w.carrier, trackingNo: w.tracking_no }, now);
      return toWaybillRow(this.store.get(w.id)!);
    })();
  }

  /**
   * Same number: counted and recorded, the stored print data printed again. New number: the old one is cancelled at
   * its provider and voided, then a new one is taken (or, for a carrier bound by hand, `trackingNo` is bound).
   */
  reprint(kind: TargetKind, id: number, opts: { newNumber: boolean; trackingNo?: string; reason?: string }, who: Who): Promise<WaybillRow> {
    return this.locked(kind, id, async () => {
      const facts = loadTarget(this.d.db, kind, id);
      const live = this.store.live(kind, id);
      if (!live) throw new AppError('not_found', `${facts.label} has no waybill to reprint: get a number first`, { [`${kind}Id`]: id });
      if (live.state === 'shipped') throw new AppError('conflict', `${facts.label} already left with ${live.carrier} ${live.tracking_no}: its label cannot be reprinted`, { trackingNo: live.tracking_no });
      if (!opts.newNumber) {
        const now = this.d.now();
        return this.d.db.transaction(() => {
          this.store.countReprint(live.id, now);
          this.event(kind, id, who, 'waybill_reprinted', opts.reason ?? null, { carrier: live.carrier, trackingNo: live.tracking_no, newNumber: false, reprints: live.reprints + 1 }, now);
          return toWaybillRow(this.store.get(live.id)!);
        })();
      }
      const setup = this.d.carriers.setup(live.carrier);
      if (!opts.trackingNo && setup.provider === 'manual') {
        throw new AppError('invalid_input', `trackingNo: ${live.carrier} numbers are bound by hand; scan or type the new number`, { field: 'trackingNo', carrier: live.carrier });
      }
      const fresh = opts.trackingNo ? checkTrackingNo(live.carrier, opts.trackingNo) : null;
      if (fresh) this.refuseTaken(fresh, kind, id);
      // Asking for a new number says a label with the old one may exist (jammed, smudged): void it, never recycle it.
      await this.retire(live, facts, `reprint with a new number${opts.reason ? `: ${opts.reason}` : ''}`, who, true);
      return fresh ? this.bind(kind, id, live.carrier, fresh, who) : this.allocateNew(kind, id, who, live.carrier);
    });
  }

  /** Cancels the target's live number at its provider and voids it (recycled when it was never printed). */
  voidNumber(kind: TargetKind, id: number, reason: string, who: Who): Promise<WaybillRow> {
    return this.locked(kind, id, async () => {
      const facts = loadTarget(this.d.db, kind, id);
      const live = this.store.live(kind, id);
      if (!live) throw new AppError('not_found', `${facts.label} has no live waybill`, { [`${kind}Id`]: id });
      if (live.state === 'shipped') throw new AppError('conflict', `${facts.label} already left with ${live.carrier} ${live.tracking_no}: the number cannot be voided`, { trackingNo: live.tracking_no });
      await this.retire(live, facts, reason, who);
      return toWaybillRow(this.store.get(live.id)!);
    });
  }

  /**
   * Numbers taken but never printed go back: of these orders, or (none given) of every order that was intercepted,
   * cancelled or refunded. Cainiao numbers are cancelled (the quota comes back), pool numbers return to the pool.
   * A number whose cancel fails stays as it is and is listed.
   */
  async recycleUnused(orderIds: readonly number[] | null, who: Who): Promise<{ recycled: number; failed: { orderId: number; trackingNo: string; message: string }[] }> {
    const rows = this.store.unprinted(orderIds);
    let recycled = 0;
    const failed: { orderId: number; trackingNo: string; message: string }[] = [];
    for (const row of rows) {
      const kind: TargetKind = row.order_id !== null ? 'order' : 'parcel';
      const id = (row.order_id ?? row.parcel_id)!;
      try {
        await this.locked(kind, id, async () => {
          const cur = this.store.get(row.id);
          if (cur?.state !== 'allocated') return; // printed or recycled meanwhile
          await this.retire(cur, loadTarget(this.d.db, kind, id), 'never printed; the order must not ship', who);
          recycled++;
        });
      } catch (e) {
        failed.push({ orderId: row.order_id ?? id, trackingNo: row.tracking_no, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return { recycled, failed };
  }

  /**
   * The order left with `trackingNo` (the Shipper calls this in its transaction): its live waybill becomes shipped.
   * A number typed at shipping time that ShopDesk never issued is recorded as a shipped hand-bound waybill; a
   * different live number is voided here (not cancelled at its provider: that needs a network call) and says so.
   */
  markShipped(orderId: number, carrier: string, shippedWith: string, who: Who): void {
    const now = this.d.now();
    const trackingNo = normalizeTrackingNo(shippedWith);
    this.d.db.transaction(() => {
      const live = this.store.live('order', orderId);
      if (live?.tracking_no === trackingNo) {
        if (live.state !== 'shipped') this.store.setState(live.id, 'shipped', now);
        return;
      }
      if (live) {
        this.store.setState(live.id, 'void', now);
        this.event('order', orderId, who, 'waybill_voided', `shipped with ${carrier} ${trackingNo} instead`, { carrier: live.carrier, trackingNo: live.tracking_no, cancelledAtProvider: false, provider: live.provider }, now);
      }
      const parcel = this.d.db
        .prepare("SELECT w.id FROM waybills w JOIN parcel_lines pl ON pl.parcel_id = w.parcel_id WHERE pl.order_id = ? AND w.tracking_no = ? AND w.state IN ('allocated','printed') LIMIT 1")
        .get(orderId, trackingNo) as { id: number } | undefined;
      if (parcel) return this.store.setState(parcel.id, 'shipped', now);
      if (this.d.db.prepare("SELECT 1 FROM waybills w JOIN parcel_lines pl ON pl.parcel_id = w.parcel_id WHERE pl.order_id = ? AND w.tracking_no = ? AND w.state = 'shipped'").get(orderId, trackingNo)) return;
      this.refuseTaken(trackingNo, 'order', orderId);
      this.store.insert({ kind: 'order', targetId: orderId, carrier, trackingNo, provider: 'manual', state: 'shipped', attemptKey: null, printData: null, actor: who.actor, now });
    })();
  }

  // ——— inside ———

  private async allocateNew(kind: TargetKind, id: number, who: Who, carrierIn: string | undefined): Promise<WaybillRow> {
    const facts = loadTarget(this.d.db, kind, id);
    const blocked = this.d.db.prepare(BLOCKED).get(JSON.stringify(facts.orderIds)) as { platform_order_id: string } | undefined;
    if (blocked) throw new AppError('conflict', `order ${blocked.platform_order_id} is intercepted, cancelled or refunded: no number is taken for it`, { [`${kind}Id`]: id, reason: 'blocked' });
    const carrier = knownCarrier(carrierIn ?? facts.carrier ?? this.missingCarrier(facts), 'carrier');
    const setup = this.d.carriers.setup(carrier);
    if (setup.provider === 'manual') {
      throw new AppError('conflict', `${carrier} numbers are bound by hand (no pool or e-waybill set up): scan or type the number for ${facts.label}`, { carrier, reason: 'manual_carrier' });
    }
    const provider = this.d.providers[setup.provider];
    // Only the e-waybill prints sender and recipient; a pool number is just the next on the carrier's list.
    const sender = setup.provider === 'cainiao' ? senderOf(this.d.db, facts.warehouseId) : NO_PARTY;
    const recipient = setup.provider === 'cainiao' ? await this.recipient(facts, who) : NO_PARTY;
    const attemptKey = `${kind === 'order' ? 'o' : 'p'}${id}_${this.store.attempts(kind, id) + 1}`;
    const got = await provider.allocate({ ...facts.target, attemptKey }, setup, sender, recipient);
    try {
      return this.record(facts, setup, got, attemptKey, who);
    } catch (e) {
      // Recording failed (a number another order holds, a bug): give the number back rather than leave it spent,
      // and when even that fails, say which number is left spent at the provider so a person can cancel it.
      await provider.cancel(got.trackingNo, setup, { printed: false }).catch((ce: unknown) => {
        this.event(kind, id, who, 'waybill_orphaned', 'taken from the provider but not recorded, and the cancel failed', {
          carrier,
          trackingNo: got.trackingNo,
          provider: setup.provider,
          error: e instanceof Error ? e.message : String(e),
          cancelError: ce instanceof Error ? ce.message : String(ce),
        }, this.d.now());
      });
      throw e;
    }
  }

  private record(facts: TargetFacts, setup: CarrierSetup, got: AllocatedNumber, attemptKey: string, who: Who): WaybillRow {
    const { kind, id } = facts.target;
    const now = this.d.now();
    return this.d.db.transaction(() => {
      const trackingNo = got.trackingNo.trim();
      this.refuseTaken(trackingNo, kind, id);
      const row = this.store.insert({ kind, targetId: id, carrier: setup.carrier, trackingNo, provider: setup.provider, state: 'allocated', attemptKey, printData: got.printData ?? null, actor: who.actor, now });
      this.onLive(facts, row, now);
      this.event(kind, id, who, 'waybill_allocated', null, { carrier: setup.carrier, trackingNo, provider: setup.provider, attemptKey }, now);
      return toWaybillRow(row);
    })();
  }

  /** Cancels at the provider, then records it: void when a label was printed, recycled when never. */
  private async retire(w: WaybillDbRow, facts: TargetFacts, reason: string, who: Who, labelMayExist = false): Promise<void> {
    const printed = labelMayExist || w.state === 'printed' || w.reprints > 0;
    const setup = { ...this.d.carriers.setup(w.carrier), provider: w.provider };
    if (w.provider !== 'manual') await this.d.providers[w.provider].cancel(w.tracking_no, setup, { printed });
    const now = this.d.now();
    this.d.db.transaction(() => {
      this.store.setState(w.id, printed ? 'void' : 'recycled', now);
      if (facts.target.kind === 'order') this.d.db.prepare('UPDATE orders SET tracking_no = NULL, updated_at = ? WHERE id = ? AND tracking_no = ?').run(now, facts.target.id, w.tracking_no);
      else this.d.db.prepare('UPDATE parcels SET tracking_no = NULL, updated_at = ? WHERE id = ? AND tracking_no = ?').run(now, facts.target.id, w.tracking_no);
      const action = printed ? 'waybill_voided' : 'waybill_recycled';
      this.event(facts.target.kind, facts.target.id, who, action, reason, { carrier: w.carrier, trackingNo: w.tracking_no, provider: w.provider, cancelledAtProvider: w.provider === 'cainiao', ...(w.provider === 'pool' ? { pool: printed ? 'void' : 'free' } : {}) }, now);
    })();
  }

  /** The number now on the order (or parcel): searchable by tracking number, and the carrier that goes with it. */
  private onLive(facts: TargetFacts, w: WaybillDbRow, now: number): void {
    if (facts.target.kind === 'order') this.d.db.prepare('UPDATE orders SET tracking_no = ?, carrier = ?, updated_at = ? WHERE id = ?').run(w.tracking_no, w.carrier, now, facts.target.id);
    else this.d.db.prepare('UPDATE parcels SET tracking_no = ?, carrier = ?, updated_at = ? WHERE id = ?').run(w.tracking_no, w.carrier, now, facts.target.id);
  }

  private refuseTaken(trackingNo: string, kind: TargetKind, id: number): void {
    const owner = this.store.ownerOf(trackingNo, { kind, id });
    if (owner) throw new AppError('conflict', `tracking number ${trackingNo} already belongs to ${owner.text}`, { trackingNo, ownerOrderId: owner.orderId, ownerParcelId: owner.parcelId });
  }

  private async recipient(facts: TargetFacts, who: Who): Promise<Party> {
    const stored = storedRecipient(facts.lead);
    if (!facts.lead.pii_masked || stored.oaid) return stored;
    if (this.d.reveal) return this.d.reveal(facts.lead.id, who);
    throw new AppError('conflict', `${facts.label}: ${facts.lead.platform} gave this address masked and ShopDesk cannot decrypt it for an e-waybill; print it with the platform's own waybill tool`, {
      orderId: facts.lead.id,
      reason: 'pii_masked',
    });
  }

  private missingCarrier(facts: TargetFacts): never {
    throw new AppError('invalid_input', `carrier: ${facts.label} has no carrier yet; choose one (carrier rules choose it at allocation)`, { field: 'carrier' });
  }

  private event(kind: TargetKind, id: number, who: Who, action: string, reason: string | null, data: Record<string, unknown>, now: number): void {
    this.d.log.record({ at: now, ...by(who), entity: kind, entityId: id, action, reason, data });
  }

  /** One request per order or parcel at a time: two stations printing the same order do not take two numbers. */
  private locked<T>(kind: TargetKind, id: number, fn: () => Promise<T>): Promise<T> {
    const key = `${kind}:${id}`;
    const prev = this.busy.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    this.busy.set(key, tail);
    void tail.then(() => {
      if (this.busy.get(key) === tail) this.busy.delete(key);
    });
    return run;
  }
}
