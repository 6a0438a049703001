import { ROLES, type Role } from '../../../../../shared/domain/people.js';

/** Roles the owner can give: there is exactly one owner, created at first run, never made or unmade here. */
export type StaffRole = Exclude<Role, 'owner'>;
export const STAFF_ROLES: readonly StaffRole[] = ROLES.filter((r): r is StaffRole => r !== 'owner');

export function isStaffRole(r: Role): r is StaffRole {
  return r !== 'owner';
}
