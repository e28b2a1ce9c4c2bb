import type { InboundMessage } from '../platforms/channel.js';
import type { BotDeps } from './deps.js';
import type { createRouter } from './router.js';

/** The command that needs the bot's group membership checked first. */
export const BIND_GROUP_COMMAND = 'bind-group';

/**
 * For 绑定群 in a group: asks the platform whether the bot is a member (Feishu GET im/v1/chats/:chat_id),
 * before the event's transaction, so no platform call holds the database connection. undefined: not
 * asked (another command), or the platform cannot tell (DingTalk: the signed event came from the group).
 */
export async function checkGroupMembership(deps: BotDeps, router: ReturnType<typeof createRouter>, event: InboundMessage): Promise<boolean | undefined> {
  if (event.conversation.chatType !== 'group' || event.attachment || event.nonText) return undefined;
  if (router.matchText(event.text)?.command.name !== BIND_GROUP_COMMAND) return undefined;
  try {
    return await deps.checkGroup?.(event.platform, event.conversation.chatId);
  } catch (error) {
    deps.logger.warn({ err: error, platform: event.platform, eventId: event.eventId }, 'group membership check failed');
    return false;
  }
}
