import type { Handlers } from '../transport/dispatch.js';
import type { OrderQueries } from './queries.js';

export function ordersHandlers(q: OrderQueries): Pick<Handlers, 'orders.list' | 'orders.counts' | 'orders.get'> {
  return {
    'orders.list': (input) => q.list(input),
    'orders.counts': (input) => q.counts(input),
    'orders.get': (input) => q.get(input.id),
  };
}
