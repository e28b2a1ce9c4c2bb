import type { Actor } from '../features/actor.js';
import type { CommandContext } from './command.js';

/** The person behind a chat command as the features see them: the audit source is the platform. */
export function actorOf(cmd: CommandContext): Actor {
  return { user: cmd.user, scope: cmd.scope(), locale: cmd.locale, source: cmd.platform, now: cmd.now };
}
