import { inTransaction, type Db } from '../../db/client.js';
import { createRowProgress } from '../imports/row-progress.js';
import type { OnProgress } from '../progress.js';
import { createOrgDirectoryRepository, type OrgDirectoryRepository } from '../../db/repositories/org-directory-repository.js';
import { createOrgRepository } from '../../db/repositories/org-repository.js';
import { validateOrgRows, type OrgImportRow, type RowError } from '../../domain/org/import-rows.js';
import type { IdentityKind } from '../../domain/org/directory.js';
import type { PlatformName } from '../../domain/platform-name.js';
import type { TabularRecord } from '../imports/tabular.js';

export interface OrgImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  departmentsCreated: number;
}

interface OrgImportContext {
  now: number;
  actorUserId: number | null;
  source: string;
  /** Called as the rows are written (both passes spread over the row count). */
  onProgress?: OnProgress;
}

export type OrgImportResult = ({ ok: true } & OrgImportSummary) | { ok: false; errors: RowError[] };

const IDENTITY_COLUMNS: { field: keyof OrgImportRow; platform: PlatformName; kind: IdentityKind }[] = [
  { field: 'feishuOpenId', platform: 'feishu', kind: 'open_id' },
  { field: 'feishuUnionId', platform: 'feishu', kind: 'union_id' },
  { field: 'feishuUserId', platform: 'feishu', kind: 'user_id' },
  { field: 'dingtalkUserId', platform: 'dingtalk', kind: 'userId' },
  { field: 'dingtalkUnionId', platform: 'dingtalk', kind: 'unionId' },
];

/**
 * Imports an org file (already read into records): validates every row, then writes all of it in
 * one transaction or nothing. Keyed on employee number, so importing the same file twice changes
 * nothing the second time.
 */
export async function importOrg(
  db: Db,
  records: TabularRecord[],
  context: OrgImportContext,
): Promise<OrgImportResult> {
  const directory = createOrgDirectoryRepository(db);
  const org = createOrgRepository(db);
  const existingUsers = await org.employeeNumbers();
  const validation = validateOrgRows(records, { existingEmployeeNos: new Set(existingUsers.map((u) => u.employeeNo)) });
  if (!validation.ok) return validation;
  const rows = validation.rows;

  // A platform id already owned by somebody else in the database is a conflict, reported per row.
  const conflicts: RowError[] = [];
  for (const row of rows) {
    for (const col of IDENTITY_COLUMNS) {
      const value = row[col.field] as string | null;
      if (!value) continue;
      const owner = await directory.identityOwner({ platform: col.platform, kind: col.kind, value });
      if (owner && owner.employeeNo !== row.employeeNo) {
        conflicts.push({
          rowNumber: row.rowNumber,
          field: col.field,
          reason: `${col.field} ${value} 已属于工号 ${owner.employeeNo} (already belongs to employee ${owner.employeeNo})`,
        });
      }
    }
  }
  if (conflicts.length > 0) return { ok: false, errors: conflicts };

  return inTransaction(db, async () => writeRows(directory, await org.employeeNumbers(), rows, context));
}

