import { inTransaction, type Db } from '../../db/client.js';
import { createOrgDirectoryRepository, type DepartmentExternalIdColumn } from '../../db/repositories/org-directory-repository.js';
import type { DirectorySnapshot, DirectoryUser } from '../../domain/org/directory.js';

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
export async function applyDirectory(db: Db, snapshot: DirectorySnapshot, context: { now: number }): Promise<OrgSyncSummary> {
  const { now } = context;
  const platform = snapshot.platform;
  const directory = createOrgDirectoryRepository(db);
  const deptKey: DepartmentExternalIdColumn = platform === 'feishu' ? 'feishuDepartmentId' : 'dingtalkDeptId';
  const summary: OrgSyncSummary = { platform, departmentsCreated: 0, departmentsUpdated: 0, usersCreated: 0, usersUpdated: 0, usersDeactivated: 0, usersUnchanged: 0 };
  const actor = { userId: null, source: `${platform}-sync`, now };
  const audit = (action: string, entity: string, entityId: number, before: unknown, after: unknown) => directory.audit(actor, action, entity, entityId, before, after);

  return inTransaction(db, async () => {
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
      const existing = await directory.departmentByExternalId(deptKey, dept.externalId) ?? await directory.departmentByPath(path);
      if (!existing) {
        const created = await directory.insertDepartment({ name: dept.name, parentId, path, [deptKey]: dept.externalId, createdAt: now, updatedAt: now });
        localId.set(dept.externalId, created.id);
        summary.departmentsCreated += 1;
        continue;
      }
      localId.set(dept.externalId, existing.id);
      if (existing.name !== dept.name || existing.parentId !== parentId || existing.path !== path || existing[deptKey] !== dept.externalId) {
        await directory.updateDepartment(existing.id, { name: dept.name, parentId, path, [deptKey]: dept.externalId, updatedAt: now });
        summary.departmentsUpdated += 1;
      }
    }

    // Users: matched by any platform id, then by employee number.
    const userIdByExternal = new Map<string, number>();
    const changedUsers = new Set<number>();
    let deactivatedFromSnapshot = 0;
    const findUser = async (u: DirectoryUser) => {
      for (const id of u.ids) {
        const hit = await directory.identityOwner({ platform, kind: id.kind, value: id.value });
        if (hit) return await directory.user(hit.userId);
      }
      return u.employeeNo ? await directory.userByEmployeeNo(u.employeeNo) : undefined;
    };

    for (const u of snapshot.users) {
      const departmentId = u.departmentExternalIds.map((id) => localId.get(id)).find((id) => id !== undefined) ?? null;
      const existing = await findUser(u);
      let userId: number;
      if (!existing) {
        const employeeNo = u.employeeNo ?? `${platform === 'feishu' ? 'fs' : 'dt'}_${u.externalId}`;
        const created = await directory.insertUser({ employeeNo, name: u.name, departmentId, email: u.email, mobile: u.mobile, active: u.active, deactivatedAt: u.active ? null : now, createdAt: now, updatedAt: now });
        userId = created.id;
        await directory.grantRole(userId, 'rep', 'sync', now);
        await audit('user.create', 'user', userId, null, created);
        summary.usersCreated += 1;
      } else {
        userId = existing.id;
        const fields = { name: u.name, departmentId: departmentId ?? existing.departmentId, email: u.email ?? existing.email, mobile: u.mobile ?? existing.mobile, active: u.active };
        if ((Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k])) {
          const after = await directory.updateUser(userId, { ...fields, deactivatedAt: u.active ? null : (existing.deactivatedAt ?? now), updatedAt: now });
          await audit(u.active ? 'user.update' : 'user.deactivate', 'user', userId, existing, after);
          if (!u.active && existing.active) {
            summary.usersDeactivated += 1;
            deactivatedFromSnapshot += 1;
          } else changedUsers.add(userId);
        }
      }
      userIdByExternal.set(u.externalId, userId);
      for (const id of u.ids) {
        const key = { platform, kind: id.kind, value: id.value };
        const owner = await directory.identityOwner(key);
        if (owner?.userId === userId) continue;
        if (owner) await directory.moveIdentity(key, userId);
        else await directory.addIdentity(key, userId, now);
        if (existing) changedUsers.add(userId);
      }
    }

    // Leaders and managers need every user in place.
    for (const dept of departmentsToSync) {
      const id = localId.get(dept.externalId);
      const leader = dept.leaderExternalUserId ? (userIdByExternal.get(dept.leaderExternalUserId) ?? null) : null;
      if (id === undefined || leader === null) continue;
      const current = await directory.department(id);
      if (current?.leaderUserId !== leader) {
        await directory.setLeader(id, leader, now);
        summary.departmentsUpdated += 1;
      }
    }
    for (const u of snapshot.users) {
      if (!u.managerExternalId) continue;
      const userId = userIdByExternal.get(u.externalId) as number;
      const managerId = userIdByExternal.get(u.managerExternalId) ?? null;
      const current = await directory.user(userId);
      if (managerId !== null && managerId !== userId && current?.managerId !== managerId) {
        await directory.setManager(userId, managerId, now);
        changedUsers.add(userId);
      }
    }

    // People this platform knew who are no longer in its directory have left.
    if (snapshot.users.length > 0) {
      const seen = new Set(userIdByExternal.values());
      for (const userId of await directory.activeUserIdsKnownOn(platform)) {
        if (seen.has(userId)) continue;
        const before = await directory.user(userId);
        await directory.deactivate(userId, now);
        await audit('user.deactivate', 'user', userId, before, { active: false });
        summary.usersDeactivated += 1;
      }
    }

    summary.usersUpdated = changedUsers.size;
    summary.usersUnchanged = Math.max(0, snapshot.users.length - summary.usersCreated - summary.usersUpdated - deactivatedFromSnapshot);
    return summary;
  });
}
