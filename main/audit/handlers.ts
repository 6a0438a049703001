import type { DecideResult } from '../../shared/contract/index.js';
import type { Handlers } from '../transport/dispatch.js';
import { explainOrder } from './explain.js';
import { auditKpi } from './kpi.js';
import type { AuditService } from './service.js';

type AuditChannel =
  | 'audit.review.list'
  | 'audit.explain'
  | 'audit.decide'
  | 'audit.release'
  | 'audit.run'
  | 'audit.rules.list'
  | 'audit.rules.save'
  | 'audit.rules.remove'
  | 'audit.rules.move'
  | 'audit.checks.list'
  | 'audit.checks.save'
  | 'audit.blacklist.list'
  | 'audit.blacklist.add'
  | 'audit.blacklist.remove'
  | 'audit.kpi';

export function auditHandlers(a: AuditService): Pick<Handlers, AuditChannel> {
  const { db, events, now } = a.d;
  const decided = (r: DecideResult) => {
    const ids = r.results.filter((x) => x.ok).map((x) => x.orderId);
    if (ids.length) {
      events.emit('orders.changed', { ids });
      events.emit('audit.changed', {});
    }
    return ids;
  };
  return {
    'audit.review.list': (input) => a.review.list(input),
    'audit.explain': (input) => explainOrder(db, input.orderId),
    'audit.decide': (input, ctx) => {
      const r = a.decisions.decide(input, ctx.session, now());
      decided(r);
      return r;
    },
    'audit.release': (input, ctx) => {
      const r = a.decisions.release(input.orderIds, input.note, ctx.session, now());
      const ids = decided(r);
      if (ids.length) {
        a.engine.runNow(ids);
        // The queue each order is in after its re-audit.
        const queue = db.prepare('SELECT queue FROM orders WHERE id = ?').pluck();
        for (const x of r.results) if (x.ok) x.queue = queue.get(x.orderId) as string;
      }
      return r;
    },
    'audit.run': () => a.runAll(),
    'audit.rules.list': () => a.rulesView(),
    'audit.rules.save': (input, ctx) => {
      a.engine.rules.save(input.id, input.rule, a.who(ctx.session), now());
      a.changed();
      return a.rulesView();
    },
    'audit.rules.remove': (input, ctx) => {
      a.engine.rules.remove(input.id, a.who(ctx.session), now());
      a.changed();
      return a.rulesView();
    },
    'audit.rules.move': (input, ctx) => {
      a.engine.rules.move(input.id, input.position, a.who(ctx.session), now());
      a.changed();
      return a.rulesView();
    },
    'audit.checks.list': () => ({ checks: a.engine.settings.list() }),
    'audit.checks.save': (input, ctx) => {
      const checks = a.engine.settings.save(input, a.who(ctx.session), now());
      a.changed();
      return { checks };
    },
    'audit.blacklist.list': () => ({ entries: a.blacklist.list() }),
    'audit.blacklist.add': (input, ctx) => ({ entries: a.blacklistAdd(input.kind, input.value, input.note, ctx.session) }),
    'audit.blacklist.remove': (input, ctx) => ({ entries: a.blacklistRemove(input.id, ctx.session) }),
    'audit.kpi': (input) => auditKpi(db, a.engine.rules.list(), input, now()),
  };
}
