import type { Locale } from '../i18n/index.js';
import type { ActingUser, DataScope } from '../domain/org/acting-user.js';

/** Which door an action came through: a platform, the H5 app, the admin API, the CLI or a job. Written to the audit log. */
export type ActorSource = 'feishu' | 'dingtalk' | 'sandbox' | 'h5' | 'admin-api' | 'cli' | 'import' | 'job';

/**
 * Who acts, when, and through which door: the one type every feature takes. Chat builds it from the
 * inbound event, H5 from the session, admin and jobs from their own identity (user null).
 */
export interface Actor {
  user: ActingUser;
  /** The records this user may see (own, team, all). */
  scope: DataScope;
  locale: Locale;
  source: ActorSource;
  now: number;
}

/** The audit columns of an actor, as repositories write them. */
export const auditOf = (actor: Actor): { userId: number; source: ActorSource; now: number } => ({ userId: actor.user.id, source: actor.source, now: actor.now });

/** The admin API, the CLI, imports and jobs act as themselves: no user; the audit log names their source. */
export interface SystemActor {
  user: null;
  source: Exclude<ActorSource, 'feishu' | 'dingtalk' | 'sandbox' | 'h5'>;
  locale: Locale;
  now: number;
}

export const systemActor = (source: SystemActor['source'], now: number, locale: Locale = 'zh'): SystemActor => ({ user: null, source, locale, now });
