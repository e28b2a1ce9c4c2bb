import type { Locale } from '../locale.js';
import type { Role } from './roles.js';

/** The person behind a command or an HTTP call, as the domain sees them. */
export interface ActingUser {
  id: number;
  employeeNo: string;
  name: string;
  roles: Role[];
  departmentId: number | null;
  locale: Locale;
  active: boolean;
}

/** Which users' records someone may see: their own, their team's (managers) or everyone's. */
export type DataScope = { kind: 'all' } | { kind: 'users'; userIds: ReadonlySet<number> };

export function canSeeUser(scope: DataScope, userId: number): boolean {
  return scope.kind === 'all' || scope.userIds.has(userId);
}
