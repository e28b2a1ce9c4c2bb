import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFeishuFileStore } from './files.js';
import { createLongConnectionServer, type LongConnectionServer } from './long-connection.js';

/**
 * A Feishu open platform stand-in on 127.0.0.1: tenant token, message create/reply/patch, card
 * update, paged contact endpoints, the long-connection endpoint. It enforces what Feishu enforces
 * (bearer token, uuid dedupe for an hour, 30 KB cards, 50/s per app, 5/s per receiver) and can be
 * told to answer 429 / 5xx / 230020 for a while. Everything the bot sent is recorded.
 */

import { createFeishuResources } from './resources.js';
import { createFeishuChats } from './chats.js';
import { createFeishuTasks } from './tasks.js';
export interface SentRecord {
  messageId: string;
  kind: 'create' | 'reply';
  receiveIdType?: string;
  receiveId?: string;
  replyTo?: string;
  msgType: string;
  content: unknown;
  uuid?: string;
  at: number;
}

export interface Fault {
  /** 'slow': the message is sent, but the answer comes `delayMs` late (a client timeout must not double it). */
  kind: '429' | '5xx' | '230020' | 'slow';
  /** Active until this instant on the simulator's clock (fail), or for this many more calls (failNext). */
  until: number;
  remaining?: number;
  resetSeconds?: number;
  delayMs?: number;
}

export interface SimDepartment {
  open_department_id: string;
  department_id?: string;
  name: string;
  parent_department_id: string;
  leader_user_id?: string;
  status?: { is_deleted: boolean };
}

export interface SimUser {
  open_id: string;
  union_id?: string;
  user_id?: string;
  name: string;
  employee_no?: string;
  department_ids: string[];
  leader_user_id?: string;
  email?: string;
  mobile?: string;
  status?: { is_resigned?: boolean; is_frozen?: boolean; is_exited?: boolean; is_activated?: boolean };
}

/** Who a login code belongs to, as /authen/v1/user_info reports it. */
export interface LoginPerson {
  open_id: string;
  union_id?: string;
  user_id?: string;
  name: string;
}

export interface FeishuSimulatorOptions {
  appId: string;
  appSecret: string;
  /** Page size the contact endpoints use at most, whatever the client asks (to exercise paging). */
  contactPageSize?: number;
  /**
   * The simulator's clock (Date.now by default): the per-second windows, fault windows, code expiry
   * and the `at` of every record. A test pacing the client on a virtual clock gives it the same one.
   */
  clock?: () => number;
  /** false lifts Feishu's rate limits (a benchmark measures the service, not the platform). */
  limits?: boolean;
  /** Picks the long connection each event goes to (Math.random by default; a test may seed it). */
  random?: () => number;
}

const CARD_MAX_BYTES = 30 * 1024;

/** The bot's own open_id, as bot/v3/info reports it; the event client @mentions it in groups. */
export const FEISHU_BOT_OPEN_ID = 'ou_bot';

