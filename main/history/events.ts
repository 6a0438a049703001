import type { DB } from '../store/db.js';

export interface EventRecord {
  at?: number;
  actor: string;
  entity: string;
  entityId: number | null;
  action: string;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  /** The signed-in operator and the station, when a person caused it. */
  operatorId?: number | null;
  stationId?: number | null;
}

/**
 * The event log: who did what, when and why. Callers write it inside the same transaction as the change, so a
 * change and its record can never be separated.
 */
export class EventLog {
  private readonly insert;
  constructor(db: DB) {
    this.insert = db.prepare(
      'INSERT INTO events(at, actor, entity, entity_id, action, reason, data, operator_id, station_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  record(e: EventRecord): void {
    this.insert.run(
      e.at ?? Date.now(),
      e.actor,
      e.entity,
      e.entityId,
      e.action,
      e.reason ?? null,
      e.data ? JSON.stringify(e.data) : null,
      e.operatorId ?? null,
      e.stationId ?? null,
    );
  }
}
