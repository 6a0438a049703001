import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'unauthorized';

export interface ConnectionStatus {
  state: ConnectionState;
  /** When the next reconnect attempt is due (epoch ms), while offline. */
  retryAt: number | null;
  /** Why we are unauthorized: no token at all, the server refused ours, or a pairing code was not accepted. */
  reason: 'no_token' | 'refused' | 'pair_failed' | null;
  /** Whose token was refused: this computer's run token, or a paired station's own. */
  source: 'run' | 'station' | null;
  /** main's words when pairing failed (expired code, too many attempts…). */
  detail: string | null;
  /** Bumped on every (re)connect after the first, so screens refetch what may have changed meanwhile. */
  reconnects: number;
}

export const useConnection = create<ConnectionStatus>(() => ({ state: 'connecting', retryAt: null, reason: null, source: null, detail: null, reconnects: 0 }));

export function setConnection(patch: Partial<ConnectionStatus>): void {
  useConnection.setState(patch);
}
