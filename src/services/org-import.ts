import { and, eq } from 'drizzle-orm';
import { inTransaction, type Db } from '../db/client.js';
import { auditLog, departments, platformIdentities, userRoles, users } from '../db/schema/index.js';
import { validateOrgRows, type OrgImportRow, type RowError } from '../domain/org/import-rows.js';
import type { IdentityKind, PlatformName } from '../platforms/channel.js';
import type { TabularRecord } from './tabular.js';

export interface OrgImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  departmentsCreated: number;
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
export function importOrg(
  db: Db,
  records: TabularRecord[],
  context: { now: number; actorUserId: number | null; channel: string },
): OrgImportResult {
  const existingUsers = db.select({ id: users.id, employeeNo: users.employeeNo }).from(users).all();
  const validation = validateOrgRows(records, { existingEmployeeNos: new Set(existingUsers.map((u) => u.employeeNo)) });
  if (!validation.ok) return validation;
  const rows = validation.rows;

  // A platform id already owned by somebody else in the database is a conflict, reported per row.
  const conflicts: RowError[] = [];
  for (const row of rows) {
    for (const col of IDENTITY_COLUMNS) {
      const value = row[col.field] as string | null;
      if (!value) continue;
      const owner = db
        .select({ employeeNo: users.employeeNo })
        .from(platformIdentities)
        .innerJoin(users, eq(users.id, platformIdentities.userId))
        .where(and(eq(platformIdentities.platform, col.platform), eq(platformIdentities.kind, col.kind), eq(platformIdentities.value, value)))
        .get();
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

  return inTransaction(db, () => writeRows(db, rows, context));
}

function writeRows(db: Db, rows: OrgImportRow[], context: { now: number; actorUserId: number | null; channel: string }) {
  const { now } = context;
  let departmentsCreated = 0;
  const departmentIdByPath = new Map(db.select().from(departments).all().map((d) => [d.path, d.id]));

  function ensureDepartment(parts: string[]): number {
    let parentId: number | null = null;
    let path = '';
    for (const part of parts) {
      path = path ? `${path}/${part}` : part;
      let id = departmentIdByPath.get(path);
      if (id === undefined) {
        const inserted: { id: number } = db
          .insert(departments)
          .values({ name: part, parentId, path, createdAt: now, updatedAt: now })
          .returning({ id: departments.id })
          .get();
        id = inserted.id;
        departmentIdByPath.set(path, id);
        departmentsCreated += 1;
      }
      parentId = id;
    }
    return parentId as number;
  }

  const changed = new Map<string, 'created' | 'updated' | 'unchanged'>();
  const idByEmployeeNo = new Map(db.select({ id: users.id, no: users.employeeNo }).from(users).all().map((u) => [u.no, u.id]));
  const mark = (employeeNo: string, state: 'updated') => {
    if (changed.get(employeeNo) === 'unchanged') changed.set(employeeNo, state);
  };

  // Pass 1: users and their own fields.
  for (const row of rows) {
    const departmentId = ensureDepartment(row.departmentPath);
    const existing = db.select().from(users).where(eq(users.employeeNo, row.employeeNo)).get();
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
      const inserted = db
        .insert(users)
        .values({ employeeNo: row.employeeNo, ...fields, deactivatedAt: row.active ? null : now, createdAt: now, updatedAt: now })
        .returning()
        .get();
      idByEmployeeNo.set(row.employeeNo, inserted.id);
      changed.set(row.employeeNo, 'created');
      db.insert(auditLog)
        .values({ at: now, actorUserId: context.actorUserId, channel: context.channel, action: 'user.create', entity: 'user', entityId: String(inserted.id), before: null, after: inserted })
        .run();
      continue;
    }
    changed.set(row.employeeNo, 'unchanged');
    const differs = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]);
    if (differs) {
      const deactivatedAt = row.active ? null : (existing.deactivatedAt ?? now);
      const after = db
        .update(users)
        .set({ ...fields, deactivatedAt, updatedAt: now })
        .where(eq(users.id, existing.id))
        .returning()
        .get();
      mark(row.employeeNo, 'updated');
      db.insert(auditLog)
        .values({
          at: now,
          actorUserId: context.actorUserId,
          channel: context.channel,
          action: row.active || !existing.active ? 'user.update' : 'user.deactivate',
          entity: 'user',
          entityId: String(existing.id),
          before: existing,
          after,
        })
        .run();
    }
  }

  // Pass 2: relations that need every user to exist (managers, leaders, roles, identities).
  for (const row of rows) {
    const userId = idByEmployeeNo.get(row.employeeNo) as number;
    const current = db.select().from(users).where(eq(users.id, userId)).get();
    const managerId = row.managerEmployeeNo ? (idByEmployeeNo.get(row.managerEmployeeNo) ?? null) : null;
    if (current && current.managerId !== managerId) {
      db.update(users).set({ managerId, updatedAt: now }).where(eq(users.id, userId)).run();
      mark(row.employeeNo, 'updated');
    }
    if (row.isLeader && current?.departmentId) {
      const dept = db.select().from(departments).where(eq(departments.id, current.departmentId)).get();
      if (dept && dept.leaderUserId !== userId) {
        db.update(departments).set({ leaderUserId: userId, updatedAt: now }).where(eq(departments.id, dept.id)).run();
        mark(row.employeeNo, 'updated');
      }
    }

    // Roles: the file owns the roles it set; roles an admin granted by hand are never removed here.
    const heldRoles = db.select().from(userRoles).where(eq(userRoles.userId, userId)).all();
    for (const role of row.roles) {
      if (!heldRoles.some((r) => r.role === role)) {
        db.insert(userRoles).values({ userId, role, source: 'import', createdAt: now }).run();
        mark(row.employeeNo, 'updated');
      }
    }
    for (const held of heldRoles) {
      if ((held.source === 'import' || held.source === 'seed') && !row.roles.includes(held.role)) {
        db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, held.role))).run();
        mark(row.employeeNo, 'updated');
      }
    }

    for (const col of IDENTITY_COLUMNS) {
      const value = row[col.field] as string | null;
      if (!value) continue;
      const existing = db
        .select()
        .from(platformIdentities)
        .where(and(eq(platformIdentities.userId, userId), eq(platformIdentities.platform, col.platform), eq(platformIdentities.kind, col.kind)))
        .get();
      if (existing?.value === value) continue;
      if (existing) {
        db.delete(platformIdentities)
          .where(and(eq(platformIdentities.platform, col.platform), eq(platformIdentities.kind, col.kind), eq(platformIdentities.value, existing.value)))
          .run();
      }
      db.insert(platformIdentities).values({ platform: col.platform, kind: col.kind, value, userId, createdAt: now }).run();
      mark(row.employeeNo, 'updated');
    }
  }

  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const state of changed.values()) counts[state] += 1;
  return { ok: true as const, ...counts, departmentsCreated };
}
