import { and, eq } from 'drizzle-orm';
import { inTransaction, type Db } from '../db/client.js';
import { auditLog, departments, platformIdentities, userRoles, users } from '../db/schema/index.js';
import type { DirectorySnapshot, DirectoryUser } from '../platforms/channel.js';

export interface OrgSyncSummary {
  platform: string;
  departmentsCreated: number;
  departmentsUpdated: number;
  usersCreated: number;
  usersUpdated: number;
  usersDeactivated: number;
  usersUnchanged: number;
}

/**
 * Applies a platform's address book to the org: creates and updates departments and users, sets
 * leaders and managers, deactivates people who left. Never deletes anyone and never removes a role
 * (an admin's or an import's roles stay; new people start as reps). One transaction.
 */
export function applyDirectory(db: Db, snapshot: DirectorySnapshot, context: { now: number }): OrgSyncSummary {
  const { now } = context;
  const platform = snapshot.platform;
  const deptColumn = platform === 'feishu' ? departments.feishuDepartmentId : departments.dingtalkDeptId;
  const deptKey = platform === 'feishu' ? 'feishuDepartmentId' : 'dingtalkDeptId';
  const summary: OrgSyncSummary = { platform, departmentsCreated: 0, departmentsUpdated: 0, usersCreated: 0, usersUpdated: 0, usersDeactivated: 0, usersUnchanged: 0 };
  const audit = (action: string, entity: string, entityId: number, before: unknown, after: unknown) =>
    db.insert(auditLog).values({ at: now, actorUserId: null, channel: `${platform}-sync`, action, entity, entityId: String(entityId), before, after }).run();

  return inTransaction(db, () => {
    // The platform's root department is the company itself, not a department: its children are the
    // top-level departments, as in an HR file ("销售部/华东一组", not "公司/销售部/华东一组").
    const departmentsToSync = snapshot.departments.filter((d) => d.parentExternalId !== null);
    // Departments, parents before children.
    const byExternal = new Map(departmentsToSync.map((d) => [d.externalId, d]));
    const localId = new Map<string, number>();
    const pathOf = (externalId: string, guard = 0): string => {
      const d = byExternal.get(externalId);
      if (!d || guard > 50) return '';
      const parent = d.parentExternalId && byExternal.has(d.parentExternalId) ? pathOf(d.parentExternalId, guard + 1) : '';
      return parent ? `${parent}/${d.name}` : d.name;
    };
    const depthOf = (externalId: string) => pathOf(externalId).split('/').length;
    for (const dept of [...departmentsToSync].sort((a, b) => depthOf(a.externalId) - depthOf(b.externalId))) {
      const path = pathOf(dept.externalId);
      const parentId = dept.parentExternalId ? (localId.get(dept.parentExternalId) ?? null) : null;
      const existing =
        db.select().from(departments).where(eq(deptColumn, dept.externalId)).get() ??
        db.select().from(departments).where(eq(departments.path, path)).get();
      if (!existing) {
        const created = db
          .insert(departments)
          .values({ name: dept.name, parentId, path, [deptKey]: dept.externalId, createdAt: now, updatedAt: now })
          .returning()
          .get();
        localId.set(dept.externalId, created.id);
        summary.departmentsCreated += 1;
        continue;
      }
      localId.set(dept.externalId, existing.id);
      if (existing.name !== dept.name || existing.parentId !== parentId || existing.path !== path || existing[deptKey] !== dept.externalId) {
        db.update(departments).set({ name: dept.name, parentId, path, [deptKey]: dept.externalId, updatedAt: now }).where(eq(departments.id, existing.id)).run();
        summary.departmentsUpdated += 1;
      }
    }

    // Users: matched by any platform id, then by employee number.
    const userIdByExternal = new Map<string, number>();
    const changedUsers = new Set<number>();
    let deactivatedFromSnapshot = 0;
    const findUser = (u: DirectoryUser) => {
      for (const id of u.ids) {
        const hit = db
          .select({ userId: platformIdentities.userId })
          .from(platformIdentities)
          .where(and(eq(platformIdentities.platform, platform), eq(platformIdentities.kind, id.kind), eq(platformIdentities.value, id.value)))
          .get();
        if (hit) return db.select().from(users).where(eq(users.id, hit.userId)).get();
      }
      return u.employeeNo ? db.select().from(users).where(eq(users.employeeNo, u.employeeNo)).get() : undefined;
    };

    for (const u of snapshot.users) {
      const departmentId = u.departmentExternalIds.map((id) => localId.get(id)).find((id) => id !== undefined) ?? null;
      const existing = findUser(u);
      let userId: number;
      if (!existing) {
        const employeeNo = u.employeeNo ?? `${platform === 'feishu' ? 'fs' : 'dt'}_${u.externalId}`;
        const created = db
          .insert(users)
          .values({ employeeNo, name: u.name, departmentId, email: u.email, mobile: u.mobile, active: u.active, deactivatedAt: u.active ? null : now, createdAt: now, updatedAt: now })
          .returning()
          .get();
        userId = created.id;
        db.insert(userRoles).values({ userId, role: 'rep', source: 'sync', createdAt: now }).onConflictDoNothing().run();
        audit('user.create', 'user', userId, null, created);
        summary.usersCreated += 1;
      } else {
        userId = existing.id;
        const fields = { name: u.name, departmentId: departmentId ?? existing.departmentId, email: u.email ?? existing.email, mobile: u.mobile ?? existing.mobile, active: u.active };
        if ((Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k])) {
          const after = db
            .update(users)
            .set({ ...fields, deactivatedAt: u.active ? null : (existing.deactivatedAt ?? now), updatedAt: now })
            .where(eq(users.id, userId))
            .returning()
            .get();
          audit(u.active ? 'user.update' : 'user.deactivate', 'user', userId, existing, after);
          if (!u.active && existing.active) {
            summary.usersDeactivated += 1;
            deactivatedFromSnapshot += 1;
          } else changedUsers.add(userId);
        }
      }
      userIdByExternal.set(u.externalId, userId);
      for (const id of u.ids) {
        const owner = db
          .select({ userId: platformIdentities.userId })
          .from(platformIdentities)
          .where(and(eq(platformIdentities.platform, platform), eq(platformIdentities.kind, id.kind), eq(platformIdentities.value, id.value)))
          .get();
        if (owner?.userId === userId) continue;
        if (owner) {
          db.update(platformIdentities)
            .set({ userId })
            .where(and(eq(platformIdentities.platform, platform), eq(platformIdentities.kind, id.kind), eq(platformIdentities.value, id.value)))
            .run();
        } else {
          db.insert(platformIdentities).values({ platform, kind: id.kind, value: id.value, userId, createdAt: now }).run();
        }
        if (existing) changedUsers.add(userId);
      }
    }

    // Leaders and managers need every user in place.
    for (const dept of departmentsToSync) {
      const id = localId.get(dept.externalId);
      const leader = dept.leaderExternalUserId ? (userIdByExternal.get(dept.leaderExternalUserId) ?? null) : null;
      if (id === undefined || leader === null) continue;
      const current = db.select({ leaderUserId: departments.leaderUserId }).from(departments).where(eq(departments.id, id)).get();
      if (current?.leaderUserId !== leader) {
        db.update(departments).set({ leaderUserId: leader, updatedAt: now }).where(eq(departments.id, id)).run();
        summary.departmentsUpdated += 1;
      }
    }
    for (const u of snapshot.users) {
      if (!u.managerExternalId) continue;
      const userId = userIdByExternal.get(u.externalId) as number;
      const managerId = userIdByExternal.get(u.managerExternalId) ?? null;
      const current = db.select({ managerId: users.managerId }).from(users).where(eq(users.id, userId)).get();
      if (managerId !== null && managerId !== userId && current?.managerId !== managerId) {
        db.update(users).set({ managerId, updatedAt: now }).where(eq(users.id, userId)).run();
        changedUsers.add(userId);
      }
    }

    // People this platform knew who are no longer in its directory have left.
    if (snapshot.users.length > 0) {
      const seen = new Set(userIdByExternal.values());
      const known = db
        .selectDistinct({ userId: platformIdentities.userId })
        .from(platformIdentities)
        .innerJoin(users, eq(users.id, platformIdentities.userId))
        .where(and(eq(platformIdentities.platform, platform), eq(users.active, true)))
        .all();
      for (const { userId } of known) {
        if (seen.has(userId)) continue;
        const before = db.select().from(users).where(eq(users.id, userId)).get();
        db.update(users).set({ active: false, deactivatedAt: now, updatedAt: now }).where(eq(users.id, userId)).run();
        audit('user.deactivate', 'user', userId, before, { active: false });
        summary.usersDeactivated += 1;
      }
    }

    summary.usersUpdated = changedUsers.size;
    summary.usersUnchanged = Math.max(0, snapshot.users.length - summary.usersCreated - summary.usersUpdated - deactivatedFromSnapshot);
    return summary;
  });
}
