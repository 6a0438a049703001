import type { SimClock } from '../base.js';

export type Params = Map<string, string>;

export interface SimAddress {
  province: string;
  city: string;
  district: string;
  town: string;
  detail: string;
}

/** One 网点 (branch) account of a subscription: its number balance and the sender addresses it serves. */
export interface SimBranch {
  code: string;
  name: string;
  /** Numbers left (电子面单余额). */
  quantity: number;
  allocated: number;
  cancelled: number;
  printed: number;
  addresses: SimAddress[];
}

export interface SimSubscription {
  cpCode: string;
  /** 1 直营, 2 加盟, 3 落地配, 4 直营带网点. */
  cpType: number;
  branches: SimBranch[];
}

export type SimWaybillState = 'allocated' | 'printed' | 'cancelled' | 'collected';

export interface SimWaybill {
  code: string;
  cpCode: string;
  branchCode: string;
  /** cp_code + trade orders + package id: asking again with the same key returns this number. */
  key: string;
  objectId: string;
  state: SimWaybillState;
  printData: string;
  tradeOrders: string[];
  recipientOaid: string | null;
  createdAt: number;
}

export interface CainiaoSimState {
  clock: SimClock;
  subscriptions: SimSubscription[];
  waybills: Map<string, SimWaybill>;
  byKey: Map<string, string>;
  serial: number;
}
