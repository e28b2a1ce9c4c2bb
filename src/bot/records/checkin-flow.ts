import { textReply } from '../../domain/card-model.js';
import type { ActingUser } from '../../domain/org/acting-user.js';
import { isProblemError, type Problem } from '../../domain/problem.js';
import type { Actor, ActorSource } from '../../features/actor.js';
import { fetchCheckinPhoto, type StoredPhoto } from '../../features/records/checkin-photos.js';
import { checkInVisit, openChatCheckinVisit } from '../../features/records/checkins.js';
import { checkinOutcomeText } from '../../i18n/checkin-text.js';
import { t } from '../../i18n/index.js';
import { translateProblem } from '../../i18n/problem-text.js';
import type { InboundMessage } from '../../platforms/channel.js';
import type { TextOutput } from '../command.js';
import type { BotDeps } from '../deps.js';

/** A chat photo fetched before the event's transaction (or why it was not). */
export type PreparedPhoto = { photo: StoredPhoto } | { problem: Problem } | undefined;

/** The sender as the check-in features see them; the window is judged at the message's arrival. */
async function actorFor(deps: BotDeps, user: ActingUser, event: InboundMessage): Promise<Actor> {
  return { user, scope: await deps.org.dataScopeOf(user), locale: user.locale, source: event.platform as ActorSource, now: event.receivedAt };
}

/**
 * Downloads a chat photo when it has a visit to attach to. It runs before the event's transaction:
 * a platform download must not hold the database connection. The file is named by its hash, so a
 * rerun of the event writes nothing new.
 */
export async function preparePhoto(deps: BotDeps, event: InboundMessage): Promise<PreparedPhoto> {
  if (event.attachment?.kind !== 'image') return undefined;
  const user = await deps.org.findUserByIdentity(event.platform, event.sender.ids);
  if (!user?.active) return undefined;
  const actor = await actorFor(deps, user, event);
  if ((await openChatCheckinVisit(deps, actor)) === undefined) return undefined;
  try {
    return { photo: await fetchCheckinPhoto(deps, event.attachment.resource) };
  } catch (error) {
    if (isProblemError(error)) return { problem: error.problem };
    throw error;
  }
}

/** Answers a location or photo: attached to the visit logged in the last 30 minutes, or why not. */
export async function runCheckin(deps: BotDeps, user: ActingUser, event: InboundMessage, prepared: PreparedPhoto): Promise<TextOutput> {
  const attachment = event.attachment;
  const say = (text: string): TextOutput => ({ send: [textReply(text)] });
  if (!attachment) return say(t(user.locale, 'common.onlyText'));
  const actor = await actorFor(deps, user, event);
  const visitId = await openChatCheckinVisit(deps, actor);
  if (visitId === undefined) return say(t(user.locale, 'checkin.noOpenVisit'));
  if (attachment.kind === 'image') {
    if (!prepared) return say(t(user.locale, 'checkin.photoDownloadFailed'));
    if ('problem' in prepared) return say(translateProblem(user.locale, prepared.problem));
    return say(checkinOutcomeText(user.locale, await checkInVisit(deps, actor, { visitId, photo: prepared.photo }), deps.config.checkin.radiusM));
  }
  const { kind: _kind, ...location } = attachment;
  return say(checkinOutcomeText(user.locale, await checkInVisit(deps, actor, { visitId, location }), deps.config.checkin.radiusM));
}
