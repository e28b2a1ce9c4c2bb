import type { DirectoryDepartment, DirectorySnapshot, DirectoryUser } from '../channel.js';

/** The TOP API calls the directory needs (the real client, or a fake in tests). */
export interface DirectoryApi {
  oapi<T>(path: string, body: unknown): Promise<T>;
}

const ROOT_DEPT_ID = 1;
const PAGE_SIZE = 100;
/** user/get calls in flight at once: list items lack manager_userid, and 20 QPS is the usual app limit. */
const DETAIL_CONCURRENCY = 5;

interface ListSubAnswer {
  result?: { dept_id: number; name: string; parent_id?: number }[];
}
interface DeptGetAnswer {
  result?: { dept_id: number; name: string };
}
interface UserListItem {
  userid: string;
  unionid?: string;
  name: string;
  job_number?: string;
  dept_id_list?: number[];
  leader?: boolean;
  active?: boolean;
  email?: string;
  org_email?: string;
  mobile?: string;
}
interface UserListAnswer {
  result?: { has_more: boolean; next_cursor?: number; list?: UserListItem[] };
}
interface UserGetAnswer {
  result?: { userid: string; manager_userid?: string; leader_in_dept?: { dept_id: number; leader: boolean }[] };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Reads the DingTalk address book: departments breadth-first from the root (listsub returns one
 * level), users of each department page by page, then each user's manager_userid (only user/get
 * has it). Department leaders come from the list's `leader` flag / user/get's leader_in_dept.
 */
export async function fetchDingTalkDirectory(api: DirectoryApi): Promise<DirectorySnapshot> {
  const root = await api.oapi<DeptGetAnswer>('/topapi/v2/department/get', { dept_id: ROOT_DEPT_ID, language: 'zh_CN' });
  const departments = new Map<number, DirectoryDepartment>();
  departments.set(ROOT_DEPT_ID, { externalId: String(ROOT_DEPT_ID), name: root.result?.name ?? '', parentExternalId: null, leaderExternalUserId: null });
  const queue = [ROOT_DEPT_ID];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    const answer = await api.oapi<ListSubAnswer>('/topapi/v2/department/listsub', { dept_id: parent, language: 'zh_CN' });
    for (const dept of answer.result ?? []) {
      if (departments.has(dept.dept_id)) continue;
      departments.set(dept.dept_id, { externalId: String(dept.dept_id), name: dept.name, parentExternalId: String(parent), leaderExternalUserId: null });
      queue.push(dept.dept_id);
    }
  }

  const users = new Map<string, UserListItem & { deptIds: Set<number> }>();
  for (const deptId of departments.keys()) {
    let cursor = 0;
    for (;;) {
      const page = await api.oapi<UserListAnswer>('/topapi/v2/user/list', {
        dept_id: deptId,
        cursor,
        size: PAGE_SIZE,
        order_field: 'custom',
        contain_access_limit: false,
        language: 'zh_CN',
      });
      for (const item of page.result?.list ?? []) {
        const known = users.get(item.userid) ?? { ...item, deptIds: new Set<number>() };
        known.deptIds.add(deptId);
        for (const id of item.dept_id_list ?? []) known.deptIds.add(id);
        users.set(item.userid, known);
        const dept = departments.get(deptId);
        if (item.leader && dept && !dept.leaderExternalUserId) dept.leaderExternalUserId = item.userid;
      }
      if (!page.result?.has_more || page.result.next_cursor === undefined) break;
      cursor = page.result.next_cursor;
    }
  }

  const details = await mapLimited([...users.keys()], DETAIL_CONCURRENCY, (userid) => api.oapi<UserGetAnswer>('/topapi/v2/user/get', { userid, language: 'zh_CN' }));
  const managerOf = new Map<string, string>();
  for (const detail of details) {
    const result = detail.result;
    if (!result) continue;
    if (result.manager_userid) managerOf.set(result.userid, result.manager_userid);
    for (const lead of result.leader_in_dept ?? []) {
      const dept = departments.get(lead.dept_id);
      if (lead.leader && dept && !dept.leaderExternalUserId) dept.leaderExternalUserId = result.userid;
    }
  }

  const directoryUsers: DirectoryUser[] = [...users.values()].map((u) => ({
    externalId: u.userid,
    ids: [{ kind: 'userId' as const, value: u.userid }, ...(u.unionid ? [{ kind: 'unionId' as const, value: u.unionid }] : [])],
    name: u.name,
    employeeNo: u.job_number?.trim() || null,
    departmentExternalIds: [...u.deptIds].filter((id) => departments.has(id)).map(String),
    managerExternalId: managerOf.get(u.userid) ?? null,
    active: u.active !== false,
    email: u.org_email || u.email || null,
    mobile: u.mobile || null,
  }));
  return { platform: 'dingtalk', departments: [...departments.values()], users: directoryUsers };
}
