import {
  CarrierRuleWhen,
  WarehouseRuleWhen,
  type CarrierRule,
  type WarehouseRule,
} from '../../shared/contract/fulfil.js';
import { carrierInfo } from '../../shared/domain/carriers.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { by, type Who } from './who.js';

const DEFAULT_CARRIER_KEY = 'fulfil.default_carrier';

interface RuleDbRow {
  id: number;
  position: number;
  name: string;
  enabled: number;
  conditions: string;
}

type WarehouseRuleSave = Omit<WarehouseRule, 'id' | 'position'>;
type CarrierRuleSave = Omit<CarrierRule, 'id' | 'position'>;

/** A carrier code ShopDesk knows, or a clear error naming where it was found. */
export function knownCarrier(code: string, field: string): string {
  const c = carrierInfo(code);
  if (!c) throw new AppError('invalid_input', `${field}: ShopDesk has no carrier "${code}"`, { field, value: code });
  return c.code;
}

/**
 * Warehouse and carrier rules: ordered lists the seller edits as a whole (a drag reorders, then the list is saved),
 * each save one event with the list as it now stands; and the default carrier for orders no rule matches.
 */
export class FulfilRules {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
  ) {}

  warehouseRules(): WarehouseRule[] {
    const rows = this.db.prepare('SELECT id, position, name, enabled, conditions, warehouse_id FROM warehouse_rules ORDER BY position, id').all() as (RuleDbRow & {
      warehouse_id: number;
    })[];
    return rows.map((r) => ({ id: r.id, position: r.position, name: r.name, enabled: r.enabled === 1, when: WarehouseRuleWhen.parse(JSON.parse(r.conditions)), warehouseId: r.warehouse_id }));
  }

  carrierRules(): CarrierRule[] {
    const rows = this.db.prepare('SELECT id, position, name, enabled, conditions, carrier FROM carrier_rules ORDER BY position, id').all() as (RuleDbRow & { carrier: string })[];
    return rows.map((r) => ({ id: r.id, position: r.position, name: r.name, enabled: r.enabled === 1, when: CarrierRuleWhen.parse(JSON.parse(r.conditions)), carrier: r.carrier }));
  }

  defaultCarrier(): string | null {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(DEFAULT_CARRIER_KEY) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as string | null) : null;
  }

  saveWarehouseRules(rules: readonly WarehouseRuleSave[], who: Who, now = Date.now()): WarehouseRule[] {
    return this.db.transaction(() => {
      rules.forEach((r, i) => {
        const w = this.db.prepare('SELECT active FROM warehouses WHERE id = ?').get(r.warehouseId) as { active: number } | undefined;
        if (!w) throw new AppError('invalid_input', `rules.${i}.warehouseId: warehouse ${r.warehouseId} does not exist (rule "${r.name}")`, { field: `rules.${i}.warehouseId`, value: r.warehouseId });
        this.checkShops(r.when.shopIds, `rules.${i}.when.shopIds`);
      });
      const before = this.warehouseRules();
      this.db.prepare('DELETE FROM warehouse_rules').run();
      const ins = this.db.prepare('INSERT INTO warehouse_rules (position, name, enabled, conditions, warehouse_id, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
      rules.forEach((r, i) => ins.run(i, r.name, r.enabled ? 1 : 0, JSON.stringify(r.when), r.warehouseId, now, who.actor));
      const after = this.warehouseRules();
      this.log.record({ at: now, ...by(who), entity: 'warehouse_rules', entityId: null, action: 'saved', data: { before: strip(before), after: strip(after) } });
      return after;
    })();
  }

  saveCarrierRules(rules: readonly CarrierRuleSave[], defaultCarrier: string | null, who: Who, now = Date.now()): { rules: CarrierRule[]; defaultCarrier: string | null } {
    return this.db.transaction(() => {
      const checked = rules.map((r, i) => {
        this.checkShops(r.when.shopIds, `rules.${i}.when.shopIds`);
        for (const id of r.when.warehouseIds ?? []) {
          if (!this.db.prepare('SELECT 1 FROM warehouses WHERE id = ?').get(id)) {
            throw new AppError('invalid_input', `rules.${i}.when.warehouseIds: warehouse ${id} does not exist (rule "${r.name}")`, { field: `rules.${i}.when.warehouseIds`, value: id });
          }
        }
        return { ...r, carrier: knownCarrier(r.carrier, `rules.${i}.carrier`) };
      });
      const dflt = defaultCarrier === null ? null : knownCarrier(defaultCarrier, 'defaultCarrier');
      const before = { rules: strip(this.carrierRules()), defaultCarrier: this.defaultCarrier() };
      this.db.prepare('DELETE FROM carrier_rules').run();
      const ins = this.db.prepare('INSERT INTO carrier_rules (position, name, enabled, conditions, carrier, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
      checked.forEach((r, i) => ins.run(i, r.name, r.enabled ? 1 : 0, JSON.stringify(r.when), r.carrier, now, who.actor));
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(DEFAULT_CARRIER_KEY, JSON.stringify(dflt));
      const after = { rules: this.carrierRules(), defaultCarrier: dflt };
      this.log.record({ at: now, ...by(who), entity: 'carrier_rules', entityId: null, action: 'saved', data: { before, after: { rules: strip(after.rules), defaultCarrier: dflt } } });
      return after;
    })();
  }

  private checkShops(ids: readonly number[] | undefined, field: string): void {
    for (const id of ids ?? []) {
      if (!this.db.prepare('SELECT 1 FROM shops WHERE id = ?').get(id)) throw new AppError('invalid_input', `${field}: shop ${id} does not exist`, { field, value: id });
    }
  }
}

/** Rules as the event keeps them: without ids, which a save renumbers. */
function strip<T extends { id: number }>(rules: readonly T[]): Omit<T, 'id'>[] {
  return rules.map(({ id: _id, ...rest }) => rest);
}
