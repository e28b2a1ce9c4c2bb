import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActingUser } from '../domain/org/acting-user.js';
import type { AppDeps } from '../features/deps.js';
import { t } from '../i18n/index.js';
import { devLoginUsers, loginUserByEmployeeNo, loginUserByIdentity } from '../features/sessions/session-user.js';
import { SESSION_TTL_MS, type WebSessionStore } from '../features/sessions/web-sessions.js';
import type { PlatformName } from '../platforms/channel.js';
import { sessionCookie } from './cookies.js';
import { LoginExchangeError, type LoginProvider, type PlatformPerson } from '../platforms/login.js';
import { ExchangeBusyError } from './login-exchange-limiter.js';
import { localeOf, webError } from './request-context.js';

export interface LoginRoutesOptions {
  /** The enabled platforms' H5 logins (Feishu and DingTalk by one-time code, the sandbox's dev picker). */
  logins: ReadonlyMap<PlatformName, LoginProvider>;
  deps: Pick<AppDeps, 'org'>;
  sessions: WebSessionStore;
  secureCookie: boolean;
}

const codeBody = z.object({ code: z.string().min(1).max(512) });

/**
 * How a person gets a session: a one-time code from the Feishu or DingTalk JSSDK, exchanged on the
 * server (the code and any token never reach logs), or the dev picker when the sandbox is enabled.
 */
export const loginRoutes: FastifyPluginAsyncZod<LoginRoutesOptions> = async (app, { logins, deps, sessions, secureCookie }) => {
  const codeLogin = (platform: 'feishu' | 'dingtalk') => {
    const login = logins.get(platform);
    return login?.kind === 'code' ? login : undefined;
  };

  /** What the page needs to pick a login: only public identifiers. */
  app.get('/api/login/options', async () => ({
    feishu: codeLogin('feishu')?.publicOptions ?? null,
    dingtalk: codeLogin('dingtalk')?.publicOptions ?? null,
    devLogin: logins.get('sandbox')?.kind === 'dev',
  }));

  async function startSession(request: FastifyRequest, reply: FastifyReply, user: ActingUser | undefined, platform: PlatformName) {
    const locale = localeOf(request, user?.locale);
    if (!user) throw webError('USER_NOT_REGISTERED', 'web.login.notInOrg', locale, {}, 403);
    if (!user.active) throw webError('USER_INACTIVE', 'web.login.inactive', locale, {}, 403);
    await sessions.purgeExpired();
    const { cookieValue, session } = await sessions.create(user.id, platform);
    reply.header('set-cookie', sessionCookie(cookieValue, { secure: secureCookie, maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000) }));
    request.log.info({ userId: user.id, platform }, 'h5 login');
    return { user: publicUser(user), csrfToken: session.csrfToken };
  }

  async function exchange(request: FastifyRequest, reply: FastifyReply, platform: 'feishu' | 'dingtalk', code: string): Promise<PlatformPerson> {
    const locale = localeOf(request);
    const login = codeLogin(platform);
    if (!login) throw webError('PLATFORM_DISABLED', 'web.login.platformDisabled', locale, { platform: t(locale, `web.platform.${platform}`) }, 404);
    try {
      return await login.exchange(code);
    } catch (error) {
      if (error instanceof ExchangeBusyError) {
        request.log.warn({ platform }, 'h5 login refused: too many code exchanges at once');
        reply.header('retry-after', String(error.retryAfterSeconds));
        throw webError('LOGIN_BUSY', 'web.login.busy', locale, {}, 429);
      }
      if (!(error instanceof LoginExchangeError)) throw error;
      request.log.warn({ platform, reason: error.reason, err: error.message }, 'h5 login code exchange failed');
      if (error.reason === 'code-invalid') throw webError('LOGIN_CODE_INVALID', 'web.login.codeInvalid', locale, {}, 401);
      throw webError('LOGIN_UNAVAILABLE', 'web.login.unavailable', locale, { platform: t(locale, `web.platform.${platform}`) }, 502);
    }
  }

  for (const platform of ['feishu', 'dingtalk'] as const) {
    app.post(`/api/login/${platform}`, { schema: { body: codeBody } }, async (request, reply) => {
      const person = await exchange(request, reply, platform, request.body.code);
      return startSession(request, reply, await loginUserByIdentity(deps, platform, person.ids), platform);
    });
  }

  if (logins.get('sandbox')?.kind === 'dev') {
    app.get('/api/login/dev/users', async () => ({
      users: (await devLoginUsers(deps))
        .map(publicUser)
        .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)),
    }));
    app.post('/api/login/dev', { schema: { body: z.object({ employeeNo: z.string().min(1).max(32) }) } }, async (request, reply) =>
      startSession(request, reply, await loginUserByEmployeeNo(deps, request.body.employeeNo), 'sandbox'),
    );
  }
};

export function publicUser(user: ActingUser) {
  return { id: user.id, employeeNo: user.employeeNo, name: user.name, roles: user.roles, locale: user.locale };
}
