import { OWNER_ONLY, PERMISSIONS, ROLES, type Permission, type Role } from '../../shared/domain/people.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';

/** What each role may do; the owner may do everything, always. */
export class RolePermissions {
  constructor(private readonly db: DB) {}

  of(role: Role): Permission[] {
    if (role === 'owner') return [...PERMISSIONS];
    const rows = this.db.prepare('SELECT permission FROM role_permissions WHERE role = ?').all(role) as { permission: Permission }[];
    const granted = new Set(rows.map((r) => r.permission));
    return PERMISSIONS.filter((p) => granted.has(p));
  }

  all(): Record<Role, Permission[]> {
    return Object.fromEntries(ROLES.map((r) => [r, this.of(r)])) as Record<Role, Permission[]>;
  }

  set(role: Exclude<Role, 'owner'>, permissions: readonly Permission[]): Permission[] {
    const ownerOnly = permissions.filter((p) => OWNER_ONLY.includes(p));
    if (ownerOnly.length) {
      throw new AppError('invalid_input', `${ownerOnly.join(', ')} belong to the owner alone and cannot be given to a role`, { field: 'permissions', ownerOnly });
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM role_permissions WHERE role = ?').run(role);
      const ins = this.db.prepare('INSERT INTO role_permissions (role, permission) VALUES (?, ?)');
      for (const p of new Set(permissions)) ins.run(role, p);
    })();
    return this.of(role);
  }
}
