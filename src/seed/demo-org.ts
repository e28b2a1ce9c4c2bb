/**
 * The demo org: one sales department with two teams, a manager each, ten reps, an HR officer and an
 * admin. It goes in through the same import as a customer's spreadsheet would.
 */
export const DEMO_ORG_ROWS: Record<string, string>[] = [
  { department: '销售部', name: '周总监', employee_no: 'S000', roles: 'manager', is_leader: '是' },
  { department: '销售部/华东一组', name: '王经理', employee_no: 'S100', roles: 'manager,rep', is_leader: '是', manager_employee_no: 'S000' },
  { department: '销售部/华东一组', name: '张三', employee_no: 'S101', roles: 'rep' },
  { department: '销售部/华东一组', name: '李四', employee_no: 'S102', roles: 'rep' },
  { department: '销售部/华东一组', name: '赵敏', employee_no: 'S103', roles: 'rep' },
  { department: '销售部/华东一组', name: '钱多多', employee_no: 'S104', roles: 'rep' },
  { department: '销售部/华东一组', name: '孙悦', employee_no: 'S105', roles: 'rep' },
  { department: '销售部/华南二组', name: '陈经理', employee_no: 'S200', roles: 'manager,rep', is_leader: '是', manager_employee_no: 'S000' },
  { department: '销售部/华南二组', name: '刘洋', employee_no: 'S201', roles: 'rep' },
  { department: '销售部/华南二组', name: '黄晓明', employee_no: 'S202', roles: 'rep' },
  { department: '销售部/华南二组', name: '吴倩', employee_no: 'S203', roles: 'rep' },
  { department: '销售部/华南二组', name: '郑凯', employee_no: 'S204', roles: 'rep' },
  { department: '销售部/华南二组', name: '何静', employee_no: 'S205', roles: 'rep' },
  { department: '人力资源部', name: '林HR', employee_no: 'H001', roles: 'hr', is_leader: '是' },
  { department: '信息部', name: '系统管理员', employee_no: 'A001', roles: 'admin,hr', is_leader: '是' },
];
