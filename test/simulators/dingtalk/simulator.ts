import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readMultipart } from '../multipart.js';
import { createContactsApi } from './contacts.js';
import { createDingTalkTodos } from './todos.js';
import { demoDirectory, type SimDirectory } from './directory-data.js';
import { createStreamGateway, type RecordedAck, type StreamFrame } from './stream-gateway.js';

/**
 * A DingTalk look-alike on 127.0.0.1 for tests: the token endpoint, robot send endpoints,
 * sessionWebhooks, interactive cards, the contact API and the stream gateway + WebSocket. It
 * records what the bot sent, and can be told to throttle, fail or drop connections.
 * Shapes follow /work/shared/platforms/dingtalk.md.
 */

import { createDingTalkMessageFiles } from './message-files.js';
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

export interface SentRecord {
  kind: 'session' | 'oto' | 'group' | 'card';
  /** The user (oto, 1:1 card) or conversation (session, group, group card) it went to. */
  to: string;
  /** kind 'session': the sessionWebhook's session id (one per inbound message). */
  session?: string;
  body: Record<string, unknown>;
  at: number;
}

export interface SimCard {
  outTrackId: string;
  cardTemplateId: string;
  openSpaceId: string;
  callbackType: string;
  cardParamMap: Record<string, string>;
  privateData: Record<string, Record<string, string>>;
  updates: number;
}

interface Failure {
  pathPart: string;
  remaining: number;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface CardCallbackAnswer {
  cardData?: { cardParamMap?: Record<string, string> };
  userPrivateData?: { cardParamMap?: Record<string, string> };
}

export interface SimulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** How long an unacknowledged CALLBACK frame waits before the re-push (DingTalk: ~60 s). */
  repushAfterMs?: number;
  tokenExpireInSeconds?: number;
  /** false: ws pings go unanswered (watchdog tests). */
  autoPong?: boolean;
  directory?: SimDirectory;
  /** The simulator's clock (Date.now by default): sessions, login codes, tickets, the `at` of records. */
  clock?: () => number;
  /** Picks the stream connection per push and the duplicated frames (Math.random by default). */
  random?: () => number;
  /** Share (0–1) of ACKed robot/card frames pushed once more to another stream connection (0 by default). */
  duplicateShare?: number;
}

