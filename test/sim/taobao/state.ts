import type { SimClock } from '../base.js';
import type { SimTrade } from './fixtures.js';

export interface SimRefund {
  refundId: string;
  tid: string;
  oid: string;
  status: string;
  disputeType: string;
  hasGoodReturn: boolean;
  refundFeeFen: number;
  createdMs: number;
  modifiedMs: number;
  reason: string;
  num: number;
  outerId: string;
  sid?: string;
  companyName?: string;
  patch: Record<string, unknown>;
}

export interface RecordedShipment {
  tid: string;
  outSid: string;
  companyCode: string;
  at: number;
}

/** Everything the simulated TOP knows, shared by the API handlers. */
export interface TaobaoSimState {
  clock: SimClock;
  trades: Map<string, SimTrade>;
  refunds: Map<string, SimRefund>;
  /** Run once, just before the next increment.get for that page_no is answered. */
  listHooks: Map<number, (() => void)[]>;
  shipments: RecordedShipment[];
  fullinfoCalls: number;
  decryptCalls: number;
  decrypted: { tid: string; scene: string }[];
}

export type Params = ReadonlyMap<string, string>;
