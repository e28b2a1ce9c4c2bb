import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import type { ActingUser, DataScope } from '../domain/org/acting-user.js';
import type { Actor } from '../features/actor.js';
import type { WebSession } from '../features/sessions/web-sessions.js';

/** Who is calling an /api route, set by the session guard. */
export interface WebContext {
  user: ActingUser;
  session: WebSession;
  scope: DataScope;
  locale: Locale;
}

declare module 'fastify' {
  interface FastifyRequest {
    web?: WebContext;
  }
}

/** The page's language toggle wins (x-locale), else the user's own setting, else Chinese. */
export function localeOf(request: FastifyRequest, fallback: Locale = 'zh'): Locale {
  const header = request.headers['x-locale'];
  return header === 'en' || header === 'zh' ? header : fallback;
}

/** The caller of a guarded route; a route outside the guard calling this is a programming error. */
export function webContext(request: FastifyRequest): WebContext {
  if (!request.web) throw new AppError('UNAUTHORIZED', 'route is not behind the session guard');
  return request.web;
}

/** A coded error whose reason the page shows as is, in the caller's language. */
export function webError(code: string, key: MessageKey, locale: Locale, params: Record<string, string | number> = {}, status?: number): AppError {
  return new AppError(code, key, { params: { reason: t(locale, key, params) }, ...(status ? { status } : {}) });
}

/** The caller of a guarded route as the features see them: the audit source is the H5 app. */
export function webActor(request: FastifyRequest, now: number): Actor {
  const web = webContext(request);
  return { user: web.user, scope: web.scope, locale: web.locale, source: 'h5', now };
}