export async function startDingTalkSimulator(options: SimulatorOptions = {}) {
  const clock = options.clock ?? Date.now;
  const clientId = options.clientId ?? 'ding-sim-app';
  const clientSecret = options.clientSecret ?? 'ding-sim-secret';
  const contacts = createContactsApi(options.directory ?? demoDirectory());
  let baseUrl = '';
  const messageFiles = createDingTalkMessageFiles({ robotCode: clientId, baseUrl: () => baseUrl });
  const todoApi = createDingTalkTodos(clock);
  const validTokens = new Set<string>();
  const sessions = new Map<string, { conversationId: string; expiresAt: number }>();
  const cards = new Map<string, SimCard>();
  const sent: SentRecord[] = [];
  const requests: { method: string; path: string; at: number }[] = [];
  const failures: Failure[] = [];
  /** Requests whose path contains the key are answered only after that many ms (answerSlowly). */
  const slowPaths = new Map<string, number>();
  const flowControlPending = new Set<string>();
  const invalidUsers = new Set<string>();
  /** Groups the bot was removed from (or that were dissolved): sends there are refused [2ND codes]. */
  const goneGroups = new Set<string>();
  const batchCalls: string[][] = [];
  /** Files uploaded through the old media/upload, with their bytes. */
  const uploads: { mediaId: string; type: string; fileName: string; data: Buffer; at: number }[] = [];
  let tokensIssued = 0;
  /** H5 login codes from dd.requestAuthCode: single use, 5 minutes. */
  const loginCodes = new Map<string, { userid: string; expiresAt: number; used: boolean }>();
  /** Robot sends and OpenAPI calls still to answer "throttled" (throttleNext). */
  let throttledCalls = 0;
  const takeThrottle = () => throttledCalls > 0 && throttledCalls-- > 0;

  const stream = createStreamGateway({
    clientId,
    clientSecret,
    repushAfterMs: options.repushAfterMs ?? 60_000,
    autoPong: options.autoPong ?? true,
    clock,
    ...(options.random ? { random: options.random } : {}),
    ...(options.duplicateShare ? { duplicateShare: options.duplicateShare } : {}),
    onAck(ack: RecordedAck, frame: StreamFrame | undefined) {
      // A card callback's ACK carries the card update: apply it like DingTalk would.
      if (frame?.headers.topic !== TOPIC_CARD) return;
      const response = (ack.data as { response?: CardCallbackAnswer })?.response;
      const payload = JSON.parse(frame.data) as { outTrackId: string; userId: string };
      if (response) applyCardAnswer(payload.outTrackId, payload.userId, response);
    },
  });

  /** What DingTalk does with the answer to a card callback (the stream ACK or the HTTP response body). */
  function applyCardAnswer(outTrackId: string, userId: string, response: CardCallbackAnswer): void {
    const card = cards.get(outTrackId);
    if (!card) return;
    if (response.cardData?.cardParamMap) {
      Object.assign(card.cardParamMap, response.cardData.cardParamMap);
      card.updates++;
    }
    if (response.userPrivateData?.cardParamMap) card.privateData[userId] = { ...card.privateData[userId], ...response.userPrivateData.cardParamMap };
  }

  async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  }

  const apiError = (code: string, message: string) => ({ code, message, requestid: randomUUID() });

  function injected(path: string): Failure | undefined {
    const failure = failures.find((f) => f.remaining > 0 && path.includes(f.pathPart));
    if (failure) failure.remaining--;
    return failure;
  }

  function onlyStrings(map: unknown): boolean {
    return Boolean(map) && typeof map === 'object' && Object.values(map as object).every((v) => typeof v === 'string');
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    requests.push({ method, path, at: clock() });
    if (method === 'POST' && path === '/media/upload') return mediaUpload(request, url, response);
    if (method === 'GET' && messageFiles.serve(path, response)) return;
    const body = method === 'GET' ? {} : await readBody(request);

    const delayMs = [...slowPaths].find(([pathPart]) => path.includes(pathPart))?.[1];
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const failure = injected(path);
    if (failure) return send(response, failure.status, failure.body, failure.headers);

    if (method === 'POST' && path === '/v1.0/gateway/connections/open') {
      const answer = stream.openGateway(body as { clientId?: string; clientSecret?: string }, `ws://127.0.0.1:${port}`);
      return send(response, answer.status, answer.body);
    }
    if (method === 'POST' && path === '/v1.0/oauth2/accessToken') {
      if (body.appKey !== clientId || body.appSecret !== clientSecret) return send(response, 400, apiError('invalidClientIdOrSecret', '无效的clientId或者clientSecret'));
      const token = `sim-token-${++tokensIssued}`;
      validTokens.add(token);
      return send(response, 200, { accessToken: token, expireIn: options.tokenExpireInSeconds ?? 7200 });
    }
    if (method === 'POST' && path === '/robot/sendBySession') {
      const sessionId = url.searchParams.get('session') ?? '';
      const session = sessions.get(sessionId);
      if (!session || session.expiresAt < clock()) return send(response, 200, { errcode: 300001, errmsg: 'session expired' });
      if (takeThrottle()) return send(response, 200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
      sent.push({ kind: 'session', to: session.conversationId, session: sessionId, body, at: clock() });
      return send(response, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (path.startsWith('/topapi/')) {
      if (!validTokens.has(url.searchParams.get('access_token') ?? '')) return send(response, 200, { errcode: 88, sub_code: '40014', errmsg: '不合法的access_token' });
      if (path === '/topapi/v2/user/getuserinfo') {
        const issued = loginCodes.get(String(body.code));
        const valid = issued && !issued.used && issued.expiresAt > clock();
        if (issued) issued.used = true;
        if (!valid) return send(response, 200, { errcode: 40078, errmsg: '不存在的临时授权码', request_id: randomUUID() });
        const user = (options.directory ?? demoDirectory()).users.find((u) => u.userid === issued.userid);
        return send(response, 200, { errcode: 0, errmsg: 'ok', result: { userid: issued.userid, unionid: user?.unionid ?? '', name: user?.name ?? '', sys: false, sys_level: 0 }, request_id: randomUUID() });
      }
      return send(response, 200, contacts(path, body));
    }
    if (path.startsWith('/v1.0/')) {
      if (!validTokens.has(String(request.headers['x-acs-dingtalk-access-token'] ?? ''))) return send(response, 401, apiError('InvalidAuthentication', '不合法的access_token'));
      if (takeThrottle()) return send(response, 429, apiError('Throttling.Api', 'too many requests'));
      if (method === 'POST' && path === '/v1.0/robot/messageFiles/download') return messageFiles.download(body, response, clock());
      if (todoApi.serve(method, path, String(request.headers['x-acs-dingtalk-access-token']), body, response)) return;
      return openApi(method, path, body, response);
    }
    return send(response, 404, apiError('NotFound', `${method} ${path}`));
  }

  /** POST /media/upload?access_token=…&type=file, multipart field `media` → media_id (old-style errcodes). */
  async function mediaUpload(request: IncomingMessage, url: URL, response: ServerResponse): Promise<void> {
    const parts = await readMultipart(request);
    if (!validTokens.has(url.searchParams.get('access_token') ?? '')) return send(response, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const type = url.searchParams.get('type') ?? '';
    if (!['image', 'voice', 'video', 'file'].includes(type)) return send(response, 200, { errcode: 40004, errmsg: '不合法的媒体文件类型' });
    const media = parts?.find((p) => p.name === 'media');
    if (!media || media.data.length === 0 || !media.filename) return send(response, 200, { errcode: 40006, errmsg: '不合法的文件' });
    const mediaId = `@sim-media-${randomUUID()}`;
    uploads.push({ mediaId, type, fileName: media.filename, data: media.data, at: clock() });
    return send(response, 200, { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: clock() });
  }

  function openApi(method: string, path: string, body: Record<string, unknown>, response: ServerResponse): void {
    if (method === 'POST' && path === '/v1.0/robot/oToMessages/batchSend') {
      const userIds = (body.userIds as string[] | undefined) ?? [];
      if (body.robotCode !== clientId) return send(response, 400, apiError('robot.notExist', 'robotCode'));
      if (userIds.length === 0 || userIds.length > 20) return send(response, 400, apiError('param.userIdsInvalid', 'userIds must be 1..20'));
      if (typeof body.msgParam !== 'string') return send(response, 400, apiError('param.msgParamInvalid', 'msgParam must be a JSON string'));
      if (body.msgKey === 'sampleFile' && !uploads.some((u) => u.mediaId === (JSON.parse(body.msgParam as string) as { mediaId?: unknown }).mediaId)) {
        return send(response, 400, apiError('param.mediaIdInvalid', 'unknown mediaId'));
      }
      batchCalls.push(userIds);
      const invalid = userIds.filter((id) => invalidUsers.has(id));
      const throttled = userIds.filter((id) => !invalidUsers.has(id) && flowControlPending.delete(id));
      for (const id of userIds) {
        if (!invalid.includes(id) && !throttled.includes(id)) sent.push({ kind: 'oto', to: id, body, at: clock() });
      }
      return send(response, 200, { processQueryKey: randomUUID(), invalidStaffIdList: invalid, flowControlledStaffIdList: throttled });
    }
    if (method === 'POST' && path === '/v1.0/robot/groupMessages/send') {
      if (goneGroups.has(String(body.openConversationId))) return send(response, 400, apiError('invalidParameter.robotCode.notExsit', '机器人不存在,请检查机器人是否在群内'));
      sent.push({ kind: 'group', to: String(body.openConversationId), body, at: clock() });
      return send(response, 200, { processQueryKey: randomUUID() });
    }
    if (method === 'POST' && path === '/v1.0/card/instances/createAndDeliver') {
      const outTrackId = String(body.outTrackId ?? '');
      const cardData = body.cardData as { cardParamMap?: unknown } | undefined;
      if (!outTrackId) return send(response, 400, apiError('param.outTrackIdEmpty', 'outTrackId'));
      if (cards.has(outTrackId)) return send(response, 400, apiError('param.cardAlreadyExist', 'card exists'));
      if (!onlyStrings(cardData?.cardParamMap)) return send(response, 400, apiError('param.cardParamMapInvalid', 'cardParamMap values must be strings'));
      const openSpaceId = String(body.openSpaceId ?? '');
      const match = /^dtv1\.card\/\/(IM_ROBOT|IM_GROUP)\.(.+)$/.exec(openSpaceId);
      if (!match || (match[1] === 'IM_GROUP' && goneGroups.has(match[2] as string))) return send(response, 400, apiError('param.openSpaceIdInvalid', openSpaceId));
      cards.set(outTrackId, {
        outTrackId,
        cardTemplateId: String(body.cardTemplateId),
        openSpaceId,
        callbackType: String(body.callbackType),
        cardParamMap: { ...(cardData?.cardParamMap as Record<string, string>) },
        privateData: {},
        updates: 0,
      });
      sent.push({ kind: 'card', to: match[2] as string, body, at: clock() });
      return send(response, 200, { success: true, result: { outTrackId, deliverResults: [{ spaceType: match[1], spaceId: match[2], success: true, carrierId: randomUUID() }] } });
    }
    if (method === 'PUT' && path === '/v1.0/card/instances') {
      const card = cards.get(String(body.outTrackId ?? ''));
      if (!card) return send(response, 400, apiError('param.cardNotExist', 'card not found'));
      const map = (body.cardData as { cardParamMap?: Record<string, string> } | undefined)?.cardParamMap;
      if (map && !onlyStrings(map)) return send(response, 400, apiError('param.cardParamMapInvalid', 'strings only'));
      const byKey = (body.cardUpdateOptions as { updateCardDataByKey?: boolean } | undefined)?.updateCardDataByKey;
      if (map) card.cardParamMap = byKey ? { ...card.cardParamMap, ...map } : { ...map };
      card.updates++;
      return send(response, 200, { success: true, result: true });
    }
    return send(response, 404, apiError('NotFound', path));
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => send(response, 500, apiError('system.error', String(error))));
  });
  server.on('upgrade', (request, socket, head) => stream.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  baseUrl = url;

  async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`simulator: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A fresh sessionWebhook for an inbound message, valid ~90 min like DingTalk's. */
  function newSession(conversationId: string, ttlMs = 90 * 60 * 1000): { sessionWebhook: string; sessionWebhookExpiredTime: number } {
    const id = randomUUID();
    const expiresAt = clock() + ttlMs;
    sessions.set(id, { conversationId, expiresAt });
    return { sessionWebhook: `${url}/robot/sendBySession?session=${id}`, sessionWebhookExpiredTime: expiresAt };
  }

  /** The `data` of a TOPIC_ROBOT frame / body of an HTTP robot callback. */
  /**
   * `mention` (groups): whom the message @mentions, the bot by default. DingTalk sets isInAtList when
   * the bot is among atUsers (dingtalkId only, as group mentions carry).
   */
  function robotMessage(input: { senderStaffId?: string; text: string; conversationType?: '1' | '2'; conversationId?: string; msgId?: string; sessionTtlMs?: number; msgtype?: string; content?: Record<string, unknown>; mention?: 'bot' | 'other' }) {
    const conversationType = input.conversationType ?? '1';
    const atUsers = [{ dingtalkId: input.mention === 'other' ? '$:LWCP_v1:$other-bot' : '$:LWCP_v1:$bot' }];
    const conversationId = input.conversationId ?? `cid-${input.senderStaffId ?? 'external'}`;
    const now = clock();
    return {
      conversationId,
      conversationType,
      ...(conversationType === '2' ? { conversationTitle: '销售群', isInAtList: input.mention !== 'other', atUsers } : {}),
      ...(input.senderStaffId !== undefined ? { senderStaffId: input.senderStaffId } : {}),
      senderId: `$:LWCP_v1:$${randomUUID()}`,
      senderNick: '用户',
      senderCorpId: 'dingcorp',
      chatbotCorpId: 'dingcorp',
      chatbotUserId: '$:LWCP_v1:$bot',
      robotCode: clientId,
      isAdmin: false,
      msgId: input.msgId ?? `msg${randomUUID()}`,
      createAt: now,
      msgtype: input.msgtype ?? 'text',
      ...(input.msgtype && input.msgtype !== 'text' ? { content: input.content ?? { downloadCode: 'x' } } : { text: { content: ` ${input.text}` } }),
      ...newSession(conversationId, input.sessionTtlMs),
    };
  }

  function frame(topic: string, data: unknown, messageId = `frame_${randomUUID()}`): StreamFrame {
    return { specVersion: '1.0', type: 'CALLBACK', headers: { appId: clientId, contentType: 'application/json', messageId, time: String(clock()), topic }, data: JSON.stringify(data) };
  }

  return {
    url,
    clientId,
    clientSecret,
    /** A one-time H5 login code for this userid, as dd.requestAuthCode would hand the page. */
    issueLoginCode(userid: string, options: { expiresInMs?: number } = {}): string {
      const code = `dt-code-${randomUUID()}`;
      loginCodes.set(code, { userid, expiresAt: clock() + (options.expiresInMs ?? 300_000), used: false });
      return code;
    },
    sent,
    requests,
    /** To-dos made through /v1.0/todo/users/{unionId}/tasks, with the body and token they came with. */
    todos: todoApi.todos,
    todoUpdates: todoApi.updates,
    /** Pictures users send (addPicture gives the downloadCode) and their downloads. */
    messageFiles,
    cards,
    batchCalls,
    uploads,
    stream,
    get tokensIssued() {
      return tokensIssued;
    },
    newSession,
    robotMessage,
    waitFor,
    sentTo(to: string): SentRecord[] {
      return sent.filter((s) => s.to === to);
    },
    /** Fails the next `count` requests whose path contains pathPart. */
    failNext(pathPart: string, count: number, status: number, body: unknown, headers?: Record<string, string>): void {
      failures.push({ pathPart, remaining: count, status, body, ...(headers ? { headers } : {}) });
    },
    /** Requests whose path contains pathPart are answered delayMs late (0: on time again). */
    answerSlowly(pathPart: string, delayMs: number): void {
      if (delayMs > 0) slowPaths.set(pathPart, delayMs);
      else slowPaths.delete(pathPart);
    },
    /** The next `count` robot sends and OpenAPI calls answer "throttled", however long they take to come. */
    throttleNext(count: number): void {
      throttledCalls = count;
    },
    /** These users come back in flowControlledStaffIdList once, then go through. */
    flowControlOnce(userIds: string[]): void {
      for (const id of userIds) flowControlPending.add(id);
    },
    /** The bot leaves the group (true) or is added back (false). */
    setBotRemoved(openConversationId: string, removed: boolean): void {
      if (removed) goneGroups.add(openConversationId);
      else goneGroups.delete(openConversationId);
    },
    markInvalid(userIds: string[]): void {
      for (const id of userIds) invalidUsers.add(id);
    },
    revokeTokens(): void {
      validTokens.clear();
    },
    /** Pushes any frame data as is (a string is sent verbatim): what a forged or broken frame looks like. */
    pushFrame(topic: string, data: unknown, messageId?: string): { messageId: string } {
      const f = frame(topic, data, messageId);
      if (typeof data === 'string') f.data = data;
      stream.push(f);
      return { messageId: f.headers.messageId as string };
    },
    /** Pushes a robot message over the stream; returns the frame's messageId and the payload. */
    pushRobotMessage(input: Parameters<typeof robotMessage>[0]): { messageId: string; payload: ReturnType<typeof robotMessage> } {
      const payload = robotMessage(input);
      const f = frame(TOPIC_ROBOT, payload);
      stream.push(f);
      return { messageId: f.headers.messageId as string, payload };
    },
    applyCardAnswer,
    /** A click on a card button: params as configured on the button (`action` = the neutral action JSON). */
    pushCardClick(input: { outTrackId: string; userId: string; params: Record<string, string> }): { messageId: string } {
      const card = cards.get(input.outTrackId);
      const space = card ? /^dtv1\.card\/\/(IM_ROBOT|IM_GROUP)\.(.+)$/.exec(card.openSpaceId) : null;
      const f = frame(TOPIC_CARD, {
        type: 'actionCallback',
        outTrackId: input.outTrackId,
        corpId: 'dingcorp',
        userId: input.userId,
        content: JSON.stringify({ cardPrivateData: { actionIds: ['button'], params: input.params } }),
        spaceType: space?.[1] ?? 'IM_ROBOT',
        spaceId: space?.[2] ?? input.userId,
        userIdType: 1,
      });
      stream.push(f);
      return { messageId: f.headers.messageId as string };
    },
    waitForAck(messageId: string, timeoutMs = 30_000): Promise<RecordedAck> {
      return waitFor(() => stream.acks.find((a) => a.messageId === messageId), `ack of ${messageId}`, timeoutMs);
    },
    waitForConnection(minOpened = 1, timeoutMs = 30_000): Promise<number> {
      return waitFor(() => stream.openConnections() > 0 && stream.connectionsOpened >= minOpened && stream.connectionsOpened, `stream connection #${minOpened}`, timeoutMs);
    },
    async close(): Promise<void> {
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type DingTalkSimulator = Awaited<ReturnType<typeof startDingTalkSimulator>>;
