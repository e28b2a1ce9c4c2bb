import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { OrgRepository } from '../db/repositories/org-repository.js';
import type { ActingUser } from '../domain/org/acting-user.js';
import type { PlatformName } from '../platforms/channel.js';
import { sessionCookie } from './cookies.js';
import { exchangeDingTalkCode } from './login/dingtalk-login.js';
import { exchangeFeishuCode } from './login/feishu-login.js';
import { LoginExchangeError, type PlatformPerson } from './login/login-error.js';
import { localeOf, webError } from './request-context.js';
import { SESSION_TTL_MS, type WebSessionStore } from './session-store.js';

export interface LoginRoutesOptions {
  config: Config;
  org: OrgRepository;
  sessions: WebSessionStore;
  secureCookie: boolean;
  dingtalkClient: { oapi<T>(path: string, body: unknown): Promise<T> } | undefined;
}

const codeBody = z.object({ code: z.string().min(1).max(512) });
const PLATFORM_LABEL = { feishu: { zh: '飞书', en: 'Feishu' }, dingtalk: { zh: '钉钉', en: 'DingTalk' }, sandbox: { zh: '沙盒', en: 'Sandbox' } } as const;

/**
 * How a person gets a session: a one-time code from the Feishu or DingTalk JSSDK, exchanged on the
 * server (the code and any token never reach logs), or the dev picker when the sandbox is enabled.
 */
export const loginRoutes: FastifyPluginAsyncZod<LoginRoutesOptions> = async (app, { config, org, sessions, secureCookie, dingtalkClient }) => {
  /** What the page needs to pick a login: only public identifiers. */
  app.get('/api/login/options', async () => ({
    feishu: config.feishu.enabled ? { appId: config.feishu.appId } : null,
    dingtalk: config.dingtalk.enabled ? { clientId: config.dingtalk.clientId, corpId: config.dingtalk.corpId ?? null } : null,
    devLogin: config.sandbox.enabled,
  }));

  function startSession(request: FastifyRequest, reply: FastifyReply, user: ActingUser | undefined, platform: PlatformName) {
    const locale = localeOf(request, user?.locale);
    if (!user) throw webError('USER_NOT_REGISTERED', 'web.login.notInOrg', locale, {}, 403);
    if (!user.active) throw webError('USER_INACTIVE', 'web.login.inactive', locale, {}, 403);
    sessions.purgeExpired();
    const { cookieValue, session } = sessions.create(user.id, platform);
    reply.header('set-cookie', sessionCookie(cookieValue, { secure: secureCookie, maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000) }));
    request.log.info({ userId: user.id, platform }, 'h5 login');
    return { user: publicUser(user), csrfToken: session.csrfToken };
  }

  async function exchange(request: FastifyRequest, platform: 'feishu' | 'dingtalk', run: () => Promise<PlatformPerson>): Promise<PlatformPerson> {
    const locale = localeOf(request);
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof LoginExchangeError)) throw error;
      request.log.warn({ platform, reason: error.reason, err: error.message }, 'h5 login code exchange failed');
      if (error.reason === 'code-invalid') throw webError('LOGIN_CODE_INVALID', 'web.login.codeInvalid', locale, {}, 401);
      throw webError('LOGIN_UNAVAILABLE', 'web.login.unavailable', locale, { platform: PLATFORM_LABEL[platform][locale] }, 502);
    }
  }

  app.post('/api/login/feishu', { schema: { body: codeBody } }, async (request, reply) => {
    const feishu = config.feishu;
    if (!feishu.enabled) throw webError('PLATFORM_DISABLED', 'web.login.platformDisabled', localeOf(request), { platform: PLATFORM_LABEL.feishu[localeOf(request)] }, 404);
    const person = await exchange(request, 'feishu', () => exchangeFeishuCode(feishu, request.body.code));
    return startSession(request, reply, org.findUserByIdentity('feishu', person.ids), 'feishu');
  });

  app.post('/api/login/dingtalk', { schema: { body: codeBody } }, async (request, reply) => {
    if (!dingtalkClient) throw webError('PLATFORM_DISABLED', 'web.login.platformDisabled', localeOf(request), { platform: PLATFORM_LABEL.dingtalk[localeOf(request)] }, 404);
    const person = await exchange(request, 'dingtalk', () => exchangeDingTalkCode(dingtalkClient, request.body.code));
    return startSession(request, reply, org.findUserByIdentity('dingtalk', person.ids), 'dingtalk');
  });

  if (config.sandbox.enabled) {
    app.get('/api/login/dev/users', async () => ({
      users: org
        .listUsers({ activeOnly: true })
        .map(publicUser)
        .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)),
    }));
    app.post('/api/login/dev', { schema: { body: z.object({ employeeNo: z.string().min(1).max(32) }) } }, async (request, reply) =>
      startSession(request, reply, org.getUserByEmployeeNo(request.body.employeeNo), 'sandbox'),
    );
  }
};

export function publicUser(user: ActingUser) {
  return { id: user.id, employeeNo: user.employeeNo, name: user.name, roles: user.roles, locale: user.locale };
}
