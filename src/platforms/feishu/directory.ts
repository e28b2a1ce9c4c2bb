import { z } from 'zod';
import type { DirectoryDepartment, DirectorySnapshot, DirectoryUser, IdentityKind } from '../channel.js';
import type { FeishuApi } from './api.js';

/**
 * Reads Feishu's address book into the neutral DirectorySnapshot: every department under the root
 * (paged), then the users directly in each department (paged), deduplicated by open_id.
 */

const departmentSchema = z.object({
  name: z.string().default(''),
  open_department_id: z.string().min(1),
  parent_department_id: z.string().optional(),
  leader_user_id: z.string().optional(),
  status: z.object({ is_deleted: z.boolean().optional() }).optional(),
});

const userSchema = z.object({
  open_id: z.string().min(1),
  union_id: z.string().optional(),
  user_id: z.string().optional(),
  name: z.string().default(''),
  email: z.string().optional(),
  mobile: z.string().optional(),
  employee_no: z.string().optional(),
  department_ids: z.array(z.string()).default([]),
  leader_user_id: z.string().optional(),
  status: z
    .object({ is_frozen: z.boolean().optional(), is_resigned: z.boolean().optional(), is_activated: z.boolean().optional(), is_exited: z.boolean().optional() })
    .optional(),
});

type Page = { has_more?: boolean; page_token?: string; items?: unknown[] } | undefined;

/** Walks every page; a guard stops a server that keeps answering has_more with the same token. */
async function allPages(fetchPage: (pageToken: string | undefined) => Promise<Page>): Promise<unknown[]> {
  const items: unknown[] = [];
  let pageToken: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(pageToken);
    items.push(...(page?.items ?? []));
    if (!page?.has_more || !page.page_token || seen.has(page.page_token)) return items;
    seen.add(page.page_token);
    pageToken = page.page_token;
  }
}

const emptyToNull = (v: string | undefined) => (v && v.trim() !== '' ? v : null);

export async function fetchFeishuDirectory(api: Pick<FeishuApi, 'listDepartments' | 'listUsersInDepartment'>): Promise<DirectorySnapshot> {
  const departments: DirectoryDepartment[] = [];
  for (const raw of await allPages((token) => api.listDepartments(token) as Promise<Page>)) {
    const parsed = departmentSchema.safeParse(raw);
    if (!parsed.success || parsed.data.status?.is_deleted) continue;
    const d = parsed.data;
    departments.push({
      externalId: d.open_department_id,
      name: d.name,
      parentExternalId: !d.parent_department_id || d.parent_department_id === '0' ? null : d.parent_department_id,
      leaderExternalUserId: emptyToNull(d.leader_user_id),
    });
  }

  const users = new Map<string, DirectoryUser>();
  // '0' is the root department: users placed directly under the company.
  for (const departmentId of ['0', ...departments.map((d) => d.externalId)]) {
    for (const raw of await allPages((token) => api.listUsersInDepartment(departmentId, token) as Promise<Page>)) {
      const parsed = userSchema.safeParse(raw);
      if (!parsed.success || users.has(parsed.data.open_id)) continue;
      const u = parsed.data;
      const ids: { kind: IdentityKind; value: string }[] = [{ kind: 'open_id', value: u.open_id }];
      if (u.union_id) ids.push({ kind: 'union_id', value: u.union_id });
      if (u.user_id) ids.push({ kind: 'user_id', value: u.user_id });
      const left = Boolean(u.status?.is_resigned || u.status?.is_exited || u.status?.is_frozen);
      users.set(u.open_id, {
        externalId: u.open_id,
        ids,
        name: u.name,
        employeeNo: emptyToNull(u.employee_no),
        departmentExternalIds: u.department_ids.filter((id) => id !== '0'),
        managerExternalId: emptyToNull(u.leader_user_id),
        active: !left,
        email: emptyToNull(u.email),
        mobile: emptyToNull(u.mobile),
      });
    }
  }
  return { platform: 'feishu', departments, users: [...users.values()] };
}
