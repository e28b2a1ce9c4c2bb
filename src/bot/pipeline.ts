import { textReply, type ActionResponse, type Reply } from '../domain/card-model.js';
import { isAppError } from '../domain/errors.js';
import { MESSAGES, t, type Locale, type MessageKey } from '../i18n/index.js';
import { translateProblem } from '../i18n/problem-text.js';
import { isProblemError } from '../domain/problem.js';
import type { ActingUser, DataScope } from '../domain/org/acting-user.js';
import { createInboundEvents } from '../features/inbound/events.js';
import { MAX_INBOUND_TEXT_LENGTH, type BotHandler, type InboundAction, type InboundEvent, type InboundMessage } from '../platforms/channel.js';
import type { CommandContext, CommandDefinition, CommandOutput, TextOutput } from './command.js';
import type { BotDeps } from './deps.js';
import { createRouter } from './router.js';
import { unknownTextReply } from './commands/suggest.js';
import { typedLocale } from '../domain/commands/typed-locale.js';
import { preparePhoto, runCheckin, type PreparedPhoto } from './records/checkin-flow.js';
import { carryLocale, clickUser } from './carry-locale.js';
import { checkGroupMembership } from './group-check.js';
import { createTurns } from './turns.js';

/** How many times a stored message is tried before it is set aside as 'failed'. */
export const RESUME_MAX_ATTEMPTS = 3;

/**
 * One path for every inbound event, whatever the platform: dedupe -> identify the sender -> route
 * -> run the command -> queue its messages in the outbox. Only here do replies and follow-ups get sent:
 * platforms answer a click with the card and toast this returns, nothing more. Receivers call it after they have authenticated the
 * request and acknowledged it.
 */
