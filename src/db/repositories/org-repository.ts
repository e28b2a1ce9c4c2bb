import { and, eq, inArray, min } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { departments, platformIdentities, userRoles, users } from '../schema/index.js';
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

export function createOrgRepository(db: Db) {
  function rolesOf(userId: number): Role[] {
    return db
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, userId))
      .all()
      .map((r) => r.role)
      .sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  }

  function toActingUser(row: UserRow): ActingUser {
    return {
      id: row.id,
      employeeNo: row.employeeNo,
      name: row.name,
      roles: rolesOf(row.id),
      departmentId: row.departmentId,
      locale: row.locale,
      active: row.active,
    };
  }

  function orgSnapshot(): { users: OrgUser[]; departmentsById: Map<number, OrgDepartment> } {
    const deptRows = db.select().from(departments).all();
    const userRows = db
      .select({ id: users.id, departmentId: users.departmentId, managerId: users.managerId, active: users.active })
      .from(users)
      .all();
    return {
      users: userRows,
      departmentsById: new Map(deptRows.map((d) => [d.id, { id: d.id, parentId: d.parentId, leaderUserId: d.leaderUserId }])),
    };
  }

  return asyncRepository(db, {
    getUser(id: number): ActingUser | undefined {
      const row = db.select().from(users).where(eq(users.id, id)).get();
      return row ? toActingUser(row) : undefined;
    },

    getUserByEmployeeNo(employeeNo: string): ActingUser | undefined {
      const row = db.select().from(users).where(eq(users.employeeNo, employeeNo)).get();
      return row ? toActingUser(row) : undefined;
    },

    /** The first identity that matches wins; the sandbox knows users by employee number. */
    findUserByIdentity(platform: PlatformName, ids: { kind: IdentityKind; value: string }[]): ActingUser | undefined {
      for (const { kind, value } of ids) {
        if (platform === 'sandbox' && kind === 'employee_no') {
          const user = this.getUserByEmployeeNo(value);
          if (user) return user;
          continue;
        }
        const hit = db
          .select({ userId: platformIdentities.userId })
          .from(platformIdentities)
          .where(and(eq(platformIdentities.platform, platform), eq(platformIdentities.kind, kind), eq(platformIdentities.value, value)))
          .get();
        if (hit) return this.getUser(hit.userId);
      }
      return undefined;
    },

    identitiesOf(userId: number) {
      return db.select().from(platformIdentities).where(eq(platformIdentities.userId, userId)).all();
    },

    listUsers(options: { activeOnly?: boolean } = {}): ActingUser[] {
      const rows = options.activeOnly
        ? db.select().from(users).where(eq(users.active, true)).all()
        : db.select().from(users).all();
      return rows.map(toActingUser);
    },

    /**
     * When the org began: the earliest arrival of a person still active, or null while nobody is.
     * Scheduled periods before it could not have been missed by this install.
     */
    activeSince(): number | null {
      const row = db.select({ since: min(users.createdAt) }).from(users).where(eq(users.active, true)).get();
      return row?.since ?? null;
    },

    listUsersByIds(ids: number[]): UserRow[] {
      if (ids.length === 0) return [];
      return db.select().from(users).where(inArray(users.id, ids)).all();
    },

    listDepartments(): DepartmentRow[] {
      return db.select().from(departments).all();
    },

    departmentIdByPath(path: string): number | undefined {
      return db.select({ id: departments.id }).from(departments).where(eq(departments.path, path)).get()?.id;
    },

    /** Active users holding a role, by id. */
    activeUsersWithRole(role: Role): RoleHolder[] {
      return db
        .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, joinedOn: users.joinedOn, departmentId: users.departmentId })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
        .where(eq(users.active, true))
        .orderBy(users.id)
        .all();
    },

    /** Every user's employee number, for imports and admin listings keyed on it. */
    employeeNumbers(): { id: number; employeeNo: string }[] {
      return db.select({ id: users.id, employeeNo: users.employeeNo }).from(users).all();
    },

    /** Each user's language and whether they are active, in one read (fan-outs). */
    localesAndStatus(): Map<number, { locale: Locale; active: boolean }> {
      return new Map(db.select({ id: users.id, locale: users.locale, active: users.active }).from(users).all().map((u) => [u.id, { locale: u.locale, active: u.active }]));
    },

    /** The user's language; 'zh' for an unknown user. */
    localeOf(userId: number): Locale {
      return db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get()?.locale ?? 'zh';
    },

    /** Everyone in a department (not its sub-departments). */
    userIdsInDepartment(departmentId: number): number[] {
      return db.select({ id: users.id }).from(users).where(eq(users.departmentId, departmentId)).all().map((r) => r.id);
    },

    managerOf(userId: number): number | null {
      const snapshot = orgSnapshot();
      const user = snapshot.users.find((u) => u.id === userId);
      return user ? resolveManagerId(user, snapshot.departmentsById) : null;
    },

    /** Everyone reporting to the user, directly or indirectly. */
    teamOf(managerId: number): Set<number> {
      const snapshot = orgSnapshot();
      return collectTeam(managerId, snapshot.users, snapshot.departmentsById);
    },

    /** A rep sees their own records, a manager also their team's, HR and admins everyone's. */
    dataScopeOf(user: ActingUser): DataScope {
      if (user.roles.includes('hr') || user.roles.includes('admin')) return { kind: 'all' };
      const ids = new Set<number>([user.id]);
      if (user.roles.includes('manager')) for (const id of this.teamOf(user.id)) ids.add(id);
      return { kind: 'users', userIds: ids };
    },
  });
}

export type OrgRepository = ReturnType<typeof createOrgRepository>;
