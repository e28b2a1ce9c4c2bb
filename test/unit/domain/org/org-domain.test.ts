import { describe, expect, it } from 'vitest';
import { collectTeam, resolveManagerId, splitDepartmentPath, type OrgDepartment, type OrgUser } from '../../../../src/domain/org/hierarchy.js';
import { validateOrgRows } from '../../../../src/domain/org/import-rows.js';
import { parseRoles } from '../../../../src/domain/org/roles.js';

describe('parseRoles', () => {
  it.each([
    ['rep', ['rep'], []],
    ['销售, 经理', ['rep', 'manager'], []],
    ['manager;rep', ['rep', 'manager'], []],
    ['HR|admin', ['hr', 'admin'], []],
    ['人事、管理员', ['hr', 'admin'], []],
    ['销售 老板', ['rep'], ['老板']],
    ['', [], []],
  ])('%s', (text, roles, unknown) => {
    expect(parseRoles(text)).toEqual({ roles, unknown });
  });
});

describe('hierarchy', () => {
  // 1 销售部 (leader 10) > 2 华东 (leader 20) ; user 21 in 2, user 22 in 2 with explicit manager 10.
  const depts = new Map<number, OrgDepartment>([
    [1, { id: 1, parentId: null, leaderUserId: 10 }],
    [2, { id: 2, parentId: 1, leaderUserId: 20 }],
  ]);
  const users: OrgUser[] = [
    { id: 10, departmentId: 1, managerId: null, active: true },
    { id: 20, departmentId: 2, managerId: null, active: true },
    { id: 21, departmentId: 2, managerId: null, active: true },
    { id: 22, departmentId: 2, managerId: 10, active: true },
  ];

  it('uses the explicit manager first, then the department leader, then up the tree for the leader', () => {
    expect(resolveManagerId(users[3]!, depts)).toBe(10);
    expect(resolveManagerId(users[2]!, depts)).toBe(20);
    expect(resolveManagerId(users[1]!, depts)).toBe(10);
    expect(resolveManagerId(users[0]!, depts)).toBeNull();
  });

  it('collects the whole team below a manager', () => {
    expect([...collectTeam(10, users, depts)].sort()).toEqual([20, 21, 22]);
    expect([...collectTeam(20, users, depts)]).toEqual([21]);
    expect(collectTeam(21, users, depts).size).toBe(0);
  });

  it('survives a manager cycle in bad data', () => {
    const cyclic: OrgUser[] = [
      { id: 1, departmentId: null, managerId: 2, active: true },
      { id: 2, departmentId: null, managerId: 1, active: true },
    ];
    expect([...collectTeam(1, cyclic, new Map())]).toEqual([2]);
  });

  it('splits department paths written in different ways', () => {
    expect(splitDepartmentPath(' 销售部 / 华东一组 ')).toEqual(['销售部', '华东一组']);
    expect(splitDepartmentPath('销售部／华东一组')).toEqual(['销售部', '华东一组']);
    expect(splitDepartmentPath('//')).toEqual([]);
  });
});

describe('validateOrgRows', () => {
  const row = (extra: Record<string, unknown>) => ({ 部门: '销售部', 姓名: '张三', 工号: 'E1', 角色: '销售', ...extra });

  it('accepts English and Chinese headers alike', () => {
    const result = validateOrgRows(
      [
        { rowNumber: 2, record: row({}) },
        { rowNumber: 3, record: { department: '销售部', name: '李四', employee_no: 'E2', roles: 'rep', manager_employee_no: 'E1', active: 'yes' } },
      ],
      { existingEmployeeNos: new Set() },
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.rows[1]).toMatchObject({ employeeNo: 'E2', managerEmployeeNo: 'E1', roles: ['rep'], active: true });
  });

  it('accepts a manager who is already in the org but not in the file', () => {
    const result = validateOrgRows([{ rowNumber: 2, record: row({ 上级工号: 'OLD1' }) }], { existingEmployeeNos: new Set(['OLD1']) });
    expect(result.ok).toBe(true);
  });

  it.each([
    [row({ 工号: '' }), 'employeeNo'],
    [row({ 工号: 'E 1' }), 'employeeNo'],
    [row({ 部门: '' }), 'department'],
    [row({ 邮箱: 'nope' }), 'email'],
    [row({ 入职日期: '2026/11/01' }), 'joinedOn'],
    [row({ 部门负责人: 'maybe' }), 'isLeader'],
    [row({ 上级工号: 'E1' }), 'managerEmployeeNo'],
  ])('rejects %o on field %s', (record, field) => {
    const result = validateOrgRows([{ rowNumber: 5, record }], { existingEmployeeNos: new Set() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ rowNumber: 5, field }));
  });

  it('rejects two rows claiming the same Feishu open_id', () => {
    const result = validateOrgRows(
      [
        { rowNumber: 2, record: row({ feishu_open_id: 'ou_1' }) },
        { rowNumber: 3, record: row({ 工号: 'E2', feishu_open_id: 'ou_1' }) },
      ],
      { existingEmployeeNos: new Set() },
    );
    expect(result).toMatchObject({ ok: false, errors: [{ rowNumber: 3, field: 'feishuOpenId' }] });
  });

  it('rejects an empty file', () => {
    expect(validateOrgRows([], { existingEmployeeNos: new Set() }).ok).toBe(false);
  });
});
