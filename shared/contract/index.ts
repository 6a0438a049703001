import type { z } from 'zod';
import type { Permission } from '../domain/people.js';
import { appChannels } from './app.js';
import { auditChannels } from './audit.js';
import { carrierChannels } from './carriers.js';
import { eventChannels } from './events.js';
import { exportChannels } from './exports.js';
import { fulfilChannels } from './fulfil.js';
import { importsChannels } from './imports.js';
import { manualOrderChannels } from './manual-orders.js';
import { ordersChannels } from './orders.js';
import { peopleChannels } from './people.js';
import { printChannels } from './print.js';
import { syncChannels } from './sync.js';

/**
 * One request channel: its input and output schemas, and the permission a signed-in operator needs to call it
 * (null: any connected station may call it, signed in or not — sign-in itself, the first-run setup, app info).
 */
export interface ChannelDef {
  input: z.ZodType;
  output: z.ZodType;
  permission: Permission | null;
}

/**
 * The one contract between the renderer and main. Every request channel has an input and an output schema; the
 * transport validates inputs before a handler runs. Add a domain by adding its map here.
 */
export const channels = {
  ...appChannels,
  ...peopleChannels,
  ...ordersChannels,
  ...manualOrderChannels,
  ...exportChannels,
  ...syncChannels,
  ...carrierChannels,
  ...importsChannels,
  ...auditChannels,
  ...fulfilChannels,
  ...printChannels,
} as const satisfies Record<string, ChannelDef>;
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
export * from './manual-orders.js';
export * from './exports.js';
export * from './sync.js';
export * from './imports.js';
export * from './audit.js';
export * from './fulfil.js';
export * from './print.js';
export * from './wire.js';
export * from './bridge.js';
