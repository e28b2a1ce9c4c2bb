import { and, eq, inArray, min, sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { hotQuery, tablesOf } from '../dialect.js';
import type { departments, users } from '../schema/index.js';
import type { ActingUser, DataScope } from '../../domain/org/acting-user.js';
import { collectTeam, resolveManagerId, type OrgDepartment, type OrgUser } from '../../domain/org/hierarchy.js';
import { ROLES, type Role } from '../../domain/org/roles.js';
import type { Locale } from '../../i18n/index.js';
import type { IdentityKind, PlatformName } from '../../platforms/channel.js';

export type UserRow = typeof users.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;

/** An active holder of a role, with what the jobs and seeds need to know of them. */
export interface RoleHolder {
  id: number;
  employeeNo: string;
  name: string;
  joinedOn: string | null;
  departmentId: number | null;
}

// Lists are ordered by id: SQLite's table order, which PostgreSQL does not keep after updates.
export function createOrgRepository(db: Db) {
  const { departments, platformIdentities, userRoles, users } = tablesOf(db);
  const byRoleOrder = (a: Role, b: Role) => ROLES.indexOf(a) - ROLES.indexOf(b);

  // What every inbound event reads to know its sender, prepared once (see hotQuery).
  const hot = {
    roles: hotQuery<{ role: Role }>(db, 'org_roles_of_user', () => db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, sql.placeholder('userId')))),
    user: hotQuery<UserRow>(db, 'org_user_by_id', () => db.select().from(users).where(eq(users.id, sql.placeholder('id')))),
    identity: hotQuery<{ userId: number }>(db, 'org_user_by_identity', () =>
      db
        .select({ userId: platformIdentities.userId })
        .from(platformIdentities)
        .where(and(eq(platformIdentities.platform, sql.placeholder('platform')), eq(platformIdentities.kind, sql.placeholder('kind')), eq(platformIdentities.value, sql.placeholder('value'))))
        .limit(1),
    ),
  };

  async function rolesOf(userId: number): Promise<Role[]> {
    return (await hot.roles.all({ userId })).map((r) => r.role).sort(byRoleOrder);
  }

  function toActingUser(row: UserRow, roles: Role[]): ActingUser {
    return { id: row.id, employeeNo: row.employeeNo, name: row.name, roles, departmentId: row.departmentId, locale: row.locale, active: row.active };
  }

  async function actingUser(row: UserRow | undefined): Promise<ActingUser | undefined> {
    return row ? toActingUser(row, await rolesOf(row.id)) : undefined;
  }

  /** Many users with their roles, in two reads (a round trip per user adds up on PostgreSQL). */
  async function actingUsers(rows: UserRow[]): Promise<ActingUser[]> {
    const roles = new Map<number, Role[]>();
    for (const r of await db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles)) {
      const held = roles.get(r.userId);
      if (held) held.push(r.role);
      else roles.set(r.userId, [r.role]);
    }
    return rows.map((row) => toActingUser(row, (roles.get(row.id) ?? []).sort(byRoleOrder)));
  }

  async function orgSnapshot(): Promise<{ users: OrgUser[]; departmentsById: Map<number, OrgDepartment> }> {
    const deptRows = await db.select().from(departments);
    const userRows = await db.select({ id: users.id, departmentId: users.departmentId, managerId: users.managerId, active: users.active }).from(users);
    return {
      users: userRows,
      departmentsById: new Map(deptRows.map((d) => [d.id, { id: d.id, parentId: d.parentId, leaderUserId: d.leaderUserId }])),
    };
  }

  return asyncRepository(db, {
    async getUser(id: number): Promise<ActingUser | undefined> {
      return actingUser(await hot.user.get({ id }));
    },

    async getUserByEmployeeNo(employeeNo: string): Promise<ActingUser | undefined> {
      return actingUser((await db.select().from(users).where(eq(users.employeeNo, employeeNo)).limit(1))[0]);
    },

    /** The first identity that matches wins; the sandbox knows users by employee number. */
    async findUserByIdentity(platform: PlatformName, ids: { kind: IdentityKind; value: string }[]): Promise<ActingUser | undefined> {
      for (const { kind, value } of ids) {
        if (platform === 'sandbox' && kind === 'employee_no') {
          const user = await this.getUserByEmployeeNo(value);
          if (user) return user;
          continue;
        }
        const hit = await hot.identity.get({ platform, kind, value });
        if (hit) return this.getUser(hit.userId);
      }
      return undefined;
    },

    async identitiesOf(userId: number) {
      return await db.select().from(platformIdentities).where(eq(platformIdentities.userId, userId));
    },

    async listUsers(options: { activeOnly?: boolean } = {}): Promise<ActingUser[]> {
      const rows = options.activeOnly ? await db.select().from(users).where(eq(users.active, true)).orderBy(users.id) : await db.select().from(users).orderBy(users.id);
      return actingUsers(rows);
    },

    /**
     * When the org began: the earliest arrival of a person still active, or null while nobody is.
     * Scheduled periods before it could not have been missed by this install.
     */
    async activeSince(): Promise<number | null> {
      const [row] = await db.select({ since: min(users.createdAt) }).from(users).where(eq(users.active, true));
      return row?.since ?? null;
    },

    async listUsersByIds(ids: number[]): Promise<UserRow[]> {
      if (ids.length === 0) return [];
      return await db.select().from(users).where(inArray(users.id, ids)).orderBy(users.id);
    },

    async listDepartments(): Promise<DepartmentRow[]> {
      return await db.select().from(departments).orderBy(departments.id);
    },

    async departmentIdByPath(path: string): Promise<number | undefined> {
      return (await db.select({ id: departments.id }).from(departments).where(eq(departments.path, path)).limit(1))[0]?.id;
    },

    /** Active users holding a role, by id. */
    async activeUsersWithRole(role: Role): Promise<RoleHolder[]> {
      return await db
        .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, joinedOn: users.joinedOn, departmentId: users.departmentId })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
        .where(eq(users.active, true))
        .orderBy(users.id);
    },

    /** Every user's employee number, for imports and admin listings keyed on it. */
    async employeeNumbers(): Promise<{ id: number; employeeNo: string }[]> {
      return await db.select({ id: users.id, employeeNo: users.employeeNo }).from(users).orderBy(users.id);
    },

    /** Each user's language and whether they are active, in one read (fan-outs). */
    async localesAndStatus(): Promise<Map<number, { locale: Locale; active: boolean }>> {
      const rows = await db.select({ id: users.id, locale: users.locale, active: users.active }).from(users);
      return new Map(rows.map((u) => [u.id, { locale: u.locale, active: u.active }]));
    },

    /** The user's language; 'zh' for an unknown user. */
    async localeOf(userId: number): Promise<Locale> {
      return (await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1))[0]?.locale ?? 'zh';
    },

    /** Everyone in a department (not its sub-departments). */
    async userIdsInDepartment(departmentId: number): Promise<number[]> {
      return (await db.select({ id: users.id }).from(users).where(eq(users.departmentId, departmentId)).orderBy(users.id)).map((r) => r.id);
    },

    async managerOf(userId: number): Promise<number | null> {
      const snapshot = await orgSnapshot();
      const user = snapshot.users.find((u) => u.id === userId);
      return user ? resolveManagerId(user, snapshot.departmentsById) : null;
    },

    /** Everyone reporting to the user, directly or indirectly. */
    async teamOf(managerId: number): Promise<Set<number>> {
      const snapshot = await orgSnapshot();
      return collectTeam(managerId, snapshot.users, snapshot.departmentsById);
    },

    /** A rep sees their own records, a manager also their team's, HR and admins everyone's. */
    async dataScopeOf(user: ActingUser): Promise<DataScope> {
      if (user.roles.includes('hr') || user.roles.includes('admin')) return { kind: 'all' };
      const ids = new Set<number>([user.id]);
      if (user.roles.includes('manager')) for (const id of await this.teamOf(user.id)) ids.add(id);
      return { kind: 'users', userIds: ids };
    },
  });
}

export type OrgRepository = ReturnType<typeof createOrgRepository>;
