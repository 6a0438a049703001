import { z } from 'zod';
import type { ErrorPayload } from '../errors.js';

/*
 * Messages on the WebSocket transport (`shopdesk serve`). The Electron transport carries the same invoke/result
 * semantics over ipcRenderer.invoke, so the renderer's client code is identical above this layer.
 *
 * Auth: the client connects to ws://HOST/api?token=TOKEN (the token comes from the URL fragment the server printed).
 * A missing or wrong token is refused at the upgrade with HTTP 401, before any message is read.
 */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative(), channel: z.string().max(100), input: z.unknown() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ErrorPayload }
  | { type: 'event'; name: string; payload: unknown };

/** Path of the WebSocket endpoint on the serve origin. */
export const WS_PATH = '/api';
/** Close code sent when the server refuses a connection after it opened (e.g. token revoked). */
export const WS_CLOSE_UNAUTHORIZED = 4401;
