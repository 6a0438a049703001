import { randomBytes } from 'node:crypto';
import type { SimClock } from '../base.js';
import type { SimOrder } from './fixtures.js';

export interface OrderFilter {
  dateField: 'updatedAt' | 'createdAt';
  after: number;
  before: number;
  statuses: string[] | null;
  channels: string[] | null;
}

/** What a getOrders NextToken stands for: the query, and where the last page ended (keyset, not offset). */
export interface OrderPaging {
  marketplaceIds: string[];
  filter: OrderFilter;
  pageSize: number;
  cursor: { createdAt: number; id: string } | null;
  echo: Record<string, string>;
}

export interface RecordedShipment {
  orderId: string;
  at: number;
  body: Record<string, unknown>;
}

export interface AmazonSimState {
  clock: SimClock;
  orders: Map<string, SimOrder>;
  orderTokens: Map<string, OrderPaging>;
  itemTokens: Map<string, { orderId: string; offset: number }>;
  itemsPageSize: number;
  /** One-shot hooks run just before the next getOrders NextToken page is computed. */
  betweenPages: (() => void)[];
  shipments: RecordedShipment[];
}

/**
 * An opaque NextToken like Amazon's: base64 that always holds "+", "/" and "=", so a client that forgets to
 * URL-encode it sends a space for the "+" and gets "could not decode your NextToken".
 */
export function newNextToken(): string {
  const body = Buffer.concat([Buffer.from([0xfb, 0xff, 0xbf]), randomBytes(19)]); // 22 bytes: "+/+/" first, "==" last
  return body.toString('base64');
}