export async function startFeishuSimulator(options: FeishuSimulatorOptions) {
  const clock = options.clock ?? Date.now;
  const tokens = new Set<string>();
  const sent: SentRecord[] = [];
  const patches: { messageId: string; content: unknown; at: number }[] = [];
  const cardUpdates: { token: string; card: unknown; at: number }[] = [];
  const byUuid = new Map<string, { messageId: string; at: number }>();
  const faults: Fault[] = [];
  /** Every message API call, accepted or not: to see throttling and retries. */
  const attempts: { path: string; status: number; at: number }[] = [];
  const appCalls: number[] = [];
  const receiverCalls = new Map<string, number[]>();
  let departments: SimDepartment[] = [];
  let users: SimUser[] = [];
  let nextMessage = 1;
  /** H5 login (authen v2): one-time codes and the user tokens they became. */
  const loginCodes = new Map<string, { person: LoginPerson; expiresAt: number; used: boolean }>();
  const userTokens = new Map<string, LoginPerson>();
  /** Every call to the token exchange, good code or not (what an unauthenticated login flood costs). */
  let loginExchanges = 0;
  /** A share of message calls answered 5xx at random (seeded, so a run is reproducible). */
  let randomFailure: { share: number; state: number } | null = null;
  function nextRandom(): number {
    if (!randomFailure) return 1;
    // mulberry32
    randomFailure.state = (randomFailure.state + 0x6d2b79f5) | 0;
    let x = randomFailure.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
  const files = createFeishuFileStore(clock);
  const resources = createFeishuResources();
  const chats = createFeishuChats();
  const taskApi = createFeishuTasks(clock);

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as unknown) : {};
  }

  /** Feishu's own limits: 50/s per app (429 with reset header) and 5/s per receiver (230020). */
  function platformLimit(res: ServerResponse, receiver: string, now: number): boolean {
    if (options.limits === false) return false;
    while (appCalls.length && (appCalls[0] as number) <= now - 1000) appCalls.shift();
    const list = (receiverCalls.get(receiver) ?? []).filter((t) => t > now - 1000);
    if (appCalls.length >= 50) {
      json(res, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' });
      return true;
    }
    if (list.length >= 5) {
      json(res, 400, { code: 230020, msg: 'This operation triggers the frequency limit.' });
      return true;
    }
    appCalls.push(now);
    list.push(now);
    receiverCalls.set(receiver, list);
    return false;
  }

  /** The fault for this call, if any: a window still open, or a count not used up (which this call uses). */
  function takeFault(now: number, which: (f: Fault) => boolean): Fault | undefined {
    const fault = faults.find((f) => which(f) && (f.remaining === undefined ? f.until > now : f.remaining > 0));
    if (fault?.remaining !== undefined) fault.remaining -= 1;
    return fault;
  }

  function injectedFault(res: ServerResponse, now: number): boolean {
    if (randomFailure && nextRandom() < randomFailure.share) {
      json(res, 503, { code: 1500, msg: 'service unavailable' });
      return true;
    }
    const fault = takeFault(now, (f) => f.kind !== 'slow');
    if (!fault) return false;
    if (fault.kind === '429') {
      // Seconds left until the window ends, as Feishu's gateway reports it.
      const reset = fault.resetSeconds ?? (fault.remaining === undefined ? Math.max(1, Math.ceil((fault.until - now) / 1000)) : 1);
      json(res, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': String(reset) });
    } else if (fault.kind === '230020') {
      json(res, 400, { code: 230020, msg: 'This operation triggers the frequency limit.' });
    } else {
      json(res, 503, { code: 1500, msg: 'service unavailable' });
    }
    return true;
  }

  function validateContent(msgType: unknown, content: unknown): { ok: true; parsed: unknown } | { ok: false; code: number; msg: string } {
    if (msgType !== 'text' && msgType !== 'interactive' && msgType !== 'file') return { ok: false, code: 230001, msg: 'unsupported msg_type in simulator' };
    if (typeof content !== 'string') return { ok: false, code: 99992402, msg: 'content must be a JSON string' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return { ok: false, code: 99992402, msg: 'content is not JSON' };
    }
    if (msgType === 'text' && typeof (parsed as { text?: unknown }).text !== 'string') return { ok: false, code: 230001, msg: 'text content needs text' };
    if (msgType === 'file' && !files.has((parsed as { file_key?: unknown }).file_key)) return { ok: false, code: 230001, msg: 'invalid file_key' };
    if (msgType === 'interactive') {
      if (Buffer.byteLength(content, 'utf8') > CARD_MAX_BYTES) return { ok: false, code: 230025, msg: 'card content exceeds 30KB' };
      const card = parsed as { schema?: unknown; body?: { elements?: unknown } };
      if (card.schema !== '2.0' || !Array.isArray(card.body?.elements)) return { ok: false, code: 230099, msg: 'Failed to create card content, ErrCode: 200861' };
    }
    return { ok: true, parsed };
  }

  async function sendMessage(req: IncomingMessage, res: ServerResponse, url: URL, replyTo: string | undefined) {
    const now = clock();
    const body = (await readBody(req)) as { receive_id?: string; msg_type?: string; content?: unknown; uuid?: string };
    const receiver = replyTo ? `reply:${replyTo}` : String(body.receive_id);
    const path = url.pathname;
    if (injectedFault(res, now) || platformLimit(res, receiver, now)) {
      attempts.push({ path, status: res.statusCode, at: now });
      return;
    }
    const slow = takeFault(now, (f) => f.kind === 'slow');
    attempts.push({ path, status: 200, at: now });
    if (body.uuid !== undefined && (typeof body.uuid !== 'string' || body.uuid.length > 50)) return json(res, 400, { code: 99992402, msg: 'field validation failed: uuid' });
    const check = validateContent(body.msg_type, body.content);
    if (!check.ok) return json(res, 400, { code: check.code, msg: check.msg });
    if (chats.refusesSend(url.searchParams.get('receive_id_type'), body.receive_id)) return json(res, 400, { code: 230002, msg: 'Bot is not in the chat' });
    // Same uuid within an hour: Feishu answers with the first message and sends nothing new.
    const previous = body.uuid ? byUuid.get(body.uuid) : undefined;
    if (previous && previous.at > now - 3600_000) return json(res, 200, { code: 0, msg: 'success', data: { message_id: previous.messageId } });
    const messageId = `om_sim_${String(nextMessage++).padStart(6, '0')}`;
    if (body.uuid) byUuid.set(body.uuid, { messageId, at: now });
    sent.push({
      messageId,
      kind: replyTo ? 'reply' : 'create',
      ...(replyTo ? { replyTo } : { receiveIdType: url.searchParams.get('receive_id_type') ?? '', receiveId: String(body.receive_id) }),
      msgType: String(body.msg_type),
      content: check.parsed,
      ...(body.uuid ? { uuid: body.uuid } : {}),
      at: now,
    });
    const answer = () => json(res, 200, { code: 0, msg: 'success', data: { message_id: messageId, msg_type: body.msg_type } });
    if (slow) setTimeout(answer, slow.delayMs ?? 1000);
    else answer();
  }

  function page<T>(items: T[], url: URL): { has_more: boolean; page_token?: string; items: T[] } {
    const size = Math.min(Number(url.searchParams.get('page_size') ?? 50), options.contactPageSize ?? 50);
    const start = Number(url.searchParams.get('page_token') ?? 0);
    const slice = items.slice(start, start + size);
    const more = start + size < items.length;
    return { has_more: more, ...(more ? { page_token: String(start + size) } : {}), items: slice };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (req.method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const body = (await readBody(req)) as { app_id?: string; app_secret?: string };
      if (body.app_id !== options.appId || body.app_secret !== options.appSecret) return json(res, 400, { code: 10014, msg: 'app secret invalid' });
      const token = `t-sim-${randomBytes(8).toString('hex')}`;
      tokens.add(token);
      return json(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    if (req.method === 'POST' && path === '/open-apis/authen/v2/oauth/token') {
      loginExchanges += 1;
      const body = (await readBody(req)) as { grant_type?: string; client_id?: string; client_secret?: string; code?: string };
      if (body.client_id !== options.appId || body.client_secret !== options.appSecret) return json(res, 400, { code: 20002, error: 'invalid_client' });
      if (body.grant_type !== 'authorization_code') return json(res, 400, { code: 20001, error: 'unsupported_grant_type' });
      const issued = loginCodes.get(String(body.code));
      if (!issued || issued.used) return json(res, 400, { code: 20003, error: 'invalid_grant', error_description: 'code not found or already used' });
      issued.used = true;
      if (issued.expiresAt < clock()) return json(res, 400, { code: 20004, error: 'invalid_grant', error_description: 'code expired' });
      const token = `u-sim-${randomBytes(8).toString('hex')}`;
      userTokens.set(token, issued.person);
      return json(res, 200, { code: 0, access_token: token, expires_in: 7200, token_type: 'Bearer', scope: '' });
    }
    if (req.method === 'GET' && path === '/open-apis/authen/v1/user_info') {
      const person = userTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!person) return json(res, 401, { code: 99991668, msg: 'Invalid access token for authorization.' });
      return json(res, 200, { code: 0, msg: 'success', data: { ...person, tenant_key: 'sim-tenant', avatar_url: '' } });
    }
    if (req.method === 'POST' && path === '/callback/ws/endpoint') {
      const body = (await readBody(req)) as { AppID?: string; AppSecret?: string };
      if (body.AppID !== options.appId || body.AppSecret !== options.appSecret ) return json(res, 200, { code: 1000040345, msg: 'app not found or secret wrong' });
      return json(res, 200, { code: 0, msg: 'ok', data: longConnection.endpoint() });
    }
    if (path.startsWith('/open-apis/')) {
      const auth = req.headers.authorization ?? '';
      if (!tokens.has(auth.replace(/^Bearer /, ''))) return json(res, 401, { code: 99991663, msg: 'Invalid access token for authorization.' });
    }
    let match: RegExpExecArray | null;
    // The documented shape: the bot object sits under `bot`, not `data`.
    if (req.method === 'GET' && path === '/open-apis/bot/v3/info') {
      return json(res, 200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: '考核助手', avatar_url: '', ip_white_list: [], open_id: FEISHU_BOT_OPEN_ID } });
    }
    if (req.method === 'POST' && path === '/open-apis/im/v1/files') return files.upload(req, res);
    if (resources.serve(req.method ?? 'GET', path, url, res)) return;
    if (chats.serve(req.method ?? 'GET', path, res, json)) return;
    if (await taskApi.serve(req, path, url, res, () => readBody(req))) return;
    if (req.method === 'POST' && path === '/open-apis/im/v1/messages') return sendMessage(req, res, url, undefined);
    if (req.method === 'POST' && (match = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path))) return sendMessage(req, res, url, match[1]);
    if (req.method === 'PATCH' && (match = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path))) {
      const now = clock();
      if (injectedFault(res, now)) return;
      const body = (await readBody(req)) as { content?: unknown };
      const check = validateContent('interactive', body.content);
      if (!check.ok) return json(res, 400, { code: check.code, msg: check.msg });
      patches.push({ messageId: match[1] as string, content: check.parsed, at: now });
      return json(res, 200, { code: 0, msg: 'success', data: {} });
    }
    if (req.method === 'POST' && path === '/open-apis/interactive/v1/card/update') {
      const body = (await readBody(req)) as { token?: string; card?: unknown };
      if (!body.token?.startsWith('c-')) return json(res, 400, { code: 200002, msg: 'invalid token' });
      cardUpdates.push({ token: body.token, card: body.card, at: clock() });
      return json(res, 200, { code: 0, msg: 'success' });
    }
    if (req.method === 'GET' && (match = /^\/open-apis\/contact\/v3\/departments\/([^/]+)\/children$/.exec(path))) {
      const parent = match[1] as string;
      const live = departments.filter((d) => !d.status?.is_deleted);
      const descendants = url.searchParams.get('fetch_child') === 'true' ? live.filter((d) => isUnder(d, parent)) : live.filter((d) => d.parent_department_id === parent);
      return json(res, 200, { code: 0, msg: 'success', data: page(descendants, url) });
    }
    if (req.method === 'GET' && path === '/open-apis/contact/v3/users/find_by_department') {
      const dept = url.searchParams.get('department_id') ?? '';
      return json(res, 200, { code: 0, msg: 'success', data: page(users.filter((u) => u.department_ids.includes(dept)), url) });
    }
    return json(res, 404, { code: 404, msg: `simulator has no ${req.method} ${path}` });
  }

  function isUnder(department: SimDepartment, ancestor: string): boolean {
    let parent = department.parent_department_id;
    for (let depth = 0; depth < 50; depth += 1) {
      if (parent === ancestor) return true;
      const next = departments.find((d) => d.open_department_id === parent);
      if (!next) return false;
      parent = next.parent_department_id;
    }
    return false;
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => json(res, 500, { code: 1, msg: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const longConnection: LongConnectionServer = createLongConnectionServer(server, { port, ...(options.random ? { random: options.random } : {}) });

  return {
    url,
    sent,
    patches,
    cardUpdates,
    attempts,
    /** Files uploaded through im/v1/files, with their bytes. */
    uploads: files.uploads,
    /** Tasks made through task/v2/tasks, with the body, query and token they came with. */
    tasks: taskApi.tasks,
    taskUpdates: taskApi.updates,
    resetTasks: () => taskApi.reset(),
    /** Images in received messages (addImage) and their downloads. */
    resources,
    /** Group chats: which the bot is in (GET im/v1/chats/:chat_id), and which it was removed from. */
    chats,
    /** The long-connection side: connected clients, pushing events, dropping sockets. */
    ws: longConnection,
    /** Answer message calls with `kind` until `forMs` from now (on the simulator's clock). */
    fail(kind: Fault['kind'], forMs: number, extra: { resetSeconds?: number; delayMs?: number } = {}) {
      faults.push({ kind, until: clock() + forMs, ...extra });
    },
    /** Answer the next `count` message calls with `kind`, however long they take to come. */
    failNext(kind: Fault['kind'], count: number, extra: { resetSeconds?: number; delayMs?: number } = {}) {
      faults.push({ kind, until: Infinity, remaining: count, ...extra });
    },
    /** How many token exchanges the H5 login made here. */
    loginExchanges: () => loginExchanges,
    /** A one-time H5 login code for this person, as tt.requestAccess would hand the page (3 min, single use). */
    issueLoginCode(person: LoginPerson, options: { expiresInMs?: number } = {}): string {
      const code = `sim-code-${randomBytes(6).toString('hex')}`;
      loginCodes.set(code, { person, expiresAt: clock() + (options.expiresInMs ?? 180_000), used: false });
      return code;
    },
    /** Answer this share of message calls (0–1) with a 503 at random, until called with 0. */
    failRandomly(share: number, seed = 1) {
      randomFailure = share > 0 ? { share, state: seed } : null;
    },
    setContacts(data: { departments: SimDepartment[]; users: SimUser[] }) {
      departments = data.departments;
      users = data.users;
    },
    /** Resolves once `count` messages were recorded (or rejects after timeoutMs). */
    async waitForSent(count: number, timeoutMs = 30_000): Promise<SentRecord[]> {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages at the simulator, got ${sent.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return sent.slice(0, count);
    },
    async close() {
      await longConnection.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FeishuSimulator = Awaited<ReturnType<typeof startFeishuSimulator>>;
