import type { Permission } from '../../shared/domain/people.js';
import type { Sessions } from '../people/sessions.js';
import type { ClaimPurpose, ClaimStore } from '../stations/claims.js';
import type { Handlers } from '../transport/dispatch.js';
import type { OrderQueries } from './queries.js';

const PURPOSE_PERMISSION: Record<ClaimPurpose, Permission> = { print: 'print.labels', pack: 'pack.verify', ship: 'pack.verify' };

export function ordersHandlers(
  q: OrderQueries,
  claims: ClaimStore,
  sessions: Sessions,
): Pick<Handlers, 'orders.list' | 'orders.counts' | 'orders.get' | 'orders.claim' | 'orders.release'> {
  return {
    'orders.list': (input) => q.list(input),
    'orders.counts': (input) => q.counts(input),
    'orders.get': (input) => q.get(input.id),
    'orders.claim': (input, ctx) => {
      sessions.authorize(PURPOSE_PERMISSION[input.purpose], ctx.session);
      return claims.claim(input.id, input.purpose, ctx.session);
    },
    'orders.release': (input, ctx) => {
      claims.release(input.id, ctx.session);
      return { released: true };
    },
  };
}
