import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type InvokeResult, type Output, type ParsedInput } from '../../shared/contract/index.js';
import type { Permission } from '../../shared/domain/people.js';
import { AppError, type ErrorPayload } from '../../shared/errors.js';
import type { Session } from '../people/sessions.js';

/** Who is calling: the transport fills it in; handlers use it for "who" in events and for permissions. */
export interface CallContext {
  /** e.g. "electron" for the desktop window, "ws:127.0.0.1" for a serve client, "cli". */
  origin: string;
  /** The connection's station and signed-in operator; sign-in handlers change it in place. */
  session: Session;
}

export type Handlers = {
  [N in ChannelName]: (input: ParsedInput<N>, ctx: CallContext) => Output<N> | Promise<Output<N>>;
};

export type Dispatch = (channel: unknown, input: unknown, ctx: CallContext) => Promise<InvokeResult>;

/** Turns a zod failure into a readable sentence naming each field. */
export function describeIssues(error: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof AppError) return e.toPayload();
  // Anything else is a bug or an environment failure: say so plainly, keep the original text for the log.
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `internal error: ${message}` };
}

/**
 * The single entry for every transport: checks the channel exists, validates the input against its schema (nothing
 * runs on bad input), checks the caller's permission, runs the handler, and returns a result envelope. With checkOutputs, outputs are validated too
 * (tests and development), so a handler that drifts from the contract fails loudly.
 */
export interface DispatchOptions {
  checkOutputs?: boolean;
  log?: (msg: string) => void;
  /** Throws (unauthorized / forbidden) unless the caller may use a channel needing `permission`. */
  authorize?: (permission: Permission | null, ctx: CallContext) => void;
}

export function createDispatcher(handlers: Handlers, opts: DispatchOptions = {}): Dispatch {
  return async (channel, input, ctx) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: `unknown channel "${String(channel)}"`, details: { channel: String(channel) } } };
    }
    const schema = channels[channel];
    const parsed = schema.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const { message, issues } = describeIssues(parsed.error);
      return { ok: false, error: { code: 'invalid_input', message: `${channel}: ${message}`, details: { channel, issues } } };
    }
    try {
      // Permission is checked after validation (a malformed call learns nothing) and before the handler runs.
      opts.authorize?.(schema.permission, ctx);
      const handler = handlers[channel] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      if (opts.checkOutputs) {
        const out = schema.output.safeParse(value);
        if (!out.success) {
          const { message } = describeIssues(out.error);
          throw new Error(`${channel} returned output that breaks the contract: ${message}`);
        }
      }
      return { ok: true, value };
    } catch (e) {
      const error = toErrorPayload(e);
      if (error.code === 'internal') opts.log?.(`${channel} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { ok: false, error };
    }
  };
}
