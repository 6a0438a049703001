import crypto from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { AttemptLimiter } from '../people/pin.js';
import type { Session, Sessions } from '../people/sessions.js';
import type { Presence } from './presence.js';
import type { StationStore } from './stations.js';

/** What a network transport needs to know about who may connect. */
export interface StationAuth {
  /** A new session for a connection presenting `token`, or null to refuse it. */
  sessionFor(token: string | null): Session | null;
  /** Trades a pairing code for a station token; `client` keys the attempt limit (an IP address). */
  pair(code: string, client: string): { token: string; stationId: number; stationName: string };
  /** Called with a station's id when it is revoked, so its open connections can be closed. */
  onRevoke(listener: (stationId: number) => void): () => void;
  /** Marks a station online while a connection is open; returns the function that marks it gone. */
  join(stationId: number): () => void;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * The run token (printed by `serve`, held by whoever started it on this computer) opens a session for this
 * computer's station; a paired station's own token opens one for that station. Anything else is refused.
 */
export function createStationAuth(runToken: string, sessions: Sessions, stations: StationStore, presence: Presence): StationAuth {
  const pairAttempts = new AttemptLimiter(5, 60_000);
  return {
    sessionFor(token) {
      if (!token) return null;
      if (same(token, runToken)) return sessions.forLocal();
      const station = stations.byToken(token);
      return station ? sessions.forStation(station.id) : null;
    },
    pair(code, client) {
      const wait = pairAttempts.blockedFor(client);
      if (wait > 0) throw new AppError('forbidden', `too many wrong pairing codes; try again in ${Math.ceil(wait / 1000)} s`, { retryInMs: wait });
      try {
        const { station, token } = stations.redeem(code);
        pairAttempts.succeed(client);
        sessions.record({ stationId: station.id, operatorId: null, trusted: false }, 'station', station.id, 'station_paired', { name: station.name, client });
        return { token, stationId: station.id, stationName: station.name };
      } catch (e) {
        pairAttempts.fail(client);
        throw e;
      }
    },
    onRevoke: (l) => stations.onRevoke(l),
    join: (id) => presence.join(id),
  };
}
