import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { readCapped } from '../read-capped.js';
import { createRateLimiter, RateLimiterClosedError, type RateLimiter } from './rate-limiter.js';

/**
 * The outbound half of Feishu: the SDK Client (token handling, request building) pointed at
 * `baseUrl`, wrapped in rate limiting and retries. Every retry of a send carries the same `uuid`, so
 * Feishu (which dedupes a uuid for an hour) delivers it once.
 */

export interface FeishuApiOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  logger: Logger;
  limiter?: RateLimiter;
  /** Upper bound on attempts per call (429s, 230020s, 5xx, network errors). */
  maxAttempts?: number;
  /** Per-request timeout; a timed-out send is retried with the same uuid. */
  requestTimeoutMs?: number;
}

/**
 * The SDK's shared axios instance has no timeout: a hung connection would hang a delivery forever.
 * Same instance (it unwraps responses), with a timeout added to every call.
 */
function withTimeout(sdk: typeof lark, timeoutMs: number): lark.HttpInstance {
  const base = sdk.defaultHttpInstance as unknown as lark.HttpInstance;
  const opts = <O extends { timeout?: number }>(o: O | undefined) => ({ timeout: timeoutMs, ...o }) as O;
  return {
    request: (o) => base.request(opts(o)),
    get: (url, o) => base.get(url, opts(o)),
    delete: (url, o) => base.delete(url, opts(o)),
    head: (url, o) => base.head(url, opts(o)),
    options: (url, o) => base.options(url, opts(o)),
    post: (url, data, o) => base.post(url, data, opts(o)),
    put: (url, data, o) => base.put(url, data, opts(o)),
    patch: (url, data, o) => base.patch(url, data, opts(o)),
  };
}

export class FeishuApiError extends Error {
  constructor(
    readonly code: number,
    readonly httpStatus: number | undefined,
    message: string,
  ) {
    super(`feishu api error ${code}: ${message}`);
    this.name = 'FeishuApiError';
  }
}

/** Feishu's documented codes this client reacts to. */
export const FEISHU_CODES = { rateLimited: 99991400, chatRateLimited: 230020, cardBuildFailed: 230099, cardTooLarge: 230025, botNotInGroup: 230002 } as const;

/** Feishu keeps a message `uuid` at most 50 characters: longer keys are hashed (stable, so retries match). */
export function feishuUuid(idempotencyKey: string): string {
  if (idempotencyKey.length <= 50) return idempotencyKey;
  return `h:${createHash('sha256').update(idempotencyKey).digest('base64url')}`;
}

type Outcome =
  | { kind: 'rate-limited'; waitMs: number }
  | { kind: 'chat-limited' }
  | { kind: 'transient' }
  | { kind: 'fatal'; error: FeishuApiError };

function classify(error: unknown): Outcome {
  if (error instanceof FeishuApiError) {
    if (error.code === FEISHU_CODES.rateLimited) return { kind: 'rate-limited', waitMs: 1000 };
    if (error.code === FEISHU_CODES.chatRateLimited) return { kind: 'chat-limited' };
    return { kind: 'fatal', error };
  }
  const response = (error as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> } }).response;
  if (!response) return { kind: 'transient' }; // connection refused, reset, timeout
  const body = (response.data ?? {}) as { code?: unknown; msg?: unknown };
  const code = typeof body.code === 'number' ? body.code : -1;
  const message = typeof body.msg === 'string' ? body.msg : `http ${response.status}`;
  if (response.status === 429 || code === FEISHU_CODES.rateLimited) {
    const reset = Number(response.headers?.['x-ogw-ratelimit-reset']);
    // The reset header is in seconds; without one wait a second. Cap it so a bad header cannot stall us.
    const waitMs = Number.isFinite(reset) && reset >= 0 ? Math.min(reset * 1000, 60_000) : 1000;
    return { kind: 'rate-limited', waitMs };
  }
  if (code === FEISHU_CODES.chatRateLimited) return { kind: 'chat-limited' };
  if ((response.status ?? 0) >= 500) return { kind: 'transient' };
  return { kind: 'fatal', error: new FeishuApiError(code, response.status, message) };
}

/** The file_type values im/v1/files accepts. */
export type FeishuFileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** Feishu's file_type for a file name: its own families, anything else as a plain stream. */
export function feishuFileTypeOf(fileName: string): FeishuFileType {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls' || ext === 'xlsx' || ext === 'csv') return 'xls';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  if (ext === 'pdf' || ext === 'mp4' || ext === 'opus') return ext;
  return 'stream';
}

type FeishuResponse<T> = { code?: number; msg?: string; data?: T } | undefined | null;

