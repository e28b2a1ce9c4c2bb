import { z } from 'zod';
import { parseRoles, type Role } from './roles.js';
import { splitDepartmentPath } from './hierarchy.js';

/**
 * Validation of org import rows, the same for JSON, CSV and XLSX: the readers turn a file into
 * plain records keyed by header, this module decides what each row means and what is wrong with it.
 */

/** Header names accepted for each field (Chinese spreadsheets, English exports). */
const HEADER_ALIASES: Record<string, keyof RawOrgRow> = {
  department: 'department',
  department_path: 'department',
  部门: 'department',
  部门路径: 'department',
  name: 'name',
  姓名: 'name',
  employee_no: 'employeeNo',
  employeeno: 'employeeNo',
  employee_number: 'employeeNo',
  工号: 'employeeNo',
  员工编号: 'employeeNo',
  roles: 'roles',
  role: 'roles',
  角色: 'roles',
  manager_employee_no: 'managerEmployeeNo',
  manageremployeeno: 'managerEmployeeNo',
  manager: 'managerEmployeeNo',
  上级工号: 'managerEmployeeNo',
  直属上级工号: 'managerEmployeeNo',
  is_leader: 'isLeader',
  isleader: 'isLeader',
  department_leader: 'isLeader',
  部门负责人: 'isLeader',
  feishu_open_id: 'feishuOpenId',
  feishuopenid: 'feishuOpenId',
  飞书open_id: 'feishuOpenId',
  feishu_union_id: 'feishuUnionId',
  feishuunionid: 'feishuUnionId',
  feishu_user_id: 'feishuUserId',
  feishuuserid: 'feishuUserId',
  dingtalk_user_id: 'dingtalkUserId',
  dingtalk_userid: 'dingtalkUserId',
  dingtalkuserid: 'dingtalkUserId',
  钉钉userid: 'dingtalkUserId',
  dingtalk_union_id: 'dingtalkUnionId',
  dingtalkunionid: 'dingtalkUnionId',
  email: 'email',
  邮箱: 'email',
  mobile: 'mobile',
  phone: 'mobile',
  手机: 'mobile',
  手机号: 'mobile',
  active: 'active',
  status: 'active',
  在职: 'active',
  状态: 'active',
  joined_on: 'joinedOn',
  joinedon: 'joinedOn',
  入职日期: 'joinedOn',
  left_on: 'leftOn',
  lefton: 'leftOn',
  离职日期: 'leftOn',
};

export interface RawOrgRow {
  department?: unknown;
  name?: unknown;
  employeeNo?: unknown;
  roles?: unknown;
  managerEmployeeNo?: unknown;
  isLeader?: unknown;
  feishuOpenId?: unknown;
  feishuUnionId?: unknown;
  feishuUserId?: unknown;
  dingtalkUserId?: unknown;
  dingtalkUnionId?: unknown;
  email?: unknown;
  mobile?: unknown;
  active?: unknown;
  joinedOn?: unknown;
  leftOn?: unknown;
}

export interface OrgImportRow {
  rowNumber: number;
  departmentPath: string[];
  name: string;
  employeeNo: string;
  roles: Role[];
  managerEmployeeNo: string | null;
  isLeader: boolean;
  feishuOpenId: string | null;
  feishuUnionId: string | null;
  feishuUserId: string | null;
  dingtalkUserId: string | null;
  dingtalkUnionId: string | null;
  email: string | null;
  mobile: string | null;
  active: boolean;
  joinedOn: string | null;
  leftOn: string | null;
}

export interface RowError {
  rowNumber: number;
  field?: string;
  reason: string;
}

function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Maps one record keyed by the file's headers onto the canonical field names. Unknown headers are ignored. */
export function canonicaliseRecord(record: Record<string, unknown>): RawOrgRow {
  const out: Record<string, unknown> = {};
  for (const [header, value] of Object.entries(record)) {
    const key = HEADER_ALIASES[normaliseHeader(header)] ?? HEADER_ALIASES[header.trim()];
    if (key && out[key] === undefined) out[key] = value;
  }
  return out as RawOrgRow;
}

const text = z.preprocess((v) => (v === null || v === undefined ? '' : String(v).trim()), z.string());
const optionalText = text.transform((v) => (v === '' ? null : v));
const date = optionalText.refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), {
  message: '日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)',
});

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是', '在职', 'active', '√', 'x']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否', '离职', 'inactive', 'left']);

function parseFlag(value: unknown, fallback: boolean): boolean | 'invalid' {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return 'invalid';
}

