import type { CarrierRule, CarrierRuleWhen, WarehouseRule, WarehouseRuleWhen } from '../../shared/contract/fulfil.js';
import type { Platform } from '../../shared/domain/ids.js';
import { regionMatcher, type RegionOf } from './region.js';

/** What routing reads of an order. */
export interface RoutedOrder extends RegionOf {
  shopId: number;
  platform: Platform;
  totalMinor: number;
  currency: string;
}

export interface RoutingWarehouse {
  id: number;
  priority: number;
  active: boolean;
}

type Test = (o: RoutedOrder) => boolean;

function compileWhen(w: WarehouseRuleWhen): Test {
  const tests: Test[] = [];
  if (w.regions) tests.push(regionMatcher(w.regions));
  if (w.platforms) {
    const set = new Set<Platform>(w.platforms);
    tests.push((o) => set.has(o.platform));
  }
  if (w.shopIds) {
    const set = new Set(w.shopIds);
    tests.push((o) => set.has(o.shopId));
  }
  return (o) => tests.every((t) => t(o));
}

function compileCarrierWhen(w: CarrierRuleWhen): (o: RoutedOrder, warehouseId: number, weightG: number | null) => boolean {
  const base = compileWhen(w);
  const warehouses = w.warehouseIds ? new Set(w.warehouseIds) : null;
  const within = (v: number, r: { min?: number | undefined; max?: number | undefined }) => (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
  return (o, warehouseId, weightG) => {
    if (!base(o)) return false;
    if (warehouses && !warehouses.has(warehouseId)) return false;
    // An unknown weight cannot be said to be inside a range: the rule does not match (a later rule or the default decides).
    if (w.weightG && (weightG === null || !within(weightG, w.weightG))) return false;
    if (w.amount && (o.currency !== w.amount.currency || !within(o.totalMinor, w.amount))) return false;
    return true;
  };
}

/**
 * Warehouse and carrier choice, compiled once per allocation run from the rules as they stand.
 * Warehouses: the enabled rules that match the order name warehouses to try first (in rule order); every other
 * active warehouse follows, highest priority first. The allocator takes the first that has every line in stock.
 * Carriers: the first enabled rule whose conditions hold wins; else the default carrier; else none.
 */
export class Router {
  private readonly wRules: { test: Test; warehouseId: number }[];
  private readonly cRules: { test: ReturnType<typeof compileCarrierWhen>; carrier: string; id: number }[];
  private readonly byPriority: number[];
  private readonly active: Set<number>;

  constructor(
    warehouseRules: readonly WarehouseRule[],
    warehouses: readonly RoutingWarehouse[],
    carrierRules: readonly CarrierRule[],
    private readonly defaultCarrier: string | null,
  ) {
    this.active = new Set(warehouses.filter((w) => w.active).map((w) => w.id));
    this.wRules = warehouseRules.filter((r) => r.enabled && this.active.has(r.warehouseId)).map((r) => ({ test: compileWhen(r.when), warehouseId: r.warehouseId }));
    this.cRules = carrierRules.filter((r) => r.enabled).map((r) => ({ test: compileCarrierWhen(r.when), carrier: r.carrier, id: r.id }));
    this.byPriority = warehouses
      .filter((w) => w.active)
      .sort((a, b) => b.priority - a.priority || a.id - b.id)
      .map((w) => w.id);
  }

  isActive(warehouseId: number): boolean {
    return this.active.has(warehouseId);
  }

  /** Warehouses to try, best first. */
  warehouseCandidates(o: RoutedOrder): number[] {
    const out: number[] = [];
    for (const r of this.wRules) if (!out.includes(r.warehouseId) && r.test(o)) out.push(r.warehouseId);
    for (const id of this.byPriority) if (!out.includes(id)) out.push(id);
    return out;
  }

  /** The carrier for an order leaving `warehouseId` weighing `weightG` (null: unknown), and the rule that chose it. */
  carrierFor(o: RoutedOrder, warehouseId: number, weightG: number | null): { carrier: string; ruleId: number | null } | null {
    for (const r of this.cRules) if (r.test(o, warehouseId, weightG)) return { carrier: r.carrier, ruleId: r.id };
    return this.defaultCarrier ? { carrier: this.defaultCarrier, ruleId: null } : null;
  }
}
