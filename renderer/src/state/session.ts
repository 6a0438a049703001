import { create } from 'zustand';
import type { OperatorInfo, Permission, SessionInfo } from '../../../shared/domain/people.js';
import { api } from '../api/client.js';
import { useConnection } from '../api/connection.js';
import { asApiError, type ApiError } from '../api/errors.js';

/**
 * Who is working at this station, as main sees this connection. main keeps one session per connection, so a
 * reconnect is a new session (a paired bench whose operator has a PIN is signed out by it): reloaded then, and
 * whenever any call is refused for want of a session.
 */
interface SessionState {
  /** null until main first answers `session.get`. */
  info: SessionInfo | null;
  /** The last `session.get` failed (offline); what we knew before stays in `info`. */
  error: ApiError | null;
  /** The switch screen was opened by hand (F2 / the header button) while someone is signed in. */
  switching: boolean;
}

export const useSession = create<SessionState>(() => ({ info: null, error: null, switching: false }));

let loading = false;
let again = false;

/**
 * Asks main who is signed in. Calls made while one is on its way run once more after it: its answer may predate
 * whatever made the second caller ask.
 */
export function loadSession(): void {
  if (loading) {
    again = true;
    return;
  }
  loading = true;
  api
    .invoke('session.get', {})
    .then(
      (info) => useSession.setState({ info, error: null }),
      (e: unknown) => useSession.setState({ error: asApiError(e) }),
    )
    .finally(() => {
      loading = false;
      if (again) {
        again = false;
        loadSession();
      }
    });
}

/** A sign-in, sign-out or first-run setup answered with the new session: show it, and leave the switch screen. */
export function sessionChanged(info: SessionInfo): void {
  useSession.setState({ info, error: null, switching: false });
}

/**
 * The operator signed in here, if they may still work: main keeps a deactivated person in the session but refuses
 * all their calls (signed_out), so for the UI they are signed out.
 */
export function activeOperator(info: SessionInfo | null): OperatorInfo | null {
  return info?.operator?.active ? info.operator : null;
}

export function useOperator(): OperatorInfo | null {
  return useSession((s) => activeOperator(s.info));
}

export function openSwitch(): void {
  if (activeOperator(useSession.getState().info)) useSession.setState({ switching: true });
}

export function closeSwitch(): void {
  useSession.setState({ switching: false });
}

/** Loads the session now, again after every reconnect, and whenever a refused call says it is out of date. */
export function startSessionFeed(): () => void {
  loadSession();
  const offLost = api.onSessionStale(loadSession);
  const offConn = useConnection.subscribe((now, before) => {
    if (now.reconnects !== before.reconnects) loadSession();
  });
  return () => {
    offLost();
    offConn();
  };
}

/** True when the signed-in operator holds `permission` (main still checks every call; this only hides what would fail). */
export function useCan(permission: Permission): boolean {
  return useSession((s) => s.info?.permissions.includes(permission) ?? false);
}