export function createFeishuApi(options: FeishuApiOptions) {
  const log = options.logger.child({ platform: 'feishu' });
  const cache = new Map<string, { value: unknown; expire: number }>();
  const newClient = (sdk: typeof lark) =>
    new sdk.Client({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.baseUrl,
      httpInstance: withTimeout(sdk, options.requestTimeoutMs ?? 10_000),
      loggerLevel: sdk.LoggerLevel.error,
      // Messages only: the SDK's own error objects can carry request headers (the bearer token).
      logger: {
        error: (...args: unknown[]) => log.warn({ sdk: args.flat().filter((a) => typeof a === 'string').join(' ').slice(0, 300) }, 'feishu sdk'),
        warn: () => undefined,
        info: () => undefined,
        debug: () => undefined,
        trace: () => undefined,
      },
      // A per-client token cache: the SDK's default cache is process-wide and keyed by app id only.
      cache: {
        async set(key, value, expire, opts) {
          cache.set(`${opts?.namespace ?? ''}:${String(key)}`, { value, expire: expire ?? Infinity });
          return true;
        },
        async get(key, opts) {
          const hit = cache.get(`${opts?.namespace ?? ''}:${String(key)}`);
          return hit && hit.expire > Date.now() ? hit.value : undefined;
        },
      },
    });
  // The SDK (~30 MB of the idle service's RSS) is loaded on the first call, so a service without Feishu never loads it.
  let loading: Promise<lark.Client> | undefined;
  const sdkClient = () => (loading ??= import('@larksuiteoapi/node-sdk').then(newClient));
  const limiter = options.limiter ?? createRateLimiter({ appPerSecond: 50, appPerMinute: 1000, keyPerSecond: 5 });
  const maxAttempts = options.maxAttempts ?? 10;
  const sleeps = new Map<NodeJS.Timeout, () => void>();
  let closed = false;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleeps.delete(timer);
        resolve();
      }, ms);
      sleeps.set(timer, resolve);
    });
  }

  /** Runs one API call under the limits, retrying what Feishu says is temporary. */
  async function call<T>(operation: string, limitKey: string | null, request: (client: lark.Client) => Promise<FeishuResponse<T>>): Promise<T | undefined> {
    let lastOutcome = 'none';
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (closed) throw new RateLimiterClosedError();
      await limiter.acquire(limitKey);
      try {
        const response = await request(await sdkClient());
        if (response && typeof response.code === 'number' && response.code !== 0) {
          throw new FeishuApiError(response.code, 200, response.msg ?? '');
        }
        return response?.data ?? undefined;
      } catch (error) {
        const outcome = classify(error);
        lastOutcome = outcome.kind;
        if (outcome.kind === 'fatal') {
          log.warn({ operation, code: outcome.error.code, status: outcome.error.httpStatus }, 'feishu call failed');
          throw outcome.error;
        }
        const backoffMs = Math.min(250 * 2 ** (attempt - 1), 8000);
        log.warn({ operation, outcome: outcome.kind, attempt }, 'feishu call will be retried');
        if (outcome.kind === 'rate-limited') limiter.pauseApp(outcome.waitMs);
        else if (outcome.kind === 'chat-limited' && limitKey !== null) limiter.pauseKey(limitKey, Math.max(1000, backoffMs));
        else if (outcome.kind === 'chat-limited') limiter.pauseApp(Math.max(1000, backoffMs));
        else await sleep(backoffMs);
      }
    }
    throw new FeishuApiError(-1, undefined, `${operation} gave up after ${maxAttempts} attempts (${lastOutcome})`);
  }

  return {
    async createMessage(input: { receiveIdType: 'open_id' | 'union_id' | 'user_id' | 'chat_id'; receiveId: string; msgType: 'text' | 'interactive' | 'file'; content: string; uuid: string }): Promise<string> {
      const data = await call('im.message.create', input.receiveId, (client) =>
        client.im.message.create({
          params: { receive_id_type: input.receiveIdType },
          data: { receive_id: input.receiveId, msg_type: input.msgType, content: input.content, uuid: input.uuid },
        }),
      );
      return data?.message_id ?? '';
    },

    /** Uploads a file for a file message (im/v1/files, multipart); returns its file_key. */
    async uploadFile(input: { fileType: FeishuFileType; fileName: string; content: Buffer }): Promise<string> {
      // Unlike message.create, the SDK's file.create returns the `data` object itself; errors still throw.
      const data = await call('im.file.create', null, async (client) => {
        const uploaded = await client.im.file.create({ data: { file_type: input.fileType, file_name: input.fileName, file: input.content } });
        return { code: 0, data: uploaded ?? undefined };
      });
      if (!data?.file_key) throw new FeishuApiError(-1, 200, 'im.file.create answered without file_key');
      return data.file_key;
    },

    async replyMessage(input: { messageId: string; limitKey: string; msgType: 'text' | 'interactive'; content: string; uuid: string }): Promise<string> {
      const data = await call('im.message.reply', input.limitKey, (client) =>
        client.im.message.reply({ path: { message_id: input.messageId }, data: { msg_type: input.msgType, content: input.content, uuid: input.uuid } }),
      );
      return data?.message_id ?? '';
    },

    async patchMessage(messageId: string, content: string): Promise<void> {
      await call('im.message.patch', `message:${messageId}`, (client) => client.im.message.patch({ path: { message_id: messageId }, data: { content } }));
    },

    /** Delayed update through a card callback's token (30 min, two uses); the SDK has no wrapper. */
    async updateCardByToken(token: string, card: unknown): Promise<void> {
      await call('interactive.card.update', `card:${token}`, (client) =>
        client.request<FeishuResponse<unknown>>({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card } }),
      );
    },

    /** POST /open-apis/task/v2/tasks?user_id_type=open_id (tenant token); `client_token` makes a retry the same task. Returns the guid. */
    async createTask(body: { summary: string; description?: string; due: { timestamp: string; is_all_day: boolean }; members: { id: string; type: 'user'; role: 'assignee' }[]; client_token: string }): Promise<string> {
      const data = await call('task.v2.task.create', null, (client) =>
        client.request<FeishuResponse<{ task?: { guid?: string } }>>({ method: 'POST', url: '/open-apis/task/v2/tasks', params: { user_id_type: 'open_id' }, data: body }),
      );
      if (!data?.task?.guid) throw new FeishuApiError(-1, 200, 'task/v2/tasks answered without task.guid');
      return data.task.guid;
    },

    async patchTask(guid: string, body: { task: Record<string, unknown>; update_fields: string[] }): Promise<void> {
      await call('task.v2.task.patch', null, (client) => client.request({ method: 'PATCH', url: `/open-apis/task/v2/tasks/${encodeURIComponent(guid)}`, params: { user_id_type: 'open_id' }, data: body }));
    },

    /** GET im/v1/chats/:chat_id: succeeds only for a group the bot is in (binding a group checks it). */
    async getChat(chatId: string): Promise<void> {
      await call('im.chat.get', chatId, (client) => client.request<FeishuResponse<unknown>>({ method: 'GET', url: `/open-apis/im/v1/chats/${encodeURIComponent(chatId)}` }));
    },

    /** The bot's own identity (bot/v3/info answers `{code, msg, bot}`, not `data`). */
    /**
     * GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image through the SDK (tenant
     * token), read up to `maxBytes`. Not retried: the caller answers the rep, who can send it again.
     */
    async downloadImage(messageId: string, fileKey: string, maxBytes: number): Promise<Buffer> {
      await limiter.acquire(null);
      const client = await sdkClient();
      const resource = await client.im.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type: 'image' } });
      const stream = resource.getReadableStream();
      return readCapped(stream, maxBytes, () => stream.destroy());
    },

    async botInfo(): Promise<{ openId: string; appName: string | undefined }> {
      const bot = await call('bot.info', null, async (client) => {
        const response = await client.request<{ code: number; msg?: string; bot?: { open_id?: string; app_name?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
        return { code: response.code, msg: response.msg, data: response.bot };
      });
      if (!bot?.open_id) throw new FeishuApiError(-1, 200, 'bot/v3/info answered without open_id');
      return { openId: bot.open_id, appName: bot.app_name };
    },

    /** One page of every department under the root (fetch_child walks the whole tree). */
    async listDepartments(pageToken: string | undefined) {
      return call('contact.department.children', null, (client) =>
        client.contact.v3.department.children({
          path: { department_id: '0' },
          params: { fetch_child: true, page_size: 50, department_id_type: 'open_department_id', user_id_type: 'open_id', ...(pageToken ? { page_token: pageToken } : {}) },
        }),
      );
    },

    /** One page of the users directly in a department. */
    async listUsersInDepartment(departmentId: string, pageToken: string | undefined) {
      return call('contact.user.find_by_department', null, (client) =>
        client.contact.v3.user.findByDepartment({
          params: { department_id: departmentId, page_size: 50, department_id_type: 'open_department_id', user_id_type: 'open_id', ...(pageToken ? { page_token: pageToken } : {}) },
        }),
      );
    },

    close(): void {
      closed = true;
      limiter.close();
      // Wake sleeping retries so they see `closed` and stop instead of hanging forever.
      for (const [timer, wake] of sleeps) {
        clearTimeout(timer);
        wake();
      }
      sleeps.clear();
    },
  };
}

export type FeishuApi = ReturnType<typeof createFeishuApi>;
