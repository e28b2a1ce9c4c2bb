import { and, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { tablesOf } from '../dialect.js';
import type { departments, platformIdentities, userRoles, users } from '../schema/index.js';
import { writeAudit, type WriteActor } from './audited-store.js';
import type { DepartmentRow, UserRow } from './org-repository.js';

export type NewUser = typeof users.$inferInsert;
export type UserPatch = Partial<Omit<NewUser, 'id'>>;
export type NewDepartment = typeof departments.$inferInsert;
export type DepartmentPatch = Partial<Omit<NewDepartment, 'id'>>;
export type UserRoleRow = typeof userRoles.$inferSelect;
export type IdentityRow = typeof platformIdentities.$inferSelect;
type Platform = IdentityRow['platform'];
type IdentityKind = IdentityRow['kind'];
type Role = UserRoleRow['role'];

/** One platform id of a person: (platform, kind, value) is unique. */
export interface IdentityKey {
  platform: Platform;
  kind: IdentityKind;
  value: string;
}

/** The column a platform's department ids live in. */
export type DepartmentExternalIdColumn = 'feishuDepartmentId' | 'dingtalkDeptId';

/**
 * The org tables as an org import or a platform directory sync writes them: people, departments,
 * roles and platform identities, row by row. Callers run a whole import or sync in one transaction.
 */
export function createOrgDirectoryRepository(db: Db) {
  const { departments, platformIdentities, userRoles, users } = tablesOf(db);
  const identityIs = (key: IdentityKey) => and(eq(platformIdentities.platform, key.platform), eq(platformIdentities.kind, key.kind), eq(platformIdentities.value, key.value));
  const first = <R>(rows: R[]): R | undefined => rows[0];

  return asyncRepository(db, {
    async user(id: number): Promise<UserRow | undefined> {
      return first(await db.select().from(users).where(eq(users.id, id)).limit(1));
    },
    async userByEmployeeNo(employeeNo: string): Promise<UserRow | undefined> {
      return first(await db.select().from(users).where(eq(users.employeeNo, employeeNo)).limit(1));
    },
    async insertUser(values: NewUser): Promise<UserRow> {
      return first(await db.insert(users).values(values).returning()) as UserRow;
    },
    /** Updates and returns the row as it now stands. */
    async updateUser(id: number, patch: UserPatch): Promise<UserRow> {
      return first(await db.update(users).set(patch).where(eq(users.id, id)).returning()) as UserRow;
    },
    async setManager(userId: number, managerId: number | null, now: number): Promise<void> {
      await db.update(users).set({ managerId, updatedAt: now }).where(eq(users.id, userId));
    },
    async deactivate(userId: number, now: number): Promise<void> {
      await db.update(users).set({ active: false, deactivatedAt: now, updatedAt: now }).where(eq(users.id, userId));
    },

    async departments(): Promise<DepartmentRow[]> {
      return await db.select().from(departments).orderBy(departments.id);
    },
    async department(id: number): Promise<DepartmentRow | undefined> {
      return first(await db.select().from(departments).where(eq(departments.id, id)).limit(1));
    },
    async departmentByPath(path: string): Promise<DepartmentRow | undefined> {
      return first(await db.select().from(departments).where(eq(departments.path, path)).limit(1));
    },
    async departmentByExternalId(column: DepartmentExternalIdColumn, externalId: string): Promise<DepartmentRow | undefined> {
      return first(await db.select().from(departments).where(eq(departments[column], externalId)).limit(1));
    },
    async insertDepartment(values: NewDepartment): Promise<DepartmentRow> {
      return first(await db.insert(departments).values(values).returning()) as DepartmentRow;
    },
    async updateDepartment(id: number, patch: DepartmentPatch): Promise<void> {
      await db.update(departments).set(patch).where(eq(departments.id, id));
    },
    async setLeader(departmentId: number, leaderUserId: number, now: number): Promise<void> {
      await db.update(departments).set({ leaderUserId, updatedAt: now }).where(eq(departments.id, departmentId));
    },

    async rolesHeld(userId: number): Promise<UserRoleRow[]> {
      return await db.select().from(userRoles).where(eq(userRoles.userId, userId));
    },
    /** Grants a role unless it is held already (the source of a held role stays). */
    async grantRole(userId: number, role: Role, source: UserRoleRow['source'], now: number): Promise<void> {
      await db.insert(userRoles).values({ userId, role, source, createdAt: now }).onConflictDoNothing();
    },
    async revokeRole(userId: number, role: Role): Promise<void> {
      await db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)));
    },

    /** Who holds a platform id, if anyone. */
    async identityOwner(key: IdentityKey): Promise<{ userId: number; employeeNo: string } | undefined> {
      return first(
        await db
          .select({ userId: platformIdentities.userId, employeeNo: users.employeeNo })
          .from(platformIdentities)
          .innerJoin(users, eq(users.id, platformIdentities.userId))
          .where(identityIs(key))
          .limit(1),
      );
    },
    /** A user's id of one kind on a platform (the first, should there be several). */
    async identityOf(userId: number, platform: Platform, kind: IdentityKind): Promise<IdentityRow | undefined> {
      return first(
        await db
          .select()
          .from(platformIdentities)
          .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, platform), eq(platformIdentities.kind, kind)))
          .limit(1),
      );
    },
    async addIdentity(key: IdentityKey, userId: number, now: number): Promise<void> {
      await db.insert(platformIdentities).values({ ...key, userId, createdAt: now });
    },
    async removeIdentity(key: IdentityKey): Promise<void> {
      await db.delete(platformIdentities).where(identityIs(key));
    },
    /** Gives a platform id to another user. */
    async moveIdentity(key: IdentityKey, userId: number): Promise<void> {
      await db.update(platformIdentities).set({ userId }).where(identityIs(key));
    },
    /** Active users with at least one id on the platform. */
    async activeUserIdsKnownOn(platform: Platform): Promise<number[]> {
      const rows = await db
        .selectDistinct({ userId: platformIdentities.userId })
        .from(platformIdentities)
        .innerJoin(users, eq(users.id, platformIdentities.userId))
        .where(and(eq(platformIdentities.platform, platform), eq(users.active, true)));
      return rows.map((r) => r.userId);
    },

    async audit(actor: WriteActor, action: string, entity: string, entityId: number, before: unknown, after: unknown): Promise<void> {
      await writeAudit(db, actor, action, entity, entityId, before, after);
    },
  });
}

export type OrgDirectoryRepository = ReturnType<typeof createOrgDirectoryRepository>;
