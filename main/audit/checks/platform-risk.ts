import { z } from 'zod';
import type { Platform } from '../../../shared/domain/ids.js';
import type { BuiltInCheck } from '../check-types.js';
import { parseWith } from './params.js';

const Params = z.object({}).strict();

/**
 * How each platform says "do not ship this yet, we are checking it", read from the verbatim status the adapter or
 * import keeps in orders.platform_status. The detail is the same on every run while the flag stands, and the check
 * stops firing once the platform clears it — so a when_fixed hold lets go by itself.
 */
const RULES: Partial<Record<Platform, (status: string) => string | null>> = {
  // "order_status=1 confirm_status=1 refund_status=1 risk_control_status=1" (pinduoduo/status.ts).
  pinduoduo: (s) => {
    const m = /\brisk_control_status=(\d+)/.exec(s);
    return m && m[1] !== '0' ? `Pinduoduo risk review (risk_control_status=${m[1]}): PDD refuses shipment until it clears` : null;
  },
  // PAID_FORBID_CONSIGN: paid, but Taobao forbids shipping (group buy forming, platform check).
  taobao: (s) => (s === 'PAID_FORBID_CONSIGN' ? 'Taobao forbids shipping this paid order for now (PAID_FORBID_CONSIGN)' : null),
  // LOCKED (a cancellation or dispute under review), PAUSE / POP_ORDER_PAUSE: JD refuses shipment while they last.
  jd: (s) => (s === 'LOCKED' || s === 'PAUSE' || s === 'POP_ORDER_PAUSE' ? `JD has the order ${s === 'LOCKED' ? 'locked' : 'paused'} (${s}): it refuses shipment meanwhile` : null),
  // "PAID/ON_HOLD" (shopify/status.ts): a fulfillment hold, set by Shopify, a fraud app or staff; a RISK_* part is
  // Shopify's risk recommendation when the adapter adds it (see the report on issue #6).
  shopify: (s) => {
    const parts = s.split('/');
    const risk = parts.find((p) => /^RISK_(INVESTIGATE|CANCEL|HIGH|MEDIUM)$/.test(p));
    if (risk) return `Shopify rates the order risky (${risk})`;
    return parts.includes('ON_HOLD') ? 'Shopify has the fulfillment on hold (ON_HOLD)' : null;
  },
  // "30 riskCode=2" when the adapter appends a non-zero riskCode (Kuaishou refuses to ship while it is set).
  kuaishou: (s) => {
    const m = /\briskCode=(\d+)/.exec(s);
    return m && m[1] !== '0' ? `Kuaishou risk control (riskCode=${m[1]}): Kuaishou refuses shipment while it is set` : null;
  },
};

/** The platform flagged the order (risk review, fraud check, shipping forbidden). Held by default. */
export const platformRisk: BuiltInCheck = {
  name: 'platform_risk',
  defaults: { enabled: true, outcome: 'hold', params: {} },
  parseParams: (p) => parseWith('platform_risk', Params, p),
  prepare() {
    return (order) => RULES[order.platform]?.(order.platformStatus) ?? null;
  },
};
