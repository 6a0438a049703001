import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';
import type { Session } from '../people/sessions.js';

export type ClaimPurpose = 'print' | 'pack' | 'ship';
const CLAIM_TTL_MS = 10 * 60_000;

export interface Claim {
  orderId: number;
  stationId: number;
  stationName: string;
  operatorName: string | null;
  purpose: ClaimPurpose;
  claimedAt: number;
  expiresAt: number;
}

/**
 * Who is working an order right now. A station takes the claim before printing, packing or shipping an order; a
 * second station asking for the same order while the claim is live gets a conflict naming who holds it. SQLite has
 * one writer, so the conditional upsert below is atomic: of two racing stations exactly one wins.
 */
export class ClaimStore {
  constructor(private readonly db: DB) {}

  current(orderId: number, now = Date.now()): Claim | null {
    const r = this.db
      .prepare(
        `SELECT c.order_id, c.station_id, s.name AS station_name, o.name AS operator_name, c.purpose, c.claimed_at, c.expires_at
         FROM order_claims c JOIN stations s ON s.id = c.station_id LEFT JOIN operators o ON o.id = c.operator_id
         WHERE c.order_id = ? AND c.expires_at > ?`,
      )
      .get(orderId, now) as
      | { order_id: number; station_id: number; station_name: string; operator_name: string | null; purpose: ClaimPurpose; claimed_at: number; expires_at: number }
      | undefined;
    return r
      ? { orderId: r.order_id, stationId: r.station_id, stationName: r.station_name, operatorName: r.operator_name, purpose: r.purpose, claimedAt: r.claimed_at, expiresAt: r.expires_at }
      : null;
  }

  /** Takes or renews the claim for this session's station; throws `conflict` when another station holds it. */
  claim(orderId: number, purpose: ClaimPurpose, s: Session, now = Date.now()): Claim {
    if (!s.stationId) throw new AppError('conflict', 'only a station can claim an order');
    if (!this.db.prepare('SELECT 1 FROM orders WHERE id = ?').get(orderId)) throw new AppError('not_found', `order ${orderId} does not exist`, { id: orderId });
    const changed = this.db
      .prepare(
        `INSERT INTO order_claims (order_id, station_id, operator_id, purpose, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(order_id) DO UPDATE SET station_id = excluded.station_id, operator_id = excluded.operator_id, purpose = excluded.purpose,
           claimed_at = CASE WHEN order_claims.station_id = excluded.station_id THEN order_claims.claimed_at ELSE excluded.claimed_at END,
           expires_at = excluded.expires_at
         WHERE order_claims.station_id = excluded.station_id OR order_claims.expires_at <= excluded.claimed_at`,
      )
      .run(orderId, s.stationId, s.operatorId, purpose, now, now + CLAIM_TTL_MS).changes;
    const held = this.current(orderId, now);
    if (changed === 0 || !held || held.stationId !== s.stationId) {
      const who = held ? `${held.stationName}${held.operatorName ? ` (${held.operatorName})` : ''}` : 'another station';
      throw new AppError('conflict', `order ${orderId} is being worked at ${who}; it is free again when they finish or after ${CLAIM_TTL_MS / 60_000} minutes`, {
        orderId,
        heldBy: held?.stationId,
        purpose: held?.purpose,
      });
    }
    return held;
  }

  /** Throws unless this session's station holds a live claim (printing and shipping call this inside their transaction). */
  assertHeld(orderId: number, s: Session, now = Date.now()): void {
    const held = this.current(orderId, now);
    if (!held || held.stationId !== s.stationId) {
      throw new AppError('conflict', `order ${orderId} is not claimed by this station; open it again`, { orderId, heldBy: held?.stationId ?? null });
    }
  }

  release(orderId: number, s: Session): void {
    this.db.prepare('DELETE FROM order_claims WHERE order_id = ? AND station_id = ?').run(orderId, s.stationId);
  }
}
