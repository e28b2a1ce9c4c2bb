import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../features/deps.js';
import { needsAttention } from '../../features/alerts/index.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext } from '../request-context.js';

export const TEAM_ROLES = ['manager', 'hr', 'admin'] as const;

/**
 * "Needs attention" on the team page: the alert rules evaluated now (the same rules and thresholds
 * as the daily alerts job, nothing sent), narrowed to the reps the caller may see.
 */
export const teamAlertsApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/team/alerts', async (request) => {
    requireAnyRole(webContext(request), TEAM_ROLES);
    return { alerts: await needsAttention(deps, webActor(request, deps.clock())) };
  });
};
