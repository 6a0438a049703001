import { execute, getOperationAST, GraphQLError, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { SimClock, startSim, type RunningSim, type SimRequest, type SimResponse } from '../base.js';
import { LeakyBucket, operationCost } from './cost.js';
import { fulfillmentCreate } from './fulfillment.js';
import { shopifySchema } from './schema.js';
import { parseOrderSearch, type SearchWarning } from './search.js';
import { SimStore, type OrderSpec, type SimOrder, type SimTracking } from './store.js';
import { fulfillmentOrderView, ORDER_SORT, orderView, ordersOf, paginate, parseGid, type PageArgs } from './views.js';

/**
 * A Shopify shop on 127.0.0.1: POST /admin/api/{YYYY-MM}/graphql.json with X-Shopify-Access-Token, a real
 * GraphQL executor over the subset schema, the calculated-cost leaky bucket (THROTTLED at HTTP 200), the
 * single-query cost ceiling, and controls for tests (5xx storms, edits between pages, planted bad payloads).
 */
export interface ShopifySimOptions {
  token?: string;
  /** Bucket size in points (Shopify Standard plan: 2000 at 100/s; the older tier was 1000 at 50/s). */
  bucketSize?: number;
  restoreRate?: number;
  /** Single-query ceiling; Shopify refuses a query whose requested cost is above it (MAX_COST_EXCEEDED). */
  maxQueryCost?: number;
  clock?: SimClock;
}

export interface OrdersPageEvent {
  /** How many orders pages the sim has served so far, this one included. */
  served: number;
  ids: number[];
  hasNextPage: boolean;
}

export interface ThrottleEvent {
  at: number;
  requested: number;
  available: number;
  restoreRate: number;
}

export interface GraphqlCall {
  operationName: string | null;
  operation: 'query' | 'mutation' | 'subscription';
  variables: Record<string, unknown>;
  requestedCost: number;
  actualCost: number | null;
  throttled: boolean;
  version: string;
}

export interface ShopifySim extends RunningSim {
  store: SimStore;
  bucket: LeakyBucket;
  /** Every GraphQL request the sim parsed, in order (the HTTP log is `log`). */
  calls: GraphqlCall[];
  throttles: ThrottleEvent[];
  setToken(token: string): void;
  /** The next n requests answer this HTTP status before doing anything. */
  failNext(n: number, status?: number): void;
  /** The next n mutations are applied, then answered with this status (a lost response). */
  failAfterApply(n: number, status?: number): void;
  /** Called after each orders page is built, before the client can ask for the next one. */
  onOrdersPage(hook: ((e: OrdersPageEvent) => void) | null): void;
  /** Called before a GraphQL operation runs (after auth and throttling). */
  onOperation(hook: ((name: string | null, variables: Record<string, unknown>) => void) | null): void;
  addOrder(spec?: OrderSpec): SimOrder;
  /** Edits an order; updatedAt moves to the sim clock unless bump is false (for planting a malformed payload). */
  updateOrder(id: number, edit: (o: SimOrder) => void, opts?: { bump?: boolean }): SimOrder;
  fulfillEverything(id: number, tracking: SimTracking): void;
}

const PATH = /^\/admin\/api\/(\d{4}-(?:0[1-9]|1[0-2])|unstable)\/graphql\.json$/;
const AUTH_FAILED = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

interface Ctx {
  searches: { path: string[]; query: string; warnings: SearchWarning[] }[];
  pages: OrdersPageEvent[];
}

export async function startShopifySim(opts: ShopifySimOptions = {}): Promise<ShopifySim> {
  const clock = opts.clock ?? new SimClock();
  const store = new SimStore(clock);
  const bucket = new LeakyBucket(opts.bucketSize ?? 2000, opts.restoreRate ?? 100, clock);
  const maxQueryCost = opts.maxQueryCost ?? 1000;
  let token = opts.token ?? 'shpat_test_token';
  let failing: { n: number; status: number } = { n: 0, status: 503 };
  let failingAfter: { n: number; status: number } = { n: 0, status: 502 };
  let pageHook: ((e: OrdersPageEvent) => void) | null = null;
  let opHook: ((name: string | null, v: Record<string, unknown>) => void) | null = null;
  let pagesServed = 0;
  const calls: GraphqlCall[] = [];
  const throttles: ThrottleEvent[] = [];

  const rootValue = {
    orders: (args: PageArgs & { sortKey?: string; query?: string | null }, ctx: Ctx) => {
      const keyOf = ORDER_SORT[args.sortKey ?? 'ID'];
      if (!keyOf) throw new GraphQLError(`simulator: sortKey ${args.sortKey} is not implemented`);
      const search = parseOrderSearch(args.query);
      if (args.query) ctx.searches.push({ path: ['orders'], query: args.query, warnings: search.warnings });
      const conn = paginate(ordersOf(store).filter(search.match), keyOf, args, orderView);
      ctx.pages.push({ served: ++pagesServed, ids: conn.page.map((o) => o.id), hasNextPage: conn.pageInfo.hasNextPage });
      return conn;
    },
    order: (args: { id: string }) => {
      const id = parseGid(args.id, 'Order');
      const o = id === null ? undefined : store.get(id);
      return o ? orderView(o) : null;
    },
    fulfillmentOrder: (args: { id: string }) => {
      const id = parseGid(args.id, 'FulfillmentOrder');
      const found = id === null ? undefined : store.findFulfillmentOrder(id);
      return found ? fulfillmentOrderView(found.fo, found.order) : null;
    },
    fulfillmentCreate: (args: { fulfillment: Parameters<typeof fulfillmentCreate>[1] }) => fulfillmentCreate(store, args.fulfillment),
  };

  const costExtension = (requested: number, actual: number | null) => ({ requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() });

  async function handle(req: SimRequest): Promise<SimResponse> {
    const m = PATH.exec(req.url.pathname);
    if (!m) return { status: 404, body: 'Not Found' };
    if (req.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    if (req.headers['x-shopify-access-token'] !== token) return { status: 401, body: AUTH_FAILED };
    if (failing.n > 0) {
      failing.n--;
      return failing.status === 500 ? { status: 500, body: { errors: 'Internal Server Error' } } : { status: failing.status, body: 'Service Unavailable' };
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(req.body) as typeof body;
    } catch {
      return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
    }
    if (typeof body.query !== 'string') return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
    const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>;
    const operationName = typeof body.operationName === 'string' ? body.operationName : null;

    let doc: DocumentNode;
    try {
      doc = parse(body.query);
    } catch (e) {
      return { status: 200, body: { errors: [(e as GraphQLError).toJSON()], extensions: { cost: costExtension(0, 0) } } };
    }
    const invalid = validate(shopifySchema, doc);
    if (invalid.length) return { status: 200, body: { errors: invalid.map((e) => e.toJSON()), extensions: { cost: costExtension(0, 0) } } };
    const op = getOperationAST(doc, operationName);
    if (!op) return { status: 200, body: { errors: [{ message: 'Could not determine which operation to run.' }] } };
    const fragments = Object.fromEntries(
      doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const cost = operationCost(shopifySchema, op, fragments, variables);
    const call: GraphqlCall = { operationName: op.name?.value ?? null, operation: op.operation, variables, requestedCost: cost.requested, actualCost: null, throttled: false, version: m[1]! };
    calls.push(call);

    if (cost.requested > maxQueryCost) {
      const message = `Query cost is ${cost.requested}, which exceeds the single query max cost limit (${maxQueryCost}).`;
      return { status: 200, body: { errors: [{ message, extensions: { code: 'MAX_COST_EXCEEDED', cost: cost.requested, maxCost: maxQueryCost } }], extensions: { cost: costExtension(cost.requested, null) } } };
    }
    if (!bucket.admits(cost.requested)) {
      const status = bucket.status();
      call.throttled = true;
      throttles.push({ at: clock.now(), requested: cost.requested, available: status.currentlyAvailable, restoreRate: status.restoreRate });
      // Throttling is a GraphQL error at HTTP 200, not a 429.
      return { status: 200, body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }], extensions: { cost: costExtension(cost.requested, null) } } };
    }
    opHook?.(call.operationName, variables);

    const ctx: Ctx = { searches: [], pages: [] };
    const result = await execute({ schema: shopifySchema, document: doc, rootValue, contextValue: ctx, variableValues: variables, operationName });
    const actualCost = cost.actual(result.data ?? null);
    bucket.spend(actualCost);
    call.actualCost = actualCost;
    // Hooks run after this page is built: an edit lands between this page and the client's next request.
    for (const page of ctx.pages) pageHook?.(page);

    if (op.operation === 'mutation' && failingAfter.n > 0) {
      failingAfter.n--;
      return { status: failingAfter.status, body: 'Bad Gateway' };
    }
    const extensions: Record<string, unknown> = { cost: costExtension(cost.requested, actualCost) };
    const warned = ctx.searches.filter((s) => s.warnings.length);
    if (warned.length) extensions.search = warned;
    return { status: 200, body: { ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}), data: result.data ?? null, extensions } };
  }

  const running = await startSim(handle, clock);
  return {
    ...running,
    store,
    bucket,
    calls,
    throttles,
    setToken: (t) => (token = t),
    failNext: (n, status = 503) => (failing = { n, status }),
    failAfterApply: (n, status = 502) => (failingAfter = { n, status }),
    onOrdersPage: (hook) => (pageHook = hook),
    onOperation: (hook) => (opHook = hook),
    addOrder: (spec) => store.addOrder(spec),
    updateOrder: (id, edit, o) => store.update(id, edit, o),
    fulfillEverything: (id, tracking) => void store.fulfillEverything(id, tracking),
  };
}
