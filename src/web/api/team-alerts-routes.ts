import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BotDeps } from '../../bot/deps.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { planAlerts } from '../../services/alerts.js';
import { requireAnyRole } from '../access.js';
import { webContext } from '../request-context.js';

const TEAM_ROLES = ['manager', 'hr', 'admin'] as const;

/**
 * "Needs attention" on the team page: the alert rules evaluated now (the same rules and thresholds
 * as the daily alerts job, nothing sent), narrowed to the reps the caller may see.
 */
export const teamAlertsApiRoutes: FastifyPluginAsyncZod<{ botDeps: BotDeps }> = async (app, { botDeps }) => {
  app.get('/api/team/alerts', async (request) => {
    const web = webContext(request);
    requireAnyRole(web, TEAM_ROLES);
    const plan = planAlerts(botDeps, { now: botDeps.clock() });
    const visible = plan.findings.filter((f) => canSeeUser(web.scope, f.repUserId) && f.repUserId !== web.user.id);
    const names = new Map(botDeps.org.listUsersByIds([...new Set(visible.map((f) => f.repUserId))]).map((u) => [u.id, u.name]));
    return {
      alerts: visible
        .map((f) => ({ rule: f.rule, userId: f.repUserId, name: names.get(f.repUserId) ?? '—', text: f.text(web.locale) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.rule.localeCompare(b.rule)),
    };
  });
};
