import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type InvokeResult, type Output, type ParsedInput } from '../../shared/contract/index.js';
import { AppError, type ErrorPayload } from '../../shared/errors.js';

/** Who is calling: the transport fills it in; handlers use it for "who" in events and for permissions. */
export interface CallContext {
  /** e.g. "local" for the Electron window, "ws:127.0.0.1" for a serve client, "cli". */
  origin: string;
  actor: string;
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
 * runs on bad input), runs the handler, and returns a result envelope. With checkOutputs, outputs are validated too
 * (tests and development), so a handler that drifts from the contract fails loudly.
 */
export function createDispatcher(handlers: Handlers, opts: { checkOutputs?: boolean; log?: (msg: string) => void } = {}): Dispatch {
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
