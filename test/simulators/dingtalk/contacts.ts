import { randomUUID } from 'node:crypto';
import type { SimDirectory } from './directory-data.js';

/** The TOP contact API (oapi, HTTP 200 with errcode) over the simulator's address book. */
export function createContactsApi(directory: SimDirectory) {
  return function contacts(path: string, body: Record<string, unknown>): unknown {
    const ok = (result: unknown) => ({ errcode: 0, errmsg: 'ok', result, request_id: randomUUID() });
    if (path === '/topapi/v2/department/get') {
      const id = Number(body.dept_id ?? 1);
      if (id === 1) return ok({ dept_id: 1, name: directory.corpName });
      const dept = directory.departments.find((d) => d.dept_id === id);
      return dept ? ok(dept) : { errcode: 60003, errmsg: '部门不存在' };
    }
    if (path === '/topapi/v2/department/listsub') {
      const id = Number(body.dept_id ?? 1);
      return ok(directory.departments.filter((d) => d.parent_id === id).map((d) => ({ ...d, create_dept_group: false, auto_add_user: false })));
    }
    if (path === '/topapi/v2/user/list') {
      const deptId = Number(body.dept_id);
      const cursor = Number(body.cursor);
      const size = Number(body.size);
      if (!Number.isInteger(cursor) || !Number.isInteger(size) || size < 1 || size > 100) return { errcode: 40035, errmsg: '不合法的参数' };
      const members = directory.users.filter((u) => u.dept_id_list.includes(deptId));
      const page = members.slice(cursor, cursor + size).map((u) => ({
        userid: u.userid,
        unionid: u.unionid,
        name: u.name,
        job_number: u.job_number ?? '',
        dept_id_list: u.dept_id_list,
        leader: (u.leader_of ?? []).includes(deptId),
        active: u.active ?? true,
        email: u.email ?? '',
        mobile: u.mobile ?? '',
      }));
      const hasMore = cursor + size < members.length;
      return ok({ has_more: hasMore, ...(hasMore ? { next_cursor: cursor + size } : {}), list: page });
    }
    if (path === '/topapi/v2/user/get') {
      const user = directory.users.find((u) => u.userid === body.userid);
      if (!user) return { errcode: 60121, errmsg: '找不到该用户' };
      return ok({
        userid: user.userid,
        unionid: user.unionid,
        name: user.name,
        job_number: user.job_number ?? '',
        dept_id_list: user.dept_id_list,
        leader_in_dept: user.dept_id_list.map((d) => ({ dept_id: d, leader: (user.leader_of ?? []).includes(d) })),
        ...(user.manager_userid ? { manager_userid: user.manager_userid } : {}),
        active: user.active ?? true,
      });
    }
    return { errcode: 404, errmsg: `unknown ${path}` };
  };
}
