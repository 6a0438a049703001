import type { Handlers } from '../transport/dispatch.js';
import type { ExportService } from './service.js';

export function exportsHandlers(s: ExportService): Pick<Handlers, 'exports.start' | 'exports.get' | 'exports.cancel' | 'exports.save'> {
  return {
    'exports.start': (input, ctx) => s.start(input, ctx.session),
    'exports.get': (input, ctx) => s.get(input.id, ctx.session),
    'exports.cancel': (input, ctx) => s.cancel(input.id, ctx.session),
    'exports.save': (input, ctx) => s.save(input.id, ctx.session),
  };
}
