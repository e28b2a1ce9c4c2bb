/** The simulator's address book, in DingTalk's TOP API shapes. */
export interface SimDepartment {
  dept_id: number;
  name: string;
  parent_id: number;
}

export interface SimUser {
  userid: string;
  unionid: string;
  name: string;
  job_number?: string;
  dept_id_list: number[];
  /** Departments this user leads. */
  leader_of?: number[];
  manager_userid?: string;
  active?: boolean;
  email?: string;
  mobile?: string;
}

export interface SimDirectory {
  corpName: string;
  departments: SimDepartment[];
  users: SimUser[];
}

/** The demo org as DingTalk would hold it: employee numbers as job_number, userIds like the import file's. */
export function demoDirectory(): SimDirectory {
  const departments: SimDepartment[] = [
    { dept_id: 10, name: '销售部', parent_id: 1 },
    { dept_id: 11, name: '华东一组', parent_id: 10 },
    { dept_id: 12, name: '华南二组', parent_id: 10 },
    { dept_id: 20, name: '人力资源部', parent_id: 1 },
  ];
  const users: SimUser[] = [
    { userid: 'dt-s000', unionid: 'u-s000', name: '周总监', job_number: 'S000', dept_id_list: [10], leader_of: [10] },
    { userid: 'dt-s100', unionid: 'u-s100', name: '王经理', job_number: 'S100', dept_id_list: [11], leader_of: [11], manager_userid: 'dt-s000' },
    { userid: 'dt-s200', unionid: 'u-s200', name: '陈经理', job_number: 'S200', dept_id_list: [12], leader_of: [12], manager_userid: 'dt-s000' },
    { userid: 'dt-h001', unionid: 'u-h001', name: '林HR', job_number: 'H001', dept_id_list: [20], leader_of: [20] },
  ];
  const reps: [string, string, number, string][] = [
    ['S101', '张三', 11, 'dt-s100'],
    ['S102', '李四', 11, 'dt-s100'],
    ['S103', '赵敏', 11, 'dt-s100'],
    ['S104', '钱多多', 11, 'dt-s100'],
    ['S105', '孙悦', 11, 'dt-s100'],
    ['S201', '刘洋', 12, 'dt-s200'],
    ['S202', '黄晓明', 12, 'dt-s200'],
    ['S203', '吴倩', 12, 'dt-s200'],
    ['S204', '郑凯', 12, 'dt-s200'],
    ['S205', '何静', 12, 'dt-s200'],
  ];
  for (const [no, name, dept, manager] of reps) {
    users.push({ userid: `dt-${no.toLowerCase()}`, unionid: `u-${no.toLowerCase()}`, name, job_number: no, dept_id_list: [dept], manager_userid: manager, mobile: `138000${no.slice(1)}00` });
  }
  return { corpName: '示例销售公司', departments, users };
}
