import type { SimClock } from '../base.js';

/** A stored shop order: the JSON served verbatim, plus the times the simulator filters and sorts by (unix s). */
export interface SimShopOrder {
  id: string;
  createdAt: number;
  updatedAt: number;
  json: Record<string, unknown>;
}

export interface SimAfterSale {
  id: string;
  orderId: string;
  appliedAt: number;
  updatedAt: number;
  json: { aftersale_info: Record<string, unknown>; order_info: Record<string, unknown> };
}

/** What a ciphertext stands for; only order.batchDecrypt ever reads it. */
export interface Plain {
  orderId: string;
  /** batchDecrypt data_type: 1 address, 2 name, 3 phone. */
  dataType: 1 | 2 | 3;
  text: string;
  /** A privacy number: main + extension, valid until expire (unix s). */
  virtual?: { a: string; b: string; expire: number };
}

export interface SimCompany {
  id: number;
  name: string;
  code: string;
}

export interface RecordedShipment {
  at: number;
  orderId: string;
  body: Record<string, unknown>;
  /** 'shipped', or the sub_code it was refused with. */
  outcome: string;
}

export interface TokenState {
  /** access token → expiry (sim ms) and the refresh token issued with it. */
  access: Map<string, { expiresAt: number; refresh: string }>;
  /** refresh token → expiry (sim ms) and the access token it renews. */
  refresh: Map<string, { expiresAt: number; access: string }>;
  accessTtlMs: number;
  /** Pairs issued by token.refresh. */
  issued: number;
}

export interface SimLimits {
  /** Longest update/create-time window a list accepts, seconds ([U] default 7 days, §5.5). */
  windowCapSec: number;
  /** How deep page × size may go (50 000 [S]). */
  maxResults: number;
  /** Timestamp tolerance around the sim clock, seconds ([U] ±10 min). */
  toleranceSec: number;
}

export interface DecryptStats {
  calls: number;
  ciphertexts: number;
  authIds: string[];
}

export interface DouyinSimState {
  clock: SimClock;
  appKey: string;
  appSecret: string;
  shopId: number;
  orders: Map<string, SimShopOrder>;
  afterSales: Map<string, SimAfterSale>;
  ciphers: Map<string, Plain>;
  companies: SimCompany[];
  shipments: RecordedShipment[];
  tokens: TokenState;
  limits: SimLimits;
  decrypt: DecryptStats;
  /** Called before each order.searchList is answered, with its 1-based call number and body (mid-paging mutations). */
  beforeSearch: ((call: number, body: Record<string, unknown>) => void) | null;
  searchCalls: number;
}

export const nowSec = (state: DouyinSimState): number => Math.floor(state.clock.now() / 1000);
