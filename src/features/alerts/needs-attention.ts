import { sortFindings, type AlertRule } from '../../domain/alerts/find.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { findAlerts } from './find.js';
import { alertText } from './render.js';

export interface AttentionItem {
  rule: AlertRule;
  userId: number;
  name: string;
  text: string;
}

/**
 * "Needs attention" on the team page: the alert rules evaluated now (the same rules and thresholds
 * as the daily alerts job, nothing sent), narrowed to the reps the actor may see, not themselves.
 * The caller checks the role (managers, HR, admins).
 */
export async function needsAttention(deps: Pick<AppDeps, 'db' | 'config' | 'org'>, actor: Actor): Promise<AttentionItem[]> {
  const visible = (await findAlerts(deps,{ now: actor.now })).findings.filter((f) => canSeeUser(actor.scope, f.repUserId) && f.repUserId !== actor.user.id);
  const names = new Map((await deps.org.listUsersByIds([...new Set(visible.map((f) => f.repUserId))])).map((u) => [u.id, u.name]));
  return sortFindings(visible.map((f) => ({ rule: f.rule, userId: f.repUserId, name: names.get(f.repUserId) ?? '—', text: alertText(f, actor.locale) })));
}
