import type { ErrorPayload } from '../errors.js';

/** What every transport answers to one invoke: a value or a structured error, never a thrown exception. */
export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

/**
 * The only thing the Electron preload exposes to the page (as `window.shopdesk`), through contextBridge.
 * No Node, no ipcRenderer: just invoke and subscribe. Under `serve` the renderer uses the WebSocket instead.
 */
export interface ShopDeskBridge {
  invoke(channel: string, input: unknown): Promise<InvokeResult>;
  /** Returns a function that unsubscribes. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** IPC channel names used between preload and main (internal to the Electron transport). */
export const IPC_INVOKE = 'shopdesk:invoke';
export const IPC_EVENT = 'shopdesk:event';