const rowSchema = z.object({
  department: text.refine((v) => splitDepartmentPath(v).length > 0, { message: '部门不能为空 (department is required)' }),
  name: text.refine((v) => v.length > 0, { message: '姓名不能为空 (name is required)' }).refine((v) => v.length <= 64, {
    message: '姓名过长 (name is too long)',
  }),
  employeeNo: text.refine((v) => /^[A-Za-z0-9_-]{1,32}$/.test(v), {
    message: '工号必须是 1-32 位字母、数字、-、_ (employee number must be 1-32 letters, digits, - or _)',
  }),
  roles: text,
  managerEmployeeNo: optionalText,
  feishuOpenId: optionalText,
  feishuUnionId: optionalText,
  feishuUserId: optionalText,
  dingtalkUserId: optionalText,
  dingtalkUnionId: optionalText,
  email: optionalText.refine((v) => v === null || /^[^@\s]+@[^@\s]+$/.test(v), { message: '邮箱格式不对 (invalid email)' }),
  mobile: optionalText,
  joinedOn: date,
  leftOn: date,
});

export interface ValidateOptions {
  /** Employee numbers already in the database: a manager may be someone not in this file. */
  existingEmployeeNos: ReadonlySet<string>;
}

/**
 * Validates every row and reports every problem; returns rows only when all are good (the import is
 * all or nothing). Row numbers are as a person sees them in the file (the caller passes them).
 */
export function validateOrgRows(
  records: ReadonlyArray<{ rowNumber: number; record: Record<string, unknown> }>,
  options: ValidateOptions,
): { ok: true; rows: OrgImportRow[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: OrgImportRow[] = [];
  const seenEmployeeNos = new Map<string, number>();

  if (records.length === 0) {
    return { ok: false, errors: [{ rowNumber: 0, reason: '文件中没有数据行 (the file has no data rows)' }] };
  }

  for (const { rowNumber, record } of records) {
    const raw = canonicaliseRecord(record);
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ rowNumber, field: String(issue.path[0] ?? ''), reason: issue.message });
      }
      continue;
    }
    const v = parsed.data;
    const rowErrors: RowError[] = [];
    const { roles, unknown } = parseRoles(v.roles);
    if (unknown.length > 0) {
      rowErrors.push({ rowNumber, field: 'roles', reason: `未知角色 (unknown role): ${unknown.join(', ')}` });
    }
    const isLeader = parseFlag(raw.isLeader, false);
    const active = parseFlag(raw.active, true);
    if (isLeader === 'invalid') rowErrors.push({ rowNumber, field: 'isLeader', reason: '部门负责人应为 是/否 (is_leader must be yes/no)' });
    if (active === 'invalid') rowErrors.push({ rowNumber, field: 'active', reason: '在职状态应为 在职/离职 (active must be yes/no)' });
    const firstRow = seenEmployeeNos.get(v.employeeNo);
    if (firstRow !== undefined) {
      rowErrors.push({
        rowNumber,
        field: 'employeeNo',
        reason: `工号 ${v.employeeNo} 与第 ${firstRow} 行重复 (duplicate employee number, first on row ${firstRow})`,
      });
    } else {
      seenEmployeeNos.set(v.employeeNo, rowNumber);
    }
    if (v.managerEmployeeNo !== null && v.managerEmployeeNo === v.employeeNo) {
      rowErrors.push({ rowNumber, field: 'managerEmployeeNo', reason: '上级不能是本人 (a user cannot be their own manager)' });
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      rowNumber,
      departmentPath: splitDepartmentPath(v.department),
      name: v.name,
      employeeNo: v.employeeNo,
      roles: roles.length > 0 ? roles : ['rep'],
      managerEmployeeNo: v.managerEmployeeNo,
      isLeader: isLeader as boolean,
      feishuOpenId: v.feishuOpenId,
      feishuUnionId: v.feishuUnionId,
      feishuUserId: v.feishuUserId,
      dingtalkUserId: v.dingtalkUserId,
      dingtalkUnionId: v.dingtalkUnionId,
      email: v.email,
      mobile: v.mobile,
      active: active as boolean,
      joinedOn: v.joinedOn,
      leftOn: v.leftOn,
    });
  }

  // Managers must exist in this file or already in the org.
  const inFile = new Set(rows.map((r) => r.employeeNo));
  for (const row of rows) {
    if (row.managerEmployeeNo && !inFile.has(row.managerEmployeeNo) && !options.existingEmployeeNos.has(row.managerEmployeeNo)) {
      errors.push({
        rowNumber: row.rowNumber,
        field: 'managerEmployeeNo',
        reason: `上级工号 ${row.managerEmployeeNo} 不存在 (unknown manager employee number)`,
      });
    }
  }
  // Platform ids identify one person: two rows may not claim the same one.
  for (const key of ['feishuOpenId', 'feishuUnionId', 'feishuUserId', 'dingtalkUserId', 'dingtalkUnionId'] as const) {
    const owners = new Map<string, number>();
    for (const row of rows) {
      const id = row[key];
      if (!id) continue;
      const first = owners.get(id);
      if (first !== undefined) {
        errors.push({ rowNumber: row.rowNumber, field: key, reason: `${key} ${id} 与第 ${first} 行重复 (duplicate platform id)` });
      } else owners.set(id, row.rowNumber);
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    return { ok: false, errors };
  }
  return { ok: true, rows };
}
