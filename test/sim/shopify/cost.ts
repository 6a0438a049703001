import {
  getNamedType,
  GraphQLInt,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { SimClock } from '../base.js';

/**
 * Shopify's calculated query cost, crudely: scalars and enums 0, an object 1, a connection 2 + first × (cost of
 * one node or edge), a list with `first` that many times its element, a mutation 10. The requested cost (from the
 * arguments) must fit in the bucket before a query runs; the actual cost (from what came back) is what it takes.
 */
interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Fields of a selection, fragments flattened (the subset schema has no abstract types, so no type conditions). */
function fieldsOf(sel: SelectionSetNode | undefined, w: Walk): FieldNode[] {
  if (!sel) return [];
  return sel.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s];
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(s.selectionSet, w);
    const frag = w.fragments[s.name.value];
    return frag ? fieldsOf(frag.selectionSet, w) : [];
  });
}

function intArg(field: FieldNode, name: string, w: Walk): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const v = valueFromAST(arg.value, GraphQLInt, w.variables);
  return typeof v === 'number' ? v : undefined;
}

const isConnection = (t: GraphQLObjectType) => t.name.endsWith('Connection');

/** Requested cost of a selection on an object type (the object itself not counted). */
function requested(sel: SelectionSetNode | undefined, parent: GraphQLObjectType, w: Walk, perItem = 1): number {
  let sum = 0;
  for (const f of fieldsOf(sel, w)) {
    const def = parent.getFields()[f.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named) || !isObjectType(named)) continue;
    const inner = () => 1 + requested(f.selectionSet, named, w);
    if (isConnection(named)) {
      const n = intArg(f, 'first', w) ?? intArg(f, 'last', w) ?? 0;
      // nodes / edges inside a connection are per item: n of them.
      sum += 2 + requested(f.selectionSet, named, w, n);
    } else if (isListType(isNonNullType(def.type) ? def.type.ofType : def.type)) {
      sum += (intArg(f, 'first', w) ?? perItem) * inner();
    } else {
      sum += inner();
    }
  }
  return sum;
}

/** Actual cost: the same walk over what the query returned. */
function actual(sel: SelectionSetNode | undefined, parent: GraphQLObjectType, data: unknown, w: Walk): number {
  if (data === null || typeof data !== 'object') return 0;
  let sum = 0;
  for (const f of fieldsOf(sel, w)) {
    const def = parent.getFields()[f.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named) || !isObjectType(named)) continue;
    const value = (data as Record<string, unknown>)[f.alias?.value ?? f.name.value];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      sum += value.reduce((n: number, item) => n + (item === null ? 0 : 1 + actual(f.selectionSet, named, item, w)), 0);
    } else {
      sum += (isConnection(named) ? 2 : 1) + actual(f.selectionSet, named, value, w);
    }
  }
  return sum;
}

export interface OperationCost {
  requested: number;
  actual: (data: unknown) => number;
}

export function operationCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationCost {
  const w: Walk = { schema, fragments, variables };
  if (op.operation === 'mutation') {
    const n = fieldsOf(op.selectionSet, w).length;
    return { requested: 10 * n, actual: () => 10 * n };
  }
  const root = schema.getQueryType()!;
  return { requested: requested(op.selectionSet, root, w), actual: (data) => actual(op.selectionSet, root, data, w) };
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** The per app+shop leaky bucket, refilled by the simulator's clock (never the wall clock). */
export class LeakyBucket {
  private available: number;
  private at: number;

  constructor(
    readonly size: number,
    readonly restoreRate: number,
    private readonly clock: SimClock,
  ) {
    this.available = size;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.available = Math.min(this.size, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }

  /** Whether a query of this requested cost may run now. */
  admits(requestedCost: number): boolean {
    this.refill();
    return requestedCost <= this.available;
  }

  spend(cost: number): void {
    this.refill();
    this.available = Math.max(0, this.available - cost);
  }

  /** Empties the bucket (a test's way to start throttled). */
  drain(to = 0): void {
    this.refill();
    this.available = to;
  }

  status(): ThrottleStatus {
    this.refill();
    // Shopify reports whole points; rounding down keeps a client's computed wait on the safe side.
    return { maximumAvailable: this.size, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
