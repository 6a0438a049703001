import type { AdapterContext, AdapterPage, MappingError, TimeWindow } from '../../adapter.js';
import type { NormalizedOrder } from '../../../orders/model.js';
import { PlatformError } from '../../platform-error.js';
import type { ShopifyClient } from './client.js';
import { mapOrder, mappingError } from './mapping.js';
import { LINES_PAGE, MORE_LINES_PAGE, ORDER_MORE_LINES, ORDERS_PAGE, ORDERS_UPDATED } from './queries.js';

/**
 * Incremental listing: orders whose updated_at falls in the window, sorted by UPDATED_AT ascending, paged with
 * Shopify's keyset cursors. An order edited while we page moves to a later updated_at — out of this window, into
 * the next one (which starts overlapMs before this one ends), so it is never lost; the cursor being a key, not an
 * offset, means the orders after it are not shifted either.
 */

/** Shopify's DateTime has whole seconds; send the same, widening the window outward so none of it is left out. */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `updated_at:>='…' AND updated_at:<'…'`: quoted values, since a time stamp's colons are search syntax too. */
export function updatedAtQuery(window: TimeWindow): string {
  const from = Math.floor(window.from / 1000) * 1000;
  const to = Math.ceil(window.to / 1000) * 1000;
  return `updated_at:>='${isoSeconds(from)}' AND updated_at:<'${isoSeconds(to)}'`;
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function connection(value: unknown, what: string): { nodes: unknown[]; pageInfo: PageInfo } {
  if (isObject(value) && Array.isArray(value.nodes) && isObject(value.pageInfo) && typeof value.pageInfo.hasNextPage === 'boolean') {
    const endCursor = typeof value.pageInfo.endCursor === 'string' ? value.pageInfo.endCursor : null;
    return { nodes: value.nodes, pageInfo: { hasNextPage: value.pageInfo.hasNextPage, endCursor } };
  }
  // Not Shopify's shape at all: a broken gateway or a truncated body. Retrying is the only sensible move.
  throw new PlatformError('server', `Shopify answered ${what} in an unexpected shape`);
}

function updatedAtOf(node: unknown): number | null {
  if (!isObject(node) || typeof node.updatedAt !== 'string') return null;
  const ms = Date.parse(node.updatedAt);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Reads the lines past the first page (an order with more than LINES_PAGE lines) and returns the node with all of
 * them, so the mapped order and its raw payload are whole; or why they cannot be read.
 */
async function completeLines(client: ShopifyClient, ctx: AdapterContext, node: unknown): Promise<{ node: unknown } | { missing: string }> {
  // A node without lines or id is left for the mapping to reject, naming the field.
  if (!isObject(node) || !isObject(node.lineItems) || typeof node.id !== 'string') return { node };
  const first = connection(node.lineItems, 'an order’s lineItems');
  const nodes = [...first.nodes];
  let page = first.pageInfo;
  while (page.hasNextPage) {
    if (!page.endCursor) throw new PlatformError('server', `Shopify said order ${node.id} has more lines but gave no cursor`);
    const data = await client.request(ctx, { name: 'OrderMoreLines', query: ORDER_MORE_LINES, variables: { id: node.id, first: MORE_LINES_PAGE, after: page.endCursor } });
    if (!isObject(data.order)) return { missing: `lineItems past the first ${nodes.length} could not be read: the order vanished meanwhile` };
    const more = connection(data.order.lineItems, 'OrderMoreLines');
    nodes.push(...more.nodes);
    page = more.pageInfo;
  }
  return { node: { ...node, lineItems: { pageInfo: { hasNextPage: false, endCursor: page.endCursor }, nodes } } };
}

export async function* listUpdatedOrders(client: ShopifyClient, window: TimeWindow, ctx: AdapterContext): AsyncGenerator<AdapterPage> {
  const q = updatedAtQuery(window);
  let after: string | null = null;
  let seenMax = -Infinity;
  for (;;) {
    const data = await client.request(ctx, { name: 'OrdersUpdated', query: ORDERS_UPDATED, variables: { q, first: ORDERS_PAGE, after, linesFirst: LINES_PAGE } });
    const page = connection(data.orders, 'OrdersUpdated');
    const orders: NormalizedOrder[] = [];
    const errors: MappingError[] = [];
    let max = -Infinity;
    let ascending = true;
    for (const node of page.nodes) {
      const t = updatedAtOf(node);
      if (t !== null) {
        if (t < Math.max(max, seenMax)) ascending = false;
        max = Math.max(max, t);
      }
      const whole = await completeLines(client, ctx, node);
      if ('missing' in whole) {
        errors.push(mappingError(node, whole.missing));
        continue;
      }
      const r = mapOrder(whole.node, ctx.shop.shopId);
      if ('order' in r) orders.push(r.order);
      else errors.push(r.error);
    }
    // The watermark promise ("everything updated before this has been returned") holds only if Shopify really
    // sorted ascending; if not, say nothing and let the engine advance at the end of the window.
    if (!ascending) ctx.note('Shopify returned orders out of updatedAt order; holding the sync cursor until the window ends');
    yield { orders, errors, ...(ascending && max > -Infinity ? { watermark: max } : {}) };
    seenMax = Math.max(seenMax, max);
    if (!page.pageInfo.hasNextPage) return;
    if (!page.pageInfo.endCursor) throw new PlatformError('server', 'Shopify said there are more orders but gave no cursor');
    after = page.pageInfo.endCursor;
  }
}
