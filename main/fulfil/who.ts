import type { EventRecord } from '../history/events.js';
import type { Session, Sessions } from '../people/sessions.js';

/** Who caused a change, as the event log records it: a person at a station, a rule, or the CLI. */
export type Who = Pick<EventRecord, 'actor' | 'operatorId' | 'stationId'>;

export function whoOf(sessions: Sessions, s: Session): Who {
  return { actor: sessions.actor(s), operatorId: s.operatorId, stationId: s.stationId };
}

/** The `who` fields of an event row. */
export function by(who: Who): Who {
  return { actor: who.actor, operatorId: who.operatorId ?? null, stationId: who.stationId ?? null };
}
