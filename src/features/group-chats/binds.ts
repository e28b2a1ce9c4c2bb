import { inTransaction } from '../../db/client.js';
import { createGroupBindRepository, type GroupBind } from '../../db/repositories/group-binds.js';
import { mayManageGroupFor } from '../../domain/group-chat/group-rules.js';
import type { PlatformName } from '../../domain/platform-name.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../records/refusals.js';

/** The group chat a command came from (its platform's id for the chat). */
export interface GroupRef {
  platform: PlatformName;
  chatId: string;
}

/** Finds a department by its name or full path; a name several departments share must be given as a path. */
async function departmentNamed(deps: AppDeps, name: string) {
  const departments = await deps.org.listDepartments();
  const byPath = departments.find((d) => d.path === name);
  if (byPath) return { department: byPath, departments };
  const matches = departments.filter((d) => d.name === name);
  if (matches.length === 0) throw refuse('NOT_FOUND', 'group.bind.unknownDepartment', { name });
  if (matches.length > 1) throw refuse('VALIDATION_FAILED', 'group.bind.ambiguousDepartment', { name, example: matches[0]?.path ?? name });
  return { department: matches[0] as (typeof departments)[number], departments };
}

/**
 * 绑定群: binds the group to a department, for a manager of it or an admin. `member` is what the
 * platform said of the bot's membership (checked by the door before, outside any transaction).
 */
export async function bindGroup(deps: AppDeps, actor: Actor, input: GroupRef & { departmentName: string; member: boolean }): Promise<{ bind: GroupBind; department: string }> {
  const { department, departments } = await departmentNamed(deps, input.departmentName.trim());
  if (!mayManageGroupFor(actor.user, department.id, departments)) throw refuse('FORBIDDEN', 'group.bind.forbidden');
  if (!input.member) throw refuse('CONFLICT', 'group.bind.notMember');
  const repository = createGroupBindRepository(deps.db);
  const bind = await inTransaction(deps.db, () => repository.bind({ platform: input.platform, chatId: input.chatId, departmentId: department.id, boundByUserId: actor.user.id, now: actor.now }));
  deps.logger.info({ platform: input.platform, bindId: bind.id, departmentId: department.id }, 'group bound');
  return { bind, department: department.name };
}

/** Removes a bind, for a manager of its department or an admin. */
async function removeBind(deps: AppDeps, actor: Actor, bind: GroupBind): Promise<string> {
  const departments = await deps.org.listDepartments();
  if (!mayManageGroupFor(actor.user, bind.departmentId, departments)) throw refuse('FORBIDDEN', 'group.bind.forbidden');
  await inTransaction(deps.db, () => createGroupBindRepository(deps.db).remove(bind.id));
  deps.logger.info({ platform: bind.platform, bindId: bind.id }, 'group unbound');
  return departments.find((d) => d.id === bind.departmentId)?.name ?? '';
}

/** 解绑群: the group the command came from; nothing is posted there afterwards. */
export async function unbindGroup(deps: AppDeps, actor: Actor, input: GroupRef): Promise<{ department: string }> {
  const bind = await createGroupBindRepository(deps.db).byChat(input.platform, input.chatId);
  if (!bind) throw refuse('NOT_FOUND', 'group.unbind.notBound');
  return { department: await removeBind(deps, actor, bind) };
}

/** The admin channels page: every bound group. */
export async function listGroupBinds(deps: AppDeps) {
  return (await createGroupBindRepository(deps.db).list()).map(({ bind, department, departmentPath, boundBy }) => ({
    id: bind.id,
    platform: bind.platform,
    chatId: bind.chatId,
    department,
    departmentPath,
    topN: bind.topN,
    winPosts: bind.winPosts,
    boundBy,
    boundAt: bind.boundAt,
    gone: bind.goneAt !== null,
  }));
}

/** The admin page's 删除. */
export async function removeGroupBind(deps: AppDeps, actor: Actor, input: { id: number }): Promise<void> {
  const bind = await createGroupBindRepository(deps.db).get(input.id);
  if (!bind) throw refuse('NOT_FOUND', 'group.bind.notFound');
  await removeBind(deps, actor, bind);
}

/** The per-group settings: how many the weekly post shows, and whether 喜报 are posted. */
export async function updateGroupBind(deps: AppDeps, actor: Actor, input: { id: number; topN?: number; winPosts?: boolean }): Promise<void> {
  const repository = createGroupBindRepository(deps.db);
  const bind = await repository.get(input.id);
  if (!bind) throw refuse('NOT_FOUND', 'group.bind.notFound');
  if (!mayManageGroupFor(actor.user, bind.departmentId, await deps.org.listDepartments())) throw refuse('FORBIDDEN', 'group.bind.forbidden');
  await inTransaction(deps.db, () => repository.update(bind.id, { ...(input.topN !== undefined ? { topN: input.topN } : {}), ...(input.winPosts !== undefined ? { winPosts: input.winPosts } : {}) }));
}
