import type { ActingUser, DataScope } from '../../domain/org/acting-user.js';
import type { IdentityKind } from '../../domain/org/directory.js';
import type { PlatformName } from '../../domain/platform-name.js';
import type { AppDeps } from '../deps.js';

type OrgDeps = Pick<AppDeps, 'org'>;

/**
 * The org lookups behind an H5 session: who a login names, and who a live session belongs to. The
 * user is read afresh on each request, so a deactivation or a role change applies at once.
 */
export async function sessionUser(deps: OrgDeps, userId: number): Promise<{ user: ActingUser; scope: DataScope } | undefined> {
  const user = await deps.org.getUser(userId);
  if (!user || !user.active) return undefined;
  return { user, scope: await deps.org.dataScopeOf(user) };
}

/** The org user a platform's login names by its ids (open_id, union_id, employee number...), if any. */
export function loginUserByIdentity(deps: OrgDeps, platform: PlatformName, ids: { kind: IdentityKind; value: string }[]): Promise<ActingUser | undefined> {
  return deps.org.findUserByIdentity(platform, ids);
}

/** The dev picker's login (sandbox only): a user by employee number. */
export function loginUserByEmployeeNo(deps: OrgDeps, employeeNo: string): Promise<ActingUser | undefined> {
  return deps.org.getUserByEmployeeNo(employeeNo);
}

/** Everyone the dev picker offers: the active users. */
export function devLoginUsers(deps: OrgDeps): Promise<ActingUser[]> {
  return deps.org.listUsers({ activeOnly: true });
}
