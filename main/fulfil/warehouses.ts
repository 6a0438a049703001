import type { Warehouse } from '../../shared/contract/fulfil.js';
import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { DB } from '../store/db.js';
import { by, type Who } from './who.js';

interface WarehouseDbRow {
  id: number;
  code: string;
  name: string;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  priority: number;
  active: number;
  created_at: number;
}

const toWarehouse = (r: WarehouseDbRow): Warehouse => ({
  id: r.id,
  code: r.code,
  name: r.name,
  province: r.province,
  city: r.city,
  district: r.district,
  address: r.address,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  priority: r.priority,
  active: r.active === 1,
  createdAt: r.created_at,
});

export type WarehouseSave = Omit<Warehouse, 'id' | 'createdAt' | 'province' | 'city' | 'district' | 'address' | 'contactName' | 'contactPhone'> & {
  id?: number;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
};

const FIELDS = ['code', 'name', 'province', 'city', 'district', 'address', 'contactName', 'contactPhone', 'priority', 'active'] as const;

/**
 * Warehouses: where stock is and where parcels leave from (the sender on an e-waybill). Never deleted — stock,
 * reservations and shipped orders point at them — only made inactive, which takes them out of allocation.
 */
export class WarehouseStore {
  constructor(
    private readonly db: DB,
    private readonly log: EventLog,
  ) {}

  list(): Warehouse[] {
    return (this.db.prepare('SELECT * FROM warehouses ORDER BY active DESC, priority DESC, id').all() as WarehouseDbRow[]).map(toWarehouse);
  }

  get(id: number): Warehouse {
    const r = this.db.prepare('SELECT * FROM warehouses WHERE id = ?').get(id) as WarehouseDbRow | undefined;
    if (!r) throw new AppError('not_found', `warehouse ${id} does not exist`, { warehouseId: id });
    return toWarehouse(r);
  }

  save(input: WarehouseSave, who: Who, now = Date.now()): Warehouse {
    return this.db.transaction(() => {
      const clash = this.db.prepare('SELECT id, name FROM warehouses WHERE code = ? AND id IS NOT ?').get(input.code, input.id ?? null) as { id: number; name: string } | undefined;
      if (clash) throw new AppError('conflict', `warehouse code ${input.code} is already used by "${clash.name}"`, { field: 'code', value: input.code, warehouseId: clash.id });
      const v = {
        code: input.code,
        name: input.name,
        province: input.province ?? null,
        city: input.city ?? null,
        district: input.district ?? null,
        address: input.address ?? null,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        priority: input.priority,
        active: input.active,
      };
      const args = [v.code, v.name, v.province, v.city, v.district, v.address, v.contactName, v.contactPhone, v.priority, v.active ? 1 : 0, now];
      if (input.id === undefined) {
        const id = Number(
          this.db
            .prepare(
              `INSERT INTO warehouses (code, name, province, city, district, address, contact_name, contact_phone, priority, active, updated_at, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(...args, now).lastInsertRowid,
        );
        this.log.record({ at: now, ...by(who), entity: 'warehouse', entityId: id, action: 'created', data: v });
        return this.get(id);
      }
      const before = this.get(input.id);
      this.db
        .prepare(
          `UPDATE warehouses SET code = ?, name = ?, province = ?, city = ?, district = ?, address = ?, contact_name = ?, contact_phone = ?,
             priority = ?, active = ?, updated_at = ? WHERE id = ?`,
        )
        .run(...args, input.id);
      const changed = Object.fromEntries(FIELDS.filter((f) => before[f] !== v[f]).map((f) => [f, { from: before[f], to: v[f] }]));
      if (Object.keys(changed).length) this.log.record({ at: now, ...by(who), entity: 'warehouse', entityId: input.id, action: 'updated', data: changed });
      return this.get(input.id);
    })();
  }
}
