import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface DingTalkTodoRecord {
  id: string;
  unionId: string;
  /** The x-acs-dingtalk-access-token the call carried (the caller has checked it). */
  accessToken: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * DingTalk to-do, POST /v1.0/todo/users/{unionId}/tasks: `subject` required, `dueTime` epoch ms
 * (a number), `executorIds` / `participantIds` lists of unionIds; answers the to-do with its `id`.
 * A bad body answers HTTP 400 `{code, message, requestid}` as the new-style OpenAPI does.
 */
export function createDingTalkTodos(clock: () => number) {
  const todos: DingTalkTodoRecord[] = [];
  /** PUT /v1.0/todo/users/{unionId}/tasks/{taskId} calls that changed a to-do. */
  const updates: { id: string; unionId: string; body: Record<string, unknown>; at: number }[] = [];

  function send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
  const invalid = (response: ServerResponse, field: string) => send(response, 400, { code: 'invalidParameter', message: `${field} is invalid`, requestid: randomUUID() });
  const unionIds = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0));

  return {
    todos,
    /** Answers the to-do create path; false when the request is not one. */
    updates,
    serve(method: string, path: string, accessToken: string, body: Record<string, unknown>, response: ServerResponse): boolean {
      const put = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks\/([^/]+)$/.exec(path);
      if (method === 'PUT' && put) {
        const [unionId, id] = [decodeURIComponent(put[1] as string), decodeURIComponent(put[2] as string)];
        if (body.dueTime !== undefined && (typeof body.dueTime !== 'number' || !Number.isInteger(body.dueTime))) return invalid(response, 'dueTime'), true;
        if (!todos.some((t) => t.id === id && t.unionId === unionId)) return send(response, 400, { code: 'todoNotExist', message: 'task not found', requestid: randomUUID() }), true;
        updates.push({ id, unionId, body, at: clock() });
        return send(response, 200, { result: true, requestId: randomUUID() }), true;
      }
      const match = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks$/.exec(path);
      if (method !== 'POST' || !match) return false;
      const unionId = decodeURIComponent(match[1] as string);
      if (typeof body.subject !== 'string' || body.subject.trim() === '') return invalid(response, 'subject'), true;
      if (body.dueTime !== undefined && (typeof body.dueTime !== 'number' || !Number.isInteger(body.dueTime))) return invalid(response, 'dueTime'), true;
      if (!unionIds(body.executorIds)) return invalid(response, 'executorIds'), true;
      if (!unionIds(body.participantIds)) return invalid(response, 'participantIds'), true;
      const id = `todo-${randomUUID()}`;
      const at = clock();
      todos.push({ id, unionId, accessToken, body, at });
      send(response, 200, { id, subject: body.subject, dueTime: body.dueTime, executorIds: body.executorIds ?? [], participantIds: body.participantIds ?? [], done: false, creatorId: unionId, createdTime: at, modifiedTime: at, requestId: randomUUID() });
      return true;
    },
  };
}
