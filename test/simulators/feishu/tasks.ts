import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FeishuTaskRecord {
  guid: string;
  /** The query string's user_id_type, as sent. */
  userIdType: string | null;
  authorization: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * Feishu task v2, POST /open-apis/task/v2/tasks (the caller has checked the tenant token): the body
 * as the node-sdk types it (summary required; due {timestamp: ms as a string, is_all_day}; members
 * [{id, type, role: assignee|follower}]), answered `{code: 0, data: {task: {guid, ...}}}`. A bad body
 * answers HTTP 400 with task v2's invalid-parameter code 1470400; a client_token seen before answers
 * the task it made, as Feishu's idempotent create does.
 */
export function createFeishuTasks(clock: () => number) {
  const tasks: FeishuTaskRecord[] = [];
  /** PATCH /open-apis/task/v2/tasks/:guid calls that changed a task. */
  const updates: { guid: string; userIdType: string | null; body: Record<string, unknown>; at: number }[] = [];
  const byToken = new Map<string, string>();

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  function problem(body: Record<string, unknown>, userIdType: string | null): string | null {
    if (userIdType !== null && !['open_id', 'union_id', 'user_id'].includes(userIdType)) return 'user_id_type';
    if (typeof body.summary !== 'string' || body.summary.trim() === '') return 'summary';
    const due = body.due as { timestamp?: unknown; is_all_day?: unknown } | undefined;
    if (due !== undefined && (typeof due.timestamp !== 'string' || !/^\d+$/.test(due.timestamp) || (due.is_all_day !== undefined && typeof due.is_all_day !== 'boolean'))) return 'due';
    const members = body.members;
    if (members !== undefined) {
      if (!Array.isArray(members)) return 'members';
      for (const m of members as { id?: unknown; type?: unknown; role?: unknown }[]) {
        if (typeof m.id !== 'string' || !m.id || !['assignee', 'follower'].includes(String(m.role)) || (m.type !== undefined && !['user', 'app'].includes(String(m.type)))) return 'members';
      }
    }
    return null;
  }

  return {
    tasks,
    /** Answers the task create path; false when the request is not one. */
    updates,
    /** Forgets every task and client_token (a new tenant for the next test). */
    reset(): void {
      tasks.length = 0;
      updates.length = 0;
      byToken.clear();
    },
    async serve(req: IncomingMessage, path: string, url: URL, res: ServerResponse, readBody: () => Promise<unknown>): Promise<boolean> {
      const patch = /^\/open-apis\/task\/v2\/tasks\/([^/]+)$/.exec(path);
      if (req.method === 'PATCH' && patch) {
        const body = (await readBody()) as Record<string, unknown>;
        this.patch(decodeURIComponent(patch[1] as string), body, url, res);
        return true;
      }
      if (req.method !== 'POST' || path !== '/open-apis/task/v2/tasks') return false;
      const body = (await readBody()) as Record<string, unknown>;
      const userIdType = url.searchParams.get('user_id_type');
      const invalid = problem(body, userIdType);
      if (invalid) {
        json(res, 400, { code: 1470400, msg: `invalid param: ${invalid}` });
        return true;
      }
      const token = typeof body.client_token === 'string' ? body.client_token : undefined;
      let guid = token ? byToken.get(token) : undefined;
      if (!guid) {
        guid = randomUUID();
        if (token) byToken.set(token, guid);
        tasks.push({ guid, userIdType, authorization: req.headers.authorization ?? '', body, at: clock() });
      }
      json(res, 200, { code: 0, msg: 'success', data: { task: { guid, summary: body.summary, due: body.due, members: body.members, url: `https://applink.feishu.cn/client/todo/detail?guid=${guid}` } } });
      return true;
    },
    /** Task v2 patch: `update_fields` names what changes, `task` carries it; an unknown guid answers 1470404. */
    patch(guid: string, body: Record<string, unknown>, url: URL, res: ServerResponse): void {
      const fields = body.update_fields;
      const task = body.task as Record<string, unknown> | undefined;
      if (!Array.isArray(fields) || fields.length === 0 || !task || typeof task !== 'object') return json(res, 400, { code: 1470400, msg: 'invalid param: update_fields/task' });
      if (fields.includes('due') && problem({ summary: 'x', due: task.due }, null)) return json(res, 400, { code: 1470400, msg: 'invalid param: due' });
      if (!tasks.some((t) => t.guid === guid)) return json(res, 404, { code: 1470404, msg: 'task not found' });
      updates.push({ guid, userIdType: url.searchParams.get('user_id_type'), body, at: clock() });
      return json(res, 200, { code: 0, msg: 'success', data: { task: { guid, ...task } } });
    },
  };
}
