import type { Logger } from 'pino';
import type { ActionResponse } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import type { BotHandler } from '../channel.js';
import { secretsEqual } from '../secret-compare.js';
import type { FeishuChannel } from './channel.js';
import { decodeCardAction, decodeMessageEvent, type EnvelopeHeader } from './decode.js';
import { renderFeishuCard } from './render-card.js';
import { plainText } from '../markdown-escape.js';

/**
 * One dispatcher for both transports (HTTP callbacks and the long connection): takes an
 * authenticated schema 2.0 event and returns what Feishu expects back. Messages are handed to the
 * bot after the acknowledgement; card actions are answered synchronously from local data.
 */

export interface FeishuDispatcherOptions {
  appId: string;
  verificationToken: string | undefined;
  bot: BotHandler;
  channel: FeishuChannel;
  logger: Logger;
  clock: () => number;
  publicBaseUrl: string;
  /** The bot's own open_id (bot/v3/info): group messages must @mention it. */
  botOpenId?: () => Promise<string | undefined>;
  /** How long a card action may take before we answer "still working" (Feishu allows 3 s). */
  cardAnswerBudgetMs?: number;
}

/** Feishu shows an error when a card callback takes over 3 s; answer before that and update later. */
const DEFAULT_CARD_ANSWER_BUDGET_MS = 2500;

export type HeaderCheck = { ok: true } | { ok: false; reason: string };

/** The envelope must name our app, and carry our Verification Token when one is configured. */
export function checkEnvelopeHeader(header: EnvelopeHeader, expected: { appId: string; verificationToken: string | undefined }): HeaderCheck {
  if (header.app_id !== expected.appId) return { ok: false, reason: 'app_id does not match' };
  if (expected.verificationToken !== undefined && !secretsEqual(header.token, expected.verificationToken)) return { ok: false, reason: 'verification token does not match' };
  return { ok: true };
}

/** The neutral ActionResponse in Feishu's callback response shape (toast and/or raw 2.0 card). */
export function toCallbackResponse(response: ActionResponse, publicBaseUrl: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (response.toast) body.toast = { type: response.toast.kind, content: plainText(response.toast.text) };
  if (response.card) body.card = { type: 'raw', data: renderFeishuCard(response.card, { publicBaseUrl }).card };
  return body;
}

export function createFeishuDispatcher(options: FeishuDispatcherOptions) {
  const log = options.logger.child({ platform: 'feishu' });
  const { channel, bot } = options;

  async function answerCardAction(header: EnvelopeHeader, event: Record<string, unknown>): Promise<Record<string, unknown>> {
    const decoded = decodeCardAction(header, event, options.clock());
    if (!decoded.ok) {
      log.info({ eventId: header.event_id, reason: decoded.reason }, 'card action ignored');
      return {};
    }
    const action = decoded.action;
    // Messages the click sends besides the answer are the bot's: it queues them in the outbox.
    const work = bot.handleAction(action);
    let timer: NodeJS.Timeout | undefined;
    const late = Symbol('late');
    const outcome = await Promise.race([work, new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), options.cardAnswerBudgetMs ?? DEFAULT_CARD_ANSWER_BUDGET_MS)))]);
    clearTimeout(timer);
    if (outcome !== late) return toCallbackResponse(outcome, options.publicBaseUrl);

    // Too slow for the 3-second window: say so now, and put the result on the card when it is ready.
    log.warn({ eventId: action.eventId }, 'card action slower than the callback window');
    const cardToken = action.conversation.extra?.cardToken;
    channel.inFlight.track(
      work.then(async (response) => {
        if (response.card && cardToken) await channel.api.updateCardByToken(cardToken, renderFeishuCard(response.card, { publicBaseUrl: options.publicBaseUrl }).card);
      }),
    );
    return { toast: { type: 'info', content: `${t('zh', 'feishu.stillWorking')} ${t('en', 'feishu.stillWorking')}` } };
  }

  return {
    async dispatch(header: EnvelopeHeader, event: Record<string, unknown>): Promise<Record<string, unknown>> {
      switch (header.event_type) {
        case 'im.message.receive_v1': {
          const group = (event.message as { chat_type?: unknown } | undefined)?.chat_type === 'group';
          const decoded = decodeMessageEvent(event, options.clock(), group ? await options.botOpenId?.() : undefined);
          if (!decoded.ok) {
            log.info({ eventId: header.event_id, reason: decoded.reason }, 'message ignored');
            return {};
          }
          // Stored as 'received' before this returns and the 200 is written (even while another event's
          // transaction holds the connection); the command runs on a later turn.
          const failed = (error: unknown) => log.error({ eventId: header.event_id, err: error }, 'message handling failed');
          if (bot.receiveMessage) channel.inFlight.track((await bot.receiveMessage(decoded.message)).handled().catch(failed));
          else channel.inFlight.track(bot.handleMessage(decoded.message).catch(failed));
          return {};
        }
        case 'card.action.trigger':
          return answerCardAction(header, event);
        default:
          log.debug({ eventId: header.event_id, eventType: header.event_type }, 'event type not handled');
          return {};
      }
    },
  };
}

export type FeishuDispatcher = ReturnType<typeof createFeishuDispatcher>;
