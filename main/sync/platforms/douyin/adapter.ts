import type { PlatformAdapter } from '../../adapter.js';
import { listAfterSales } from './aftersales.js';
import { DouyinClient, type DouyinClientOptions } from './client.js';
import { parseDouyinCredentials, credentialsRecord } from './credentials.js';
import { listOrders } from './list.js';
import type { PagingLimits } from './paging.js';
import { decryptDouyinAddresses } from './pii.js';
import { confirmDouyinShipment } from './ship.js';
import { DouyinTokens } from './tokens.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface DouyinAdapterOptions extends DouyinClientOptions {
  /** How deep one query may page (抖店: 50 000 results [S]); tests lower it to exercise window splitting. */
  maxResults?: number;
}

/** 抖店 refuses a page size over 100 (isv.parameter-invalid:20008 [S]). */
export const PAGE_SIZE = 100;

/**
 * 抖店 (Douyin Shop) open platform: order.searchList for orders, afterSale.List for cases, order.logisticsAdd for
 * tracking, order.batchDecrypt for labels, token.refresh to keep the shop's tokens alive. See client.ts for
 * signing and token renewal, paging.ts for why pages are read backwards. Options exist for tests (a quick retry,
 * a sleep that moves the simulator's clock, a shallow paging cap); production uses douyinAdapter.
 */
export function createDouyinAdapter(opts: DouyinAdapterOptions = {}): PlatformAdapter {
  const client = new DouyinClient(new DouyinTokens(), opts);
  const limits: PagingLimits = { size: PAGE_SIZE, maxResults: opts.maxResults ?? 50_000 };
  // [U] 抖店 publishes no window limit for update-time queries (§5.5); a day keeps each scan short and well inside
  // any cap, and lets a busy shop's window be split further when it is too deep to page.
  const maxWindowMs = DAY;
  return {
    platform: 'douyin',
    maxWindowMs,
    overlapMs: 2 * MINUTE,
    // update_time is written when the order changes; a few seconds absorb the gateway's indexing and clock skew.
    settleMs: 10_000,
    // order.searchList reaches back 90 days at most (isv.parameter-invalid:20022 [S]); a month is what a first sync needs.
    initialLookbackMs: 30 * DAY,
    parseCredentials: (input) => credentialsRecord(parseDouyinCredentials(input)),
    listUpdated: (window, ctx) => listOrders(client, window, ctx, maxWindowMs, limits),
    listAfterSales: (window, ctx) => listAfterSales(client, window, ctx, maxWindowMs, limits),
    confirmShipment: (req, ctx) => confirmDouyinShipment(client, req, ctx),
    // The purpose is recorded by the caller (PiiService); batchDecrypt itself takes none.
    decryptAddresses: (reqs, _purpose, ctx) => decryptDouyinAddresses(client, reqs, ctx),
  };
}

export const douyinAdapter: PlatformAdapter = createDouyinAdapter();
