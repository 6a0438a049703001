import type { ShipmentWriteBack, WriteBackResult } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import type { WooClient } from './client.js';
import type { WooTrackingMode } from './credentials.js';
import { CARRIER_META, TRACKING_META } from './mapping.js';

/** ShopDesk carrier codes → the name a buyer reads in the note; WooCommerce core has no carrier list of its own. */
const CARRIER_NAMES: Record<string, string> = {
  SF: 'SF Express',
  YTO: 'YTO Express',
  ZTO: 'ZTO Express',
  STO: 'STO Express',
  YUNDA: 'Yunda Express',
  JT: 'J&T Express',
  EMS: 'China Post EMS',
  JD: 'JD Logistics',
  UPS: 'UPS',
  USPS: 'USPS',
  FEDEX: 'FedEx',
  DHL: 'DHL',
  DPD: 'DPD',
  GLS: 'GLS',
  ROYALMAIL: 'Royal Mail',
};

export function carrierName(code: string): string {
  return CARRIER_NAMES[code.toUpperCase()] ?? code;
}

export function shipNote(carrier: string, trackingNo: string): string {
  return `Shipped via ${carrierName(carrier)}, tracking ${trackingNo}`;
}

/** Statuses an order must not be pushed out of by a shipment: completing them would undo a cancel or refund. */
const NOT_SHIPPABLE = new Set(['cancelled', 'refunded', 'failed', 'trash']);

interface OrderView {
  status: string;
  number: string;
  tracking: string | null;
}

/**
 * Writes a shipment back in up to three idempotent steps, each of which looks before it writes, so a retry after
 * any half-done attempt finishes the job without doubling anything:
 * 1. the Shipment Tracking extension's tracking item, when the store has it (before the status change, so the
 *    "completed" e-mail can carry the tracking link);
 * 2. PUT status completed + meta _shopdesk_tracking/_shopdesk_carrier (one atomic update);
 * 3. a customer note "Shipped via …, tracking …" (the buyer is e-mailed; a second one would be noise).
 * 'already' means none of the steps had anything to do: our meta (or a completed status) and the note are there.
 */
export async function confirmWooShipment(client: WooClient, req: ShipmentWriteBack, trackingPlugin: TrackingPluginProbe): Promise<WriteBackResult> {
  if (!/^\d+$/.test(req.platformOrderId)) throw new PlatformError('bad_request', `"${req.platformOrderId}" is not a WooCommerce order id`);
  const orderRoute = `wp-json/wc/v3/orders/${req.platformOrderId}`;
  const order = readOrder((await client.request('GET', orderRoute)).json);
  const notesRoute = `${orderRoute}/notes`;
  const hasNote = async (once: boolean) => {
    const res = once ? await client.once('GET', notesRoute) : await client.request('GET', notesRoute);
    return objects(res.json).some((n) => typeof n.note === 'string' && mentions(n.note, req.trackingNo));
  };
  const noteThere = await hasNote(false);
  const ours = order.tracking === req.trackingNo;
  if (!ours && !(order.status === 'completed' && noteThere) && NOT_SHIPPABLE.has(order.status)) {
    throw new PlatformError('bad_request', `order #${order.number} is ${order.status} on WooCommerce; ShopDesk will not mark it shipped`);
  }

  let wrote = await trackingPlugin.ensure(client, req);
  // Our meta means we completed it before (a status changed since is the seller's call); completed + the note means
  // the seller shipped it by hand with this number.
  if (!ours && !(order.status === 'completed' && noteThere)) {
    await client.request('PUT', orderRoute, [], {
      status: 'completed',
      meta_data: [
        { key: TRACKING_META, value: req.trackingNo },
        { key: CARRIER_META, value: req.carrier },
      ],
    });
    wrote = true;
  }
  if (!noteThere) {
    await client.retrying(async (attempt) => {
      // A POST whose answer was lost may have landed: look before posting again.
      if (attempt > 0 && (await hasNote(true))) return;
      await client.once('POST', notesRoute, [], { note: shipNote(req.carrier, req.trackingNo), customer_note: true });
    });
    wrote = true;
  }
  return wrote ? 'done' : 'already';
}

/** The number as a whole token: a note about SF1234567890 does not vouch for SF123456789. */
function mentions(text: string, trackingNo: string): boolean {
  const escaped = trackingNo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}($|[^A-Za-z0-9])`).test(text);
}

function objects(json: unknown): Record<string, unknown>[] {
  return Array.isArray(json) ? json.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

function readOrder(json: unknown): OrderView {
  const o = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  if (typeof o.status !== 'string') throw new PlatformError('bad_request', 'WooCommerce answered the order request without a status');
  const meta = Array.isArray(o.meta_data) ? (o.meta_data as { key?: unknown; value?: unknown }[]) : [];
  const tracking = meta.find((m) => m.key === TRACKING_META)?.value;
  return { status: o.status, number: typeof o.number === 'string' ? o.number : String(o.id), tracking: typeof tracking === 'string' ? tracking : null };
}

/** How long "this store has no Shipment Tracking extension" is believed before asking again (it may get installed). */
const ABSENT_TTL_MS = 60 * 60_000;

/**
 * The Shipment Tracking extension (wc-shipment-tracking/v3). In 'auto' mode a shipment finds out whether the store
 * has it (WordPress answers rest_no_route when it does not) and the adapter remembers an absence for an hour, so
 * stores without it cost one extra request per hour rather than per parcel.
 */
export class TrackingPluginProbe {
  constructor(
    private readonly mode: WooTrackingMode,
    /** Shop id + site address: a shop re-pointed at another store is asked afresh. */
    private readonly storeKey: string,
    /** Shared across calls by the adapter: store key → when the extension was last found missing. */
    private readonly absentSince: Map<string, number>,
    private readonly now: () => number,
  ) {}

  /** True when it had to add the tracking item. */
  async ensure(client: WooClient, req: ShipmentWriteBack): Promise<boolean> {
    if (this.mode === 'off') return false;
    const absent = this.absentSince.get(this.storeKey);
    if (this.mode === 'auto' && absent !== undefined && this.now() - absent < ABSENT_TTL_MS) return false;
    const route = `wp-json/wc-shipment-tracking/v3/orders/${req.platformOrderId}/shipment-trackings`;
    const listed = async (once: boolean) => {
      const res = once ? await client.once('GET', route) : await client.request('GET', route);
      return objects(res.json).some((t) => t.tracking_number === req.trackingNo);
    };
    let there: boolean;
    try {
      there = await listed(false);
    } catch (e) {
      if (e instanceof PlatformError && e.details.platformCode === 'rest_no_route') {
        if (this.mode === 'on') throw new PlatformError('bad_request', 'the Shipment Tracking extension is not active on this store; set shipmentTracking to "auto" or "off"', e.details);
        this.absentSince.set(this.storeKey, this.now());
        return false;
      }
      throw e;
    }
    this.absentSince.delete(this.storeKey);
    if (there) return false;
    await client.retrying(async (attempt) => {
      if (attempt > 0 && (await listed(true))) return;
      // A custom provider name is always accepted; the extension's own provider list differs per country [U].
      await client.once('POST', route, [], {
        custom_tracking_provider: carrierName(req.carrier),
        tracking_number: req.trackingNo,
        date_shipped: new Date(req.shippedAt).toISOString().slice(0, 10),
      });
    });
    return true;
  }
}