export function createBot(deps: BotDeps, commands: CommandDefinition[]): Required<BotHandler> & { router: ReturnType<typeof createRouter>; resumeReceived(receivedBefore?: number): Promise<number> } {
  const router = createRouter(commands);
  const inbound = createInboundEvents(deps);
  // Received messages run their transactions one per event-loop turn (see turns.ts).
  const turns = createTurns();

  async function contextFor(user: ActingUser, event: InboundEvent, groupMember?: boolean): Promise<CommandContext> {
    // Read once per event, before the command runs: commands ask for it synchronously.
    const scope: DataScope = await deps.org.dataScopeOf(user);
    return {
      user,
      locale: user.locale,
      now: deps.clock(),
      platform: event.platform,
      eventId: event.eventId,
      deps,
      scope: () => scope,
      ...(event.kind === 'action' && event.conversation.messageId ? { clickedMessageId: event.conversation.messageId } : {}),
      conversation: { chatId: event.conversation.chatId, chatType: event.conversation.chatType },
      ...(groupMember !== undefined ? { groupMember } : {}),
    };
  }

  function errorText(error: unknown, locale: Locale, event: InboundEvent): string {
    if (isProblemError(error)) {
      const text = translateProblem(locale, error.problem);
      // A refused input reads "输入有误：<why>", a refused permission "没有权限：<why>"; any other refusal (state) is its own sentence.
      if (error.code === 'FORBIDDEN') return t(locale, 'common.forbiddenBecause', { reason: text });
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

  /** Identifies the sender; answers for the unidentifiable, the unknown and the deactivated. */
  async function identify(event: InboundEvent): Promise<{ user: ActingUser } | { refusal: string }> {
    if (event.kind === 'message' && event.unidentified) return { refusal: t('zh', event.unidentified) + '\n' + t('en', event.unidentified) };
    const user = await deps.org.findUserByIdentity(event.platform, event.sender.ids);
    if (!user) return { refusal: t('zh', 'common.notRegistered') + '\n' + t('en', 'common.notRegistered') };
    if (!user.active) return { refusal: t(user.locale, 'common.inactive') };
    return { user };
  }

  /**
   * Queues messages to the event's conversation in the outbox, durably and at once (one transaction),
   * and returns their keys. The key names the event, so a redelivered event queues nothing twice.
   * Text replies are `reply:…`, messages after a click `followup:…`.
   */
  async function queue(event: InboundEvent, kind: 'reply' | 'followup', replies: Reply[]): Promise<string[]> {
    const messages = replies.map((payload, index) => ({
      idempotencyKey: `${kind}:${event.platform}:${event.eventId}:${index}`,
      platform: event.platform,
      target: { kind: 'conversation' as const, conversation: event.conversation },
      payload,
    }));
    // Sent by deliverNow once the event commits (runReceived, sendAfterAnswer).
    if (messages.length > 0) await deps.outbox.enqueue(messages, { sentByCaller: true });
    return messages.map((m) => m.idempotencyKey);
  }

  /** Sends after a click run once the click is answered, and messages being handled; `settle()` waits for them. */
  const sending = new Set<Promise<void>>();
  function sendAfterAnswer(event: InboundAction, keys: string[]): void {
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => deps.outbox.deliverNow(keys))
      .then(
        () => undefined,
        (error: unknown) => deps.logger.error({ err: error, platform: event.platform, eventId: event.eventId }, 'follow-up not delivered now; the outbox will retry'),
      )
      .finally(() => sending.delete(work));
    sending.add(work);
  }

  /** A message's output; a command that throws leaves no writes (its savepoint is undone) and answers the error. */
  async function runMessage(event: InboundMessage, profile: ActingUser, photo: PreparedPhoto, groupMember: boolean | undefined): Promise<TextOutput> {
    // "/help" or "visit …" is answered in English whatever the profile says.
    const locale = typedLocale(event.text, profile.locale);
    const user = locale === profile.locale ? profile : { ...profile, locale };
    if (event.attachment) {
      try {
        return await inbound.attempt(async () => runCheckin(deps, user, event, photo));
      } catch (error) {
        return { send: [textReply(errorText(error, user.locale, event))] };
      }
    }
    if (event.nonText) return { send: [textReply(t(user.locale, 'common.onlyText'))] };
    if (event.tooLong) return { send: [textReply(t(user.locale, 'common.textTooLong', { max: MAX_INBOUND_TEXT_LENGTH }))] };
    const match = router.matchText(event.text);
    if (!match?.command.onText) return { send: [unknownTextReply(router.commands, event.text, user.locale)] };
    const onText = match.command.onText;
    try {
      return carryLocale(await inbound.attempt(async () => onText(await contextFor(user, event, groupMember), match.rest)), user.locale, profile.locale);
    } catch (error) {
      return { send: [textReply(errorText(error, user.locale, event))] };
    }
  }

  async function runAction(event: InboundAction, profile: ActingUser): Promise<CommandOutput> {
    const user = clickUser(profile, event.action);
    try {
      const { handler } = router.matchAction(event.action.command);
      return carryLocale(await inbound.attempt(async () => handler(await contextFor(user, event), event.action, event.formValues)), user.locale, profile.locale);
    } catch (error) {
      return { toast: { kind: 'error', text: errorText(error, user.locale, event) } };
    }
  }

  /**
   * Runs a stored message. Its writes, its queued replies and its done mark commit together; the
   * replies (and any file the command queued) are delivered after the commit, through the outbox.
   */
  async function runReceived(event: InboundMessage): Promise<void> {
    // A check-in photo is downloaded first: a platform call must not hold the database connection.
    const photo = await preparePhoto(deps, event);
    // Likewise the bot's group membership, which 绑定群 needs.
    const groupMember = await checkGroupMembership(deps, router, event);
    await turns.next();
    const keys = await inbound.handleReceived(event, async () => {
      const who = await identify(event);
      const output: TextOutput = 'refusal' in who ? { send: [textReply(who.refusal)] } : await runMessage(event, who.user, photo, groupMember);
      return [...(await queue(event, 'reply', output.send ?? [])), ...(output.deliver ?? [])];
    });
    // Handled by another instance meanwhile: its replies are its own.
    if (!keys) return;
    // The first attempt is immediate; a 429 or a crash leaves the rest for the sender loop.
    await deps.outbox.deliverNow(keys);
  }

  /**
   * Failed attempts at stored messages, by event, in this process. A message whose handling throws
   * (not a command's error: those are answered) stays 'received' and is tried again by the sweep; after
   * RESUME_MAX_ATTEMPTS it is set aside as 'failed', so it neither blocks the messages stored after it
   * nor fails again every sweep.
   */
  const failures = new Map<string, number>();
  async function runCounted(event: InboundMessage): Promise<void> {
    const key = `${event.platform}:${event.eventId}`;
    try {
      await runReceived(event);
      failures.delete(key);
    } catch (error) {
      const attempts = (failures.get(key) ?? 0) + 1;
      // Bounded: a message another instance finished after failing here would otherwise stay counted.
      if (failures.size >= 10_000) failures.clear();
      failures.set(key, attempts);
      if (attempts >= RESUME_MAX_ATTEMPTS && (await inbound.giveUp(event))) {
        failures.delete(key);
        deps.logger.error({ err: error, platform: event.platform, eventId: event.eventId, attempts }, 'message set aside as failed: its handling failed every attempt');
      }
      throw error;
    }
  }

  /**
   * Stores the message as 'received' (a redelivery stops here) and starts its handling on a later
   * turn, once the acknowledgement is written. `settle()` waits for the handling too.
   */
  async function receiveMessage(event: InboundMessage): Promise<{ handled(): Promise<void> }> {
    if (!(await inbound.receive(event))) {
      deps.logger.debug({ platform: event.platform, eventId: event.eventId }, 'duplicate event ignored');
      return { handled: async () => undefined };
    }
    const handled = new Promise((resolve) => setImmediate(resolve)).then(() => runCounted(event));
    const tracked = handled.then(
      () => undefined,
      () => undefined,
    );
    sending.add(tracked);
    void tracked.finally(() => sending.delete(tracked));
    return { handled: () => handled };
  }

  return {
    router,

    receiveMessage,

    // Transports that await it acknowledge after the work; the event is durably 'received' first either way.
    async handleMessage(event) {
      await (await receiveMessage(event)).handled();
    },

    /**
     * At start: handles the messages a stopped process had stored but not handled (at-least-once; the
     * reply keys name the event, so a reply already queued is not queued twice). Later, periodically, the
     * ones stored before `receivedBefore`: another instance stored them and died. A message that its own
     * instance is still handling is safe: the done mark, taken first, lets only one of the two run it.
     */
    async resumeReceived(receivedBefore?: number): Promise<number> {
      const events = (await inbound.pending(1_000, receivedBefore)) as InboundMessage[];
      let handled = 0;
      for (const event of events) {
        try {
          await runCounted(event);
          handled += 1;
        } catch (error) {
          // One message that cannot be handled must not hold up the ones stored after it.
          deps.logger.warn({ err: error, platform: event.platform, eventId: event.eventId }, 'stored message not handled; tried again later');
        }
      }
      return handled;
    },

    /**
     * Answers a click from local data: the replacement card and the toast go back to the platform;
     * the messages the command sends are queued here and go out after the answer, through the outbox.
     */
    async handleAction(event: InboundAction): Promise<ActionResponse> {
      // The claim, the command's writes and its queued sends commit together: a crash before the commit
      // leaves the click unclaimed, so the platform's retry runs it once.
      const handled = await inbound.handleClickOnce(event, async () => {
        const who = await identify(event);
        if ('refusal' in who) return { toast: { kind: 'error' as const, text: who.refusal }, keys: [] };
        const { send = [], deliver = [], card, toast } = await runAction(event, who.user);
        return { card, toast, keys: [...(await queue(event, 'followup', send)), ...deliver] };
      });
      if (!handled) return { toast: { kind: 'info', text: '已处理 (already handled)' } };
      const { card, toast, keys } = handled.result;
      if (keys.length > 0) sendAfterAnswer(event, keys);
      return { ...(toast ? { toast } : {}), ...(card ? { card } : {}) };
    },

    /**
     * Waits until nothing is being handled or sent. With `withinMs` it gives up after that long and
     * says so (false): a long connection still open at shutdown keeps bringing work, so "nothing in
     * hand" may never come, and the transports must stop taking new work at some point.
     */
    async settle(withinMs?: number): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        if (withinMs !== undefined) timer = setTimeout(() => resolve('late'), withinMs);
      });
      try {
        while (sending.size > 0) if ((await Promise.race([Promise.all([...sending]), late])) === 'late') return false;
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type Bot = ReturnType<typeof createBot>;
