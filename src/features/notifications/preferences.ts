import { createNotificationPreferenceRepository } from '../../db/repositories/notification-preferences.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

/** Whether the actor gets the weekly KPI card (everyone does until they switch it off). */
export function wantsWeeklyCard(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<boolean> {
  return createNotificationPreferenceRepository(deps.db).wantsWeeklyCard(actor.user.id);
}

/** Turns the actor's weekly KPI card on or off. HR and assessment notices have no switch. */
export function setWeeklyCard(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { on: boolean }): Promise<void> {
  return createNotificationPreferenceRepository(deps.db).setWeeklyCard(actor.user.id, input.on, actor.now);
}
