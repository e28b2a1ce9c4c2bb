import type { Logger } from 'pino';
import { t } from '../../i18n/index.js';
import type { BotHandler, Channel } from '../channel.js';
import { GROUP_AUDIENCE } from './channel.js';
import { cardCallbackSchema, decodeCardCallback, decodeRobotMessage } from './decode.js';
import { renderCardCallbackResponse, type CardCallbackResponse } from './render-card.js';
import type { CardRecipientStore, ProcessedEventStore } from './stores.js';

export interface DingTalkInboundOptions {
  bot: BotHandler;
  /**
   * No longer used: the bot dedupes events and sends every reply through the outbox. Still accepted
   * so plugin.ts (being reworked on another branch) compiles; drop both with that change.
   */
  channel?: Channel;
  processedEvents?: ProcessedEventStore;
  /** Who each card was delivered to: a click acts only for one of them. */
  cardRecipients: Pick<CardRecipientStore, 'includes'>;
  logger: Logger;
  clock: () => number;
}

/**
 * What a card click came to. 'refused': the clicker is not among the card's recipients, so nothing
 * ran; the response only tells the clicker so (private data, the card itself is unchanged).
 */
export type CardCallbackOutcome =
  | { kind: 'answered'; response: CardCallbackResponse }
  | { kind: 'refused'; response: CardCallbackResponse }
  | { kind: 'invalid' };

/**
 * What both transports (stream frames and HTTP callbacks) do with an authenticated payload. Message
 * work runs after the transport has acknowledged; `drain()` waits for it (shutdown, tests).
 */
export function createDingTalkInbound(options: DingTalkInboundOptions) {
  const { bot, logger, clock } = options;
  const pending = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    const task = work.catch((error: unknown) => logger.error({ err: error, platform: 'dingtalk' }, 'dingtalk inbound work failed'));
    pending.add(task);
    void task.finally(() => pending.delete(task));
  }

  async function processRobot(raw: unknown): Promise<void> {
    const decoded = decodeRobotMessage(raw, clock());
    switch (decoded.kind) {
      case 'invalid':
        logger.warn({ platform: 'dingtalk', reason: decoded.reason }, 'dingtalk robot payload ignored: invalid');
        return;
      case 'ignored':
        return;
      case 'no-staff-id':
        // The bot answers it like any message (once per event, through the outbox) and runs nothing.
        await bot.handleMessage({
          kind: 'message',
          platform: 'dingtalk',
          eventId: decoded.eventId,
          sender: { platform: 'dingtalk', ids: [] },
          conversation: decoded.conversation,
          text: '',
          unidentified: 'dingtalk.noStaffId',
          receivedAt: clock(),
        });
        return;
      case 'message':
        await bot.handleMessage(decoded.event);
    }
  }

  /** True when a card callback names a clicker its card was not delivered to (false for a payload that is no card callback). */
  async function clickerIsStranger(raw: unknown): Promise<boolean> {
    const parsed = cardCallbackSchema.safeParse(raw);
    if (!parsed.success) return false;
    const { outTrackId, userId } = parsed.data;
    // A card the bot posted to a group on its own is the group's: DingTalk only shows it to members.
    return !(await options.cardRecipients.includes(outTrackId, userId)) && !(await options.cardRecipients.includes(outTrackId, GROUP_AUDIENCE));
  }

  return {
    /** Hands a robot message to the bot in the background. */
    acceptRobotMessage(raw: unknown): void {
      track(processRobot(raw));
    },

    clickerIsStranger,

    /**
     * Answers a card click with the card update (messages the click sends besides are the bot's). Only a
     * user the card was delivered to may act through it (checked before the bot sees the click).
     */
    async answerCardCallback(raw: unknown, eventId: string): Promise<CardCallbackOutcome> {
      const decoded = decodeCardCallback(raw, eventId, clock());
      if (decoded.kind === 'invalid') {
        logger.warn({ platform: 'dingtalk', eventId, reason: decoded.reason }, 'dingtalk card callback ignored: invalid');
        return { kind: 'invalid' };
      }
      if (await clickerIsStranger(raw)) {
        logger.warn({ platform: 'dingtalk', eventId }, 'dingtalk card callback refused: the clicker is not a recipient of the card');
        const text = `${t('zh', 'dingtalk.notCardRecipient')}\n${t('en', 'dingtalk.notCardRecipient')}`;
        return { kind: 'refused', response: renderCardCallbackResponse({ toast: { kind: 'error', text } }) };
      }
      const response = await bot.handleAction(decoded.event);
      return { kind: 'answered', response: renderCardCallbackResponse(response) };
    },

    async drain(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type DingTalkInbound = ReturnType<typeof createDingTalkInbound>;
