import { textReply, type ActionResponse, type Reply } from '../domain/card-model.js';
import { isAppError } from '../domain/errors.js';
import { MESSAGES, t, type Locale, type MessageKey } from '../domain/messages/index.js';
import { translateProblem } from '../domain/messages/problem-text.js';
import { isProblemError } from '../domain/problem.js';
import type { ActingUser, DataScope } from '../domain/org/acting-user.js';
import { createProcessedEvents } from '../db/repositories/processed-events.js';
import type { BotHandler, InboundAction, InboundEvent, InboundMessage } from '../platforms/channel.js';
import type { CommandContext, CommandDefinition, CommandOutput } from './command.js';
import type { BotDeps } from './deps.js';
import { createRouter } from './router.js';

/**
 * One path for every inbound event, whatever the platform: dedupe -> identify the sender -> route
 * -> run the command -> deliver the replies. Receivers call it after they have authenticated the
 * request and acknowledged it.
 */
export function createBot(deps: BotDeps, commands: CommandDefinition[]): BotHandler & { router: ReturnType<typeof createRouter> } {
  const router = createRouter(commands);
  const processed = createProcessedEvents(deps.db);

  function contextFor(user: ActingUser, event: InboundEvent): CommandContext {
    let scope: DataScope | undefined;
    return {
      user,
      locale: user.locale,
      now: deps.clock(),
      platform: event.platform,
      eventId: event.eventId,
      deps,
      scope: () => (scope ??= deps.org.dataScopeOf(user)),
      ...(event.kind === 'action' && event.conversation.messageId ? { clickedMessageId: event.conversation.messageId } : {}),
    };
  }

  function errorText(error: unknown, locale: Locale, event: InboundEvent): string {
    if (isProblemError(error)) {
      const text = translateProblem(locale, error.problem);
      // A refused input reads "输入有误：<why>"; any other refusal (permission, state) is its own sentence.
      return error.code === 'VALIDATION_FAILED' ? t(locale, 'common.validation', { reason: text }) : text;
    }
    if (isAppError(error)) {
      const key = `error.${error.code}` as MessageKey;
      const reason = typeof error.params.reason === 'string' ? error.params.reason : undefined;
      if (error.code === 'FORBIDDEN') return t(locale, 'common.forbidden');
      if (reason) return t(locale, 'common.validation', { reason });
      if (key in MESSAGES) return t(locale, key, error.params as Record<string, string>);
      return t(locale, 'common.validation', { reason: error.message });
    }
    deps.logger.error({ err: error, platform: event.platform, eventId: event.eventId }, 'command failed');
    return t(locale, 'common.internalError');
  }

  /** Identifies the sender; answers for the unknown and the deactivated. */
  function identify(event: InboundEvent): { user: ActingUser } | { refusal: string } {
    const user = deps.org.findUserByIdentity(event.platform, event.sender.ids);
    if (!user) return { refusal: t('zh', 'common.notRegistered') + '\n' + t('en', 'common.notRegistered') };
    if (!user.active) return { refusal: t(user.locale, 'common.inactive') };
    return { user };
  }

  async function deliver(event: InboundMessage, replies: Reply[]): Promise<void> {
    // Through the outbox: the first attempt is immediate, a 429 or a crash leaves it for the sender loop.
    for (const [index, reply] of replies.entries()) {
      await deps.outbox.enqueueAndDeliver({
        idempotencyKey: `reply:${event.platform}:${event.eventId}:${index}`,
        platform: event.platform,
        target: { kind: 'conversation', conversation: event.conversation },
        payload: reply,
      });
    }
  }

  async function runMessage(event: InboundMessage): Promise<Reply[]> {
    const who = identify(event);
    if ('refusal' in who) return [textReply(who.refusal)];
    const { user } = who;
    if (event.nonText) return [textReply(t(user.locale, 'common.onlyText'))];
    const match = router.matchText(event.text);
    if (!match) return [textReply(t(user.locale, 'common.unknownCommand', { text: event.text.slice(0, 40) }))];
    try {
      const output = await match.command.run(contextFor(user, event), { source: 'text', text: match.rest });
      return output.replies ?? [];
    } catch (error) {
      return [textReply(errorText(error, user.locale, event))];
    }
  }

  return {
    router,

    async handleMessage(event) {
      if (!processed.claim(event.platform, event.eventId, deps.clock())) {
        deps.logger.debug({ platform: event.platform, eventId: event.eventId }, 'duplicate event ignored');
        return;
      }
      const replies = await runMessage(event);
      await deliver(event, replies);
    },

    async handleAction(event: InboundAction): Promise<ActionResponse> {
      if (!processed.claim(event.platform, event.eventId, deps.clock())) {
        return { toast: { kind: 'info', text: '已处理 (already handled)' } };
      }
      const who = identify(event);
      if ('refusal' in who) return { toast: { kind: 'error', text: who.refusal } };
      const { user } = who;
      try {
        const command = router.matchAction(event.action.command);
        const output: CommandOutput = await command.run(contextFor(user, event), {
          source: 'action',
          action: event.action,
          formValues: event.formValues,
        });
        const response: ActionResponse = {};
        if (output.toast) response.toast = output.toast;
        if (output.card) response.card = output.card;
        const followUps = (output.replies ?? []).filter((r) => !(r.type === 'card' && r.card === output.card));
        if (followUps.length > 0) response.followUps = followUps;
        return response;
      } catch (error) {
        return { toast: { kind: 'error', text: errorText(error, user.locale, event) } };
      }
    },
  };
}

export type Bot = ReturnType<typeof createBot>;