async function writeRows(directory: OrgDirectoryRepository, known: { id: number; employeeNo: string }[], rows: OrgImportRow[], context: OrgImportContext) {
  const { now } = context;
  const actor = { userId: context.actorUserId, source: context.source, now };
  let departmentsCreated = 0;
  const departmentIdByPath = new Map((await directory.departments()).map((d) => [d.path, d.id]));

  async function ensureDepartment(parts: string[]): Promise<number> {
    let parentId: number | null = null;
    let path = '';
    for (const part of parts) {
      path = path ? `${path}/${part}` : part;
      let id = departmentIdByPath.get(path);
      if (id === undefined) {
        const inserted: { id: number } = await directory.insertDepartment({ name: part, parentId, path, createdAt: now, updatedAt: now });
        id = inserted.id;
        departmentIdByPath.set(path, id);
        departmentsCreated += 1;
      }
      parentId = id;
    }
    return parentId as number;
  }

  const changed = new Map<string, 'created' | 'updated' | 'unchanged'>();
  const idByEmployeeNo = new Map(known.map((u) => [u.employeeNo, u.id]));
  const mark = (employeeNo: string, state: 'updated') => {
    if (changed.get(employeeNo) === 'unchanged') changed.set(employeeNo, state);
  };

  const progress = createRowProgress(rows.length, 2, context.onProgress);
  // Pass 1: users and their own fields.
  for (const [index, row] of rows.entries()) {
    // The transaction keeps the connection, not the event loop: other work runs between batches.
    await progress.before(index);
    const departmentId = await ensureDepartment(row.departmentPath);
    const existing = await directory.userByEmployeeNo(row.employeeNo);
    const fields = {
      name: row.name,
      departmentId,
      email: row.email,
      mobile: row.mobile,
      active: row.active,
      joinedOn: row.joinedOn,
      leftOn: row.leftOn,
    };
    if (!existing) {
      const inserted = await directory.insertUser({ employeeNo: row.employeeNo, ...fields, deactivatedAt: row.active ? null : now, createdAt: now, updatedAt: now });
      idByEmployeeNo.set(row.employeeNo, inserted.id);
      changed.set(row.employeeNo, 'created');
      await directory.audit(actor, 'user.create', 'user', inserted.id, null, inserted);
      continue;
    }
    changed.set(row.employeeNo, 'unchanged');
    const differs = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]);
    if (differs) {
      const deactivatedAt = row.active ? null : (existing.deactivatedAt ?? now);
      const after = await directory.updateUser(existing.id, { ...fields, deactivatedAt, updatedAt: now });
      mark(row.employeeNo, 'updated');
      await directory.audit(actor, row.active || !existing.active ? 'user.update' : 'user.deactivate', 'user', existing.id, existing, after);
    }
  }

  // Pass 2: relations that need every user to exist (managers, leaders, roles, identities).
  for (const [index, row] of rows.entries()) {
    // The transaction keeps the connection, not the event loop: other work runs between batches.
    await progress.before(rows.length + index);
    const userId = idByEmployeeNo.get(row.employeeNo) as number;
    const current = await directory.user(userId);
    const managerId = row.managerEmployeeNo ? (idByEmployeeNo.get(row.managerEmployeeNo) ?? null) : null;
    if (current && current.managerId !== managerId) {
      await directory.setManager(userId, managerId, now);
      mark(row.employeeNo, 'updated');
    }
    if (row.isLeader && current?.departmentId) {
      const dept = await directory.department(current.departmentId);
      if (dept && dept.leaderUserId !== userId) {
        await directory.setLeader(dept.id, userId, now);
        mark(row.employeeNo, 'updated');
      }
    }

    // Roles: the file owns the roles it set; roles an admin granted by hand are never removed here.
    const heldRoles = await directory.rolesHeld(userId);
    for (const role of row.roles) {
      if (!heldRoles.some((r) => r.role === role)) {
        await directory.grantRole(userId, role, 'import', now);
        mark(row.employeeNo, 'updated');
      }
    }
    for (const held of heldRoles) {
      if ((held.source === 'import' || held.source === 'seed') && !row.roles.includes(held.role)) {
        await directory.revokeRole(userId, held.role);
        mark(row.employeeNo, 'updated');
      }
    }

    for (const col of IDENTITY_COLUMNS) {
      const value = row[col.field] as string | null;
      if (!value) continue;
      const existing = await directory.identityOf(userId, col.platform, col.kind);
      if (existing?.value === value) continue;
      if (existing) await directory.removeIdentity({ platform: col.platform, kind: col.kind, value: existing.value });
      await directory.addIdentity({ platform: col.platform, kind: col.kind, value }, userId, now);
      mark(row.employeeNo, 'updated');
    }
  }

  await progress.finish();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const state of changed.values()) counts[state] += 1;
  return { ok: true as const, ...counts, departmentsCreated };
}
