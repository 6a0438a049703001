import type { SimClock } from '../base.js';

export type SimOperation = 'getOrders' | 'getOrderItems' | 'getOrder' | 'confirmShipment';

export interface UsagePlan {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size. */
  burst: number;
}

/** Amazon's published usage plans (platform-apis.md §2.2, §2.3, §2.5). */
export const REAL_PLANS: Readonly<Record<SimOperation, UsagePlan>> = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
};

/** A token bucket on the simulator's clock: full at start, refills at `rate`, a request takes one token. */
export class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    public plan: UsagePlan,
    private readonly clock: SimClock,
  ) {
    this.tokens = plan.burst;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.plan.burst, this.tokens + ((now - this.at) / 1000) * this.plan.rate);
    this.at = now;
  }

  take(): boolean {
    this.refill();
    // A small epsilon: rate × seconds in floating point lands a hair under 1 after exactly one refill period.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  /** Empties the bucket (tests: "the seller's other tools used the quota up"). */
  drain(): void {
    this.refill();
    this.tokens = 0;
  }
}
