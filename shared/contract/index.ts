import type { z } from 'zod';
import { appChannels } from './app.js';
import { eventChannels } from './events.js';
import { ordersChannels } from './orders.js';

/**
 * The one contract between the renderer and main. Every request channel has an input and an output schema; the
 * transport validates inputs before a handler runs. Add a domain by adding its map here.
 */
export const channels = {
  ...appChannels,
  ...ordersChannels,
} as const;
export { eventChannels };

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller may pass (defaults still optional). */
export type Input<N extends ChannelName> = z.input<Channels[N]['input']>;
/** What a handler receives, after parsing and defaults. */
export type ParsedInput<N extends ChannelName> = z.output<Channels[N]['input']>;
export type Output<N extends ChannelName> = z.output<Channels[N]['output']>;

export type EventName = keyof typeof eventChannels;
export type EventPayload<E extends EventName> = z.output<(typeof eventChannels)[E]>;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventChannels, name);
}

export * from './orders.js';
export * from './wire.js';
export * from './bridge.js';
