import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../features/deps.js';
import { sessionUser } from '../features/sessions/session-user.js';
import { safeEqual, type WebSessionStore } from '../features/sessions/web-sessions.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from './cookies.js';
import { localeOf, webError } from './request-context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * onRequest hook for every guarded /api route: a live session of an active org user, and on
 * writes the session's CSRF token in a header (a cross-site form cannot set headers). The user is
 * read afresh on each call, so a deactivation or a role change applies at once.
 */
export function createSessionGuard(deps: { sessions: WebSessionStore; appDeps: Pick<AppDeps, 'org'>; secureCookie: boolean }) {
  return async function sessionGuard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const locale = localeOf(request);
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = await deps.sessions.resolve(cookie);
    if (!session) throw webError('UNAUTHORIZED', 'web.session.required', locale);
    const found = await sessionUser(deps.appDeps, session.userId);
    if (!found) {
      await deps.sessions.destroy(cookie);
      reply.header('set-cookie', clearedSessionCookie(deps.secureCookie));
      throw webError('USER_INACTIVE', 'web.login.inactive', locale, {}, 401);
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw webError('CSRF_INVALID', 'web.csrf.invalid', locale, {}, 403);
    }
    const { user, scope } = found;
    request.web = { user, session, scope, locale: localeOf(request, user.locale) };
  };
}
