import type { ShopDeskBridge } from '../../../shared/contract/bridge.js';
import {
  channels,
  eventChannels,
  type ChannelName,
  type EventName,
  type EventPayload,
  type Input,
  type Output,
} from '../../../shared/contract/index.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import { setConnection } from './connection.js';
import { ApiError } from './errors.js';
import { takeCredentials } from './token.js';
import { WsTransport } from './ws-transport.js';

declare global {
  interface Window {
    /** Present only inside the Electron window (exposed by the preload through contextBridge). */
    shopdesk?: ShopDeskBridge;
  }
}

let transport: ShopDeskBridge | null = null;
let ws: WsTransport | null = null;

/**
 * main refused a call because what the renderer knows about this station's session is out of date: nobody is
 * signed in (`signed_out`: the socket reconnected, or the owner deactivated this person), nobody exists yet
 * (`needs_setup`), or the role lost a permission since the session was read (`forbidden` naming it). Any screen's
 * call can be the first to find out, so the client tells the session state instead of leaving it to that screen.
 */
function sessionIsStale(e: ErrorPayload): boolean {
  if (e.code === 'unauthorized') return e.details?.reason === 'signed_out' || e.details?.reason === 'needs_setup';
  return e.code === 'forbidden' && typeof e.details?.permission === 'string';
}
const staleListeners = new Set<() => void>();

/** Picks the transport once: the Electron bridge when present, else the `shopdesk serve` WebSocket. */
function getTransport(): ShopDeskBridge {
  if (transport) return transport;
  if (window.shopdesk) {
    transport = window.shopdesk;
    setConnection({ state: 'online' }); // IPC to our own main process cannot drop
  } else {
    ws = new WsTransport(takeCredentials());
    transport = ws;
    void ws.start();
  }
  return transport;
}

export const api = {
  /** Start connecting now (at app start) rather than on the first request, so the status is known early. */
  connect(): void {
    getTransport();
  },

  retryNow(): void {
    ws?.retryNow();
  },

  /**
   * Calls a channel and returns its typed output, or throws an ApiError with the stable code from main. Outputs are
   * checked against the contract here too: a main that drifts from it fails loudly instead of drawing wrong data.
   */
  async invoke<N extends ChannelName>(name: N, input: Input<N>): Promise<Output<N>> {
    const result = await getTransport().invoke(name, input);
    if (!result.ok) {
      if (sessionIsStale(result.error)) for (const l of staleListeners) l();
      throw new ApiError(result.error);
    }
    const parsed = channels[name].output.safeParse(result.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw new ApiError({ code: 'internal', message: `${name}: the answer does not match the contract`, details: { channel: name, issues } });
    }
    return parsed.data as Output<N>;
  },

  /** Called whenever a call is refused in a way that says the session should be read again (see sessionIsStale). */
  onSessionStale(listener: () => void): () => void {
    staleListeners.add(listener);
    return () => staleListeners.delete(listener);
  },

  /** Listens to a main → renderer event; malformed payloads are dropped. Returns the unsubscribe function. */
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return getTransport().subscribe(name, (payload) => {
      const parsed = eventChannels[name].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  },
};
