import type { z } from 'zod';
import type { PrintChannels } from '../../../shared/contract/print.js';
import { whoOf } from '../../fulfil/who.js';
import type { Sessions } from '../../people/sessions.js';
import type { CallContext } from '../../transport/dispatch.js';
import type { PrintQueue } from './service.js';

/**
 * The handlers of shared/contract/print.ts, typed from the print channels themselves; once the map joins
 * shared/contract/index.ts this is exactly Pick<Handlers, keyof PrintChannels>.
 */
export type PrintHandlers = {
  [N in keyof PrintChannels]: (input: z.output<PrintChannels[N]['input']>, ctx: CallContext) => z.output<PrintChannels[N]['output']> | Promise<z.output<PrintChannels[N]['output']>>;
};

export function printHandlers(q: PrintQueue, sessions: Sessions): PrintHandlers {
  const who = (ctx: CallContext) => whoOf(sessions, ctx.session);
  return {
    'print.labels': (input, ctx) => q.enqueue('label', input, who(ctx)),
    'print.slips': (input, ctx) => q.enqueue('slip', input, who(ctx)),
    'print.picklist': (input, ctx) => q.enqueue('picklist', input, who(ctx)),
    'print.batches': (input) => q.batches(input),
    'print.jobs': (input) => q.jobs(input),
    'print.pause': (input, ctx) => q.pause(input.batchId, who(ctx)),
    'print.resume': (input, ctx) => q.resume(input.batchId, who(ctx)),
    'print.cancel': (input, ctx) => q.cancel(input.batchId, who(ctx)),
    'print.reprint': (input, ctx) => q.reprint(input, who(ctx)),
    'print.resolve': (input, ctx) => q.resolve(input.jobId, input.action, input.reason, who(ctx)),
    'print.preview': (input, ctx) => q.preview(input.orderId, input.kind, input.printerId, who(ctx)),
    'printers.testPrint': (input, ctx) => q.setup.testPrint(input.printerId, who(ctx)),
    'printers.calibration': (input) => q.setup.calibration(input.printerId),
    'printers.saveCalibration': (input, ctx) => q.setup.save(input.printerId, input.settings, who(ctx), input.reason ?? null),
  };
}
