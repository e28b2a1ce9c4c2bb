import { and, eq } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { departments, platformIdentities, userRoles, users } from '../schema/index.js';
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

const identityIs = (key: IdentityKey) => and(eq(platformIdentities.platform, key.platform), eq(platformIdentities.kind, key.kind), eq(platformIdentities.value, key.value));

/**
 * The org tables as an org import or a platform directory sync writes them: people, departments,
 * roles and platform identities, row by row. Callers run a whole import or sync in one transaction.
 */
export function createOrgDirectoryRepository(db: Db) {
  return asyncRepository(db, {
    user(id: number): UserRow | undefined {
      return db.select().from(users).where(eq(users.id, id)).get();
    },
    userByEmployeeNo(employeeNo: string): UserRow | undefined {
      return db.select().from(users).where(eq(users.employeeNo, employeeNo)).get();
    },
    insertUser(values: NewUser): UserRow {
      return db.insert(users).values(values).returning().get();
    },
    /** Updates and returns the row as it now stands. */
    updateUser(id: number, patch: UserPatch): UserRow {
      return db.update(users).set(patch).where(eq(users.id, id)).returning().get();
    },
    setManager(userId: number, managerId: number | null, now: number): void {
      db.update(users).set({ managerId, updatedAt: now }).where(eq(users.id, userId)).run();
    },
    deactivate(userId: number, now: number): void {
      db.update(users).set({ active: false, deactivatedAt: now, updatedAt: now }).where(eq(users.id, userId)).run();
    },

    departments(): DepartmentRow[] {
      return db.select().from(departments).all();
    },
    department(id: number): DepartmentRow | undefined {
      return db.select().from(departments).where(eq(departments.id, id)).get();
    },
    departmentByPath(path: string): DepartmentRow | undefined {
      return db.select().from(departments).where(eq(departments.path, path)).get();
    },
    departmentByExternalId(column: DepartmentExternalIdColumn, externalId: string): DepartmentRow | undefined {
      return db.select().from(departments).where(eq(departments[column], externalId)).get();
    },
    insertDepartment(values: NewDepartment): DepartmentRow {
      return db.insert(departments).values(values).returning().get();
    },
    updateDepartment(id: number, patch: DepartmentPatch): void {
      db.update(departments).set(patch).where(eq(departments.id, id)).run();
    },
    setLeader(departmentId: number, leaderUserId: number, now: number): void {
      db.update(departments).set({ leaderUserId, updatedAt: now }).where(eq(departments.id, departmentId)).run();
    },

    rolesHeld(userId: number): UserRoleRow[] {
      return db.select().from(userRoles).where(eq(userRoles.userId, userId)).all();
    },
    /** Grants a role unless it is held already (the source of a held role stays). */
    grantRole(userId: number, role: Role, source: UserRoleRow['source'], now: number): void {
      db.insert(userRoles).values({ userId, role, source, createdAt: now }).onConflictDoNothing().run();
    },
    revokeRole(userId: number, role: Role): void {
      db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role))).run();
    },

    /** Who holds a platform id, if anyone. */
    identityOwner(key: IdentityKey): { userId: number; employeeNo: string } | undefined {
      return db
        .select({ userId: platformIdentities.userId, employeeNo: users.employeeNo })
        .from(platformIdentities)
        .innerJoin(users, eq(users.id, platformIdentities.userId))
        .where(identityIs(key))
        .get();
    },
    /** A user's id of one kind on a platform (the first, should there be several). */
    identityOf(userId: number, platform: Platform, kind: IdentityKind): IdentityRow | undefined {
      return db
        .select()
        .from(platformIdentities)
        .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, platform), eq(platformIdentities.kind, kind)))
        .get();
    },
    addIdentity(key: IdentityKey, userId: number, now: number): void {
      db.insert(platformIdentities).values({ ...key, userId, createdAt: now }).run();
    },
    removeIdentity(key: IdentityKey): void {
      db.delete(platformIdentities).where(identityIs(key)).run();
    },
    /** Gives a platform id to another user. */
    moveIdentity(key: IdentityKey, userId: number): void {
      db.update(platformIdentities).set({ userId }).where(identityIs(key)).run();
    },
    /** Active users with at least one id on the platform. */
    activeUserIdsKnownOn(platform: Platform): number[] {
      return db
        .selectDistinct({ userId: platformIdentities.userId })
        .from(platformIdentities)
        .innerJoin(users, eq(users.id, platformIdentities.userId))
        .where(and(eq(platformIdentities.platform, platform), eq(users.active, true)))
        .all()
        .map((r) => r.userId);
    },

    audit(actor: WriteActor, action: string, entity: string, entityId: number, before: unknown, after: unknown): void {
      writeAudit(db, actor, action, entity, entityId, before, after);
    },
  });
}

export type OrgDirectoryRepository = ReturnType<typeof createOrgDirectoryRepository>;
