// The PostgreSQL twin of ../schema/org.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, boolean, primaryKey, uniqueIndex, index, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { epochMs, timestamps } from './columns.js';
import { ROLES } from '../../domain/org/roles.js';

export const departments = pgTable(
  'departments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
    path: text('path').notNull(),
    leaderUserId: integer('leader_user_id').references((): AnyPgColumn => users.id),
    feishuDepartmentId: text('feishu_department_id'),
    dingtalkDeptId: text('dingtalk_dept_id'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('departments_path_unique').on(t.path),
    uniqueIndex('departments_feishu_unique').on(t.feishuDepartmentId),
    uniqueIndex('departments_dingtalk_unique').on(t.dingtalkDeptId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    employeeNo: text('employee_no').notNull(),
    name: text('name').notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    managerId: integer('manager_id').references((): AnyPgColumn => users.id),
    email: text('email'),
    mobile: text('mobile'),
    locale: text('locale', { enum: ['zh', 'en'] }).notNull().default('zh'),
    active: boolean('active').notNull().default(true),
    joinedOn: text('joined_on'),
    leftOn: text('left_on'),
    deactivatedAt: epochMs('deactivated_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_employee_no_unique').on(t.employeeNo), index('users_department_idx').on(t.departmentId)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    source: text('source', { enum: ['admin', 'import', 'sync', 'seed'] }).notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const platformIdentities = pgTable(
  'platform_identities',
  {
    platform: text('platform', { enum: ['feishu', 'dingtalk', 'sandbox'] }).notNull(),
    kind: text('kind', { enum: ['open_id', 'union_id', 'user_id', 'userId', 'unionId', 'employee_no'] }).notNull(),
    value: text('value').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.kind, t.value] }), index('platform_identities_user_idx').on(t.userId)],
);
