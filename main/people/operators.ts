import type { OperatorInfo, Role } from '../../shared/domain/people.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';
import { hashPin } from './pin.js';

export interface OperatorRecord {
  id: number;
  name: string;
  role: Role;
  pin_hash: string | null;
  active: number;
  last_seen_at: number | null;
}

export function toInfo(r: OperatorRecord): OperatorInfo {
  return { id: r.id, name: r.name, role: r.role, hasPin: r.pin_hash !== null, active: r.active === 1, lastSeenAt: r.last_seen_at };
}

const COLUMNS = 'id, name, role, pin_hash, active, last_seen_at';

/** Operator profiles: local people (no accounts, no passwords), each with a role and an optional PIN. */
export class OperatorStore {
  constructor(private readonly db: DB) {}

  get(id: number): OperatorRecord | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM operators WHERE id = ?`).get(id) as OperatorRecord | undefined;
  }

  require(id: number): OperatorRecord {
    const r = this.get(id);
    if (!r) throw new AppError('not_found', `operator ${id} does not exist`, { id });
    return r;
  }

  list(): OperatorRecord[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM operators ORDER BY role = 'owner' DESC, name`).all() as OperatorRecord[];
  }

  owner(): OperatorRecord | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM operators WHERE role = 'owner' AND active = 1 ORDER BY id LIMIT 1`).get() as OperatorRecord | undefined;
  }

  create(name: string, role: Role, pin: string | undefined, now = Date.now()): OperatorRecord {
    if (this.db.prepare('SELECT 1 FROM operators WHERE name = ?').get(name)) {
      throw new AppError('conflict', `an operator named "${name}" already exists`, { field: 'name', name });
    }
    const id = Number(
      this.db.prepare('INSERT INTO operators (name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, role, pin ? hashPin(pin) : null, now, now)
        .lastInsertRowid,
    );
    return this.require(id);
  }

  update(id: number, change: { name?: string; role?: Role; pin?: string | null; active?: boolean }, now = Date.now()): OperatorRecord {
    const cur = this.require(id);
    if (cur.role === 'owner' && ((change.role && change.role !== 'owner') || change.active === false)) {
      throw new AppError('conflict', 'the owner cannot be demoted or deactivated', { id });
    }
    if (change.name && change.name.toLowerCase() !== cur.name.toLowerCase() && this.db.prepare('SELECT 1 FROM operators WHERE name = ?').get(change.name)) {
      throw new AppError('conflict', `an operator named "${change.name}" already exists`, { field: 'name', name: change.name });
    }
    this.db
      .prepare('UPDATE operators SET name = ?, role = ?, pin_hash = ?, active = ?, updated_at = ? WHERE id = ?')
      .run(
        change.name ?? cur.name,
        change.role ?? cur.role,
        change.pin === undefined ? cur.pin_hash : change.pin === null ? null : hashPin(change.pin),
        change.active === undefined ? cur.active : change.active ? 1 : 0,
        now,
        id,
      );
    return this.require(id);
  }

  touch(id: number, now = Date.now()): void {
    this.db.prepare('UPDATE operators SET last_seen_at = ? WHERE id = ?').run(now, id);
  }
}
