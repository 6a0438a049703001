import type { Sessions } from '../people/sessions.js';
import type { Handlers } from '../transport/dispatch.js';
import { formatInfos } from './formats/index.js';
import type { ImportService } from './service.js';

type ImportChannel =
  | 'imports.formats'
  | 'imports.inspect'
  | 'imports.preview'
  | 'imports.result'
  | 'imports.commit'
  | 'imports.cancel'
  | 'imports.presets.list'
  | 'imports.presets.save'
  | 'imports.presets.remove';

export function importsHandlers(s: ImportService, sessions: Sessions, now: () => number = Date.now): Pick<Handlers, ImportChannel> {
  return {
    'imports.formats': () => formatInfos(),
    'imports.inspect': (input) => s.inspect(input.uploadId),
    'imports.preview': (input, ctx) => s.preview(input, sessions.actor(ctx.session)),
    'imports.result': (input) => s.result(input.jobId),
    'imports.commit': (input) => s.commit(input.jobId),
    'imports.cancel': (input) => s.cancel(input.jobId),
    'imports.presets.list': () => s.presets.list(),
    'imports.presets.save': (input) => s.presets.save(input, now()),
    'imports.presets.remove': (input) => ({ removed: s.presets.remove(input.id) }),
  };
}
