import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { AssessmentDeps } from '../features/assessment/deps.js';
import type { AppDeps } from '../features/deps.js';
import { businessDateOf } from '../domain/records/business-date.js';
import type { PlatformName } from '../platforms/channel.js';
import type { LoginProvider } from '../platforms/login.js';
import { adminApiRoutes } from './api/admin-routes.js';
import { orgTargetApiRoutes } from './api/org-target-routes.js';
import { payRuleApiRoutes } from './api/pay-rule-routes.js';
import { adminSettingsApiRoutes } from './api/admin-settings-routes.js';
import { groupBindApiRoutes } from './api/group-bind-routes.js';
import { assessmentApiRoutes } from './api/assessment-routes.js';
import { auditApiRoutes } from './api/audit-routes.js';
import { calibrationApiRoutes } from './api/calibration-routes.js';
import { importTemplateApiRoutes } from './api/import-template-routes.js';
import { financeApiRoutes } from './api/finance-routes.js';
import { kpiApiRoutes } from './api/kpi-routes.js';
import { teamAlertsApiRoutes } from './api/team-alerts-routes.js';
import { recordApiRoutes } from './api/record-routes.js';
import { checkinApiRoutes } from './api/checkin-routes.js';
import { visitFormApiRoutes } from './api/visit-form-routes.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from './cookies.js';
import { createExchangeLimiter, limitLogins } from './login-exchange-limiter.js';
import { loginRoutes, publicUser } from './login-routes.js';
import { registerOpenApi } from './openapi.js';
import { webContext } from './request-context.js';
import { createSessionGuard } from './session-guard.js';
import { managerReviewApiRoutes } from './api/manager-review-routes.js';
import { surveyRoutes } from './survey-routes.js';
import { createWebSessionStore } from '../features/sessions/web-sessions.js';

/**
 * The built front-end (`vite build` → dist/web), found from here whether the service runs from src/
 * (tsx) or from dist/src/ (compiled). Null when it has not been built.
 */
function findBundleDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    for (const candidate of [join(dir, 'dist/web'), ...(basename(dir) === 'dist' ? [join(dir, 'web')] : [])]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    dir = dirname(dir);
  }
  return null;
}
/** ECharts' prebuilt "common" bundle (line, bar, pie...; ~215 KB gzipped), served as is and loaded only when a chart is drawn. */
const ECHARTS_DIST = dirname(createRequire(import.meta.url).resolve('echarts'));
export const ECHARTS_FILE = 'echarts.common.min.js';

/**
 * The H5 mini-app at /app: the Vite bundle of src/web/public (dist/web) and the JSON API under /api.
 * Login routes are open; everything else sits behind the session guard.
 */
export interface WebPluginOptions {
  /** The app's dependencies and the assessment features' (no channel: the H5 pages call features). */
  botDeps: AppDeps & { assessment: AssessmentDeps };
  /** The enabled platforms' H5 logins, from their definitions. */
  logins: ReadonlyMap<PlatformName, LoginProvider>;
  /** Where the built front-end is; defaults to dist/web. null serves the "not built" page (tests). */
  bundleDir?: string | null;
}

export const webPlugin: FastifyPluginAsync<WebPluginOptions> = async (app, options) => {
  const { botDeps } = options;
  const { config, clock, logger } = botDeps;
  const secureCookie = config.publicBaseUrl.startsWith('https://');
  if (!config.webSessionSecret && config.env === 'production') logger.warn('WEB_SESSION_SECRET is not set: H5 sessions end when the service restarts');
  const sessions = createWebSessionStore(botDeps, { secret: config.webSessionSecret ?? randomBytes(32).toString('hex') });

  // Phones on mobile data: gzip/brotli for the pages, the API and the chart bundle (scoped to the mini-app plugin: /app and /api).
  await app.register(fastifyCompress, { threshold: 1024 });

  await registerOpenApi(app, config.publicBaseUrl);

  const logins = limitLogins(options.logins, createExchangeLimiter(config.http.loginExchanges, clock));
  await app.register(loginRoutes, { logins, deps: botDeps, sessions, secureCookie });
  // The customer's survey page: public, outside the session guard (the signed link is the permission).
  await app.register(surveyRoutes, { deps: botDeps });

  await app.register(async (guarded) => {
    guarded.addHook('onRequest', createSessionGuard({ sessions, appDeps: botDeps, secureCookie }));
    guarded.get('/api/me', async (request) => {
      const web = webContext(request);
      return {
        user: publicUser(web.user),
        csrfToken: web.session.csrfToken,
        platform: web.session.platform,
        scope: web.scope.kind === 'all' ? 'all' : web.scope.userIds.size > 1 ? 'team' : 'own',
        /** Today's business date in APP_TIMEZONE: the default (and latest) date of an entry form. */
        today: businessDateOf(clock(), config.timezone),
      };
    });
    guarded.post('/api/logout', async (request, reply) => {
      await sessions.destroy(readCookie(request.headers.cookie, SESSION_COOKIE));
      reply.header('set-cookie', clearedSessionCookie(secureCookie));
      return { ok: true };
    });
    await guarded.register(kpiApiRoutes, { deps: botDeps });
    await guarded.register(teamAlertsApiRoutes, { deps: botDeps });
    await guarded.register(managerReviewApiRoutes, { deps: botDeps });
    await guarded.register(recordApiRoutes, { deps: botDeps });
    await guarded.register(checkinApiRoutes, { deps: botDeps });
    await guarded.register(visitFormApiRoutes, { deps: botDeps });
    await guarded.register(assessmentApiRoutes, { deps: botDeps.assessment });
    await guarded.register(calibrationApiRoutes, { deps: botDeps.assessment });
    await guarded.register(auditApiRoutes, { deps: botDeps });
    await guarded.register(adminApiRoutes, { botDeps, jobs: app.jobs });
    await guarded.register(adminSettingsApiRoutes, { botDeps });
    await guarded.register(groupBindApiRoutes, { botDeps });
    await guarded.register(importTemplateApiRoutes, { botDeps });
    await guarded.register(financeApiRoutes, { deps: botDeps });
    await guarded.register(orgTargetApiRoutes, { deps: botDeps });
    await guarded.register(payRuleApiRoutes, { deps: botDeps });
  });

  if (existsSync(`${ECHARTS_DIST}/${ECHARTS_FILE}`)) {
    await app.register(fastifyStatic, {
      root: ECHARTS_DIST,
      prefix: '/app/vendor/echarts/',
      decorateReply: false,
      allowedPath: (path) => path === `/${ECHARTS_FILE}`,
      maxAge: '7d',
    });
  }
  // The homepage URL configured in Feishu / DingTalk is ${PUBLIC_BASE_URL}/app; the pages live under /app/.
  app.get('/app', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  const bundleDir = options.bundleDir === undefined ? findBundleDir() : options.bundleDir;
  if (bundleDir && existsSync(join(bundleDir, 'index.html'))) {
    // Hashed assets can be cached for long; the page shell must be revalidated to pick up a new build.
    await app.register(fastifyStatic, {
      root: bundleDir,
      prefix: '/app/',
      redirect: true,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (res, path) => res.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  } else {
    logger.warn('the H5 bundle is missing: run `npm run build:web` (or `npm run build`)');
    app.get('/app/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>销售考核</title><p>网页应用尚未构建，请联系管理员运行 <code>npm run build</code>。</p><p>The mini-app has not been built: run <code>npm run build</code> (or <code>npm run build:web</code>).</p>'),
    );
  }
};
