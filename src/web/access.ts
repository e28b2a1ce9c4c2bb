import { canSeeUser } from '../domain/org/acting-user.js';
import type { Role } from '../domain/org/roles.js';
import { t } from '../i18n/index.js';
import { webError, type WebContext } from './request-context.js';

/** 403 unless the caller has one of the roles (a rep asking for a team page). */
export function requireAnyRole(web: WebContext, roles: readonly Role[]): void {
  if (roles.some((r) => web.user.roles.includes(r))) return;
  const names = roles.map((r) => t(web.locale, `web.role.${r}`)).join(web.locale === 'zh' ? '、' : ', ');
  throw webError('FORBIDDEN', 'web.roleForbidden', web.locale, { roles: names });
}

/** 403 unless the user's records are in the caller's data scope (own; team for managers; all for HR/admin). */
export function requireVisibleUser(web: WebContext, userId: number): void {
  if (!canSeeUser(web.scope, userId)) throw webError('FORBIDDEN', 'web.forbidden', web.locale);
}
