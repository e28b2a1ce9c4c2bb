import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_TEST_APP } from '../../helpers/feishu.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../simulators/dingtalk/simulator.js';
import { startFeishuSimulator, type FeishuSimulator } from '../../simulators/feishu/server.js';

// The simulators answer a body the platform would refuse with the platform's own error shape, so a
// client that drops a required field fails in tests as it would in production.
const post = async (url: string, headers: Record<string, string>, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Feishu simulator: POST /open-apis/task/v2/tasks', () => {
  let sim: FeishuSimulator;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    const token = await post(`${sim.url}/open-apis/auth/v3/tenant_access_token/internal`, {}, { app_id: FEISHU_TEST_APP.appId, app_secret: FEISHU_TEST_APP.appSecret });
    auth = { authorization: `Bearer ${String(token.body.tenant_access_token)}` };
  });
  afterAll(async () => sim.close());

  it.each([
    ['no summary', { due: { timestamp: '1798675200000', is_all_day: true } }],
    ['a numeric due timestamp', { summary: 'x', due: { timestamp: 1798675200000, is_all_day: true } }],
    ['a member without a role', { summary: 'x', members: [{ id: 'ou_s101', type: 'user' }] }],
  ])('refuses %s with HTTP 400 and code 1470400, recording nothing', async (_name, body) => {
    const before = sim.tasks.length;
    const answer = await post(`${sim.url}/open-apis/task/v2/tasks?user_id_type=open_id`, auth, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 1470400 });
    expect(sim.tasks.length).toBe(before);
  });

  it('refuses a call without the tenant token', async () => {
    const answer = await post(`${sim.url}/open-apis/task/v2/tasks`, {}, { summary: 'x' });
    expect(answer).toMatchObject({ status: 401, body: { code: 99991663 } });
  });

  it('answers data.task.guid, and the same one for a client_token seen before', async () => {
    const body = { summary: 'x', client_token: 'k-1', members: [{ id: 'ou_s101', type: 'user', role: 'assignee' }] };
    const first = await post(`${sim.url}/open-apis/task/v2/tasks?user_id_type=open_id`, auth, body);
    const again = await post(`${sim.url}/open-apis/task/v2/tasks?user_id_type=open_id`, auth, body);
    const guid = (first.body.data as { task: { guid: string } }).task.guid;
    expect(first.body).toMatchObject({ code: 0, data: { task: { guid: expect.any(String) } } });
    expect((again.body.data as { task: { guid: string } }).task.guid).toBe(guid);
    expect(sim.tasks.filter((t) => t.guid === guid)).toHaveLength(1);
  });
});

describe('Feishu simulator: PATCH /open-apis/task/v2/tasks/:guid', () => {
  let sim: FeishuSimulator;
  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
  });
  afterAll(async () => sim.close());

  it('refuses a patch without update_fields (1470400) and an unknown guid (1470404)', async () => {
    const token = await post(`${sim.url}/open-apis/auth/v3/tenant_access_token/internal`, {}, { app_id: FEISHU_TEST_APP.appId, app_secret: FEISHU_TEST_APP.appSecret });
    const auth = { authorization: `Bearer ${String(token.body.tenant_access_token)}` };
    const patch = async (guid: string, body: unknown) => {
      const res = await fetch(`${sim.url}/open-apis/task/v2/tasks/${guid}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const due = { due: { timestamp: '1798675200000', is_all_day: true } };
    expect(await patch('g-unknown', { task: due })).toMatchObject({ status: 400, body: { code: 1470400 } });
    expect(await patch('g-unknown', { task: due, update_fields: ['due'] })).toMatchObject({ status: 404, body: { code: 1470404 } });
    expect(sim.taskUpdates).toHaveLength(0);
  });
});

describe('DingTalk simulator: POST /v1.0/todo/users/{unionId}/tasks', () => {
  let sim: DingTalkSimulator;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sim = await startDingTalkSimulator();
    const token = await post(`${sim.url}/v1.0/oauth2/accessToken`, {}, { appKey: sim.clientId, appSecret: sim.clientSecret });
    auth = { 'x-acs-dingtalk-access-token': String(token.body.accessToken) };
  });
  afterAll(async () => sim.close());

  it.each([
    ['no subject', { dueTime: 1798711200000, executorIds: ['u1'] }],
    ['a dueTime given as a string', { subject: 'x', dueTime: '1798711200000' }],
    ['executorIds that are not a list of unionIds', { subject: 'x', executorIds: 'u1' }],
  ])('refuses %s with HTTP 400 {code, message, requestid}, recording nothing', async (_name, body) => {
    const before = sim.todos.length;
    const answer = await post(`${sim.url}/v1.0/todo/users/u1/tasks`, auth, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalidParameter', message: expect.any(String), requestid: expect.any(String) });
    expect(sim.todos.length).toBe(before);
  });

  it('refuses a PUT to a to-do it never made', async () => {
    const res = await fetch(`${sim.url}/v1.0/todo/users/u1/tasks/todo-unknown`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ dueTime: 1798711200000 }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'todoNotExist' });
    expect(sim.todoUpdates).toHaveLength(0);
  });

  it('refuses a call without the access token header', async () => {
    const answer = await post(`${sim.url}/v1.0/todo/users/u1/tasks`, {}, { subject: 'x' });
    expect(answer).toMatchObject({ status: 401, body: { code: 'InvalidAuthentication' } });
  });
});
