import type { Logger } from 'pino';

/**
 * The bot's own open_id, looked up once (GET /open-apis/bot/v3/info) and cached: group messages are
 * answered only when they @mention this id. A failed lookup is not cached, so the next group message
 * tries again; until then group messages go unanswered rather than answering every mention.
 */
export interface FeishuBotIdentity {
  openId(): Promise<string | undefined>;
}

export function createFeishuBotIdentity(options: { fetch: () => Promise<{ openId: string }>; logger: Logger }): FeishuBotIdentity {
  const log = options.logger.child({ platform: 'feishu' });
  let known: string | undefined;
  let pending: Promise<string | undefined> | undefined;
  return {
    openId() {
      if (known) return Promise.resolve(known);
      pending ??= options
        .fetch()
        .then(({ openId }) => {
          known = openId;
          log.info('feishu bot identity known');
          return openId;
        })
        .catch((error: unknown) => {
          log.warn({ err: error instanceof Error ? error.message : String(error) }, 'feishu bot info lookup failed: group messages are not answered until it succeeds');
          return undefined;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
}
