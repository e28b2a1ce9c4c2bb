import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { listDoubtedRecords } from '../../features/records/doubted-records.js';
import { convertSurveyToComplaint } from '../../features/surveys/survey-complaint.js';
import { listSurveyAnswers } from '../../features/surveys/survey-review.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext } from '../request-context.js';
import { TEAM_ROLES } from './team-alerts-routes.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * The manager's review lists on the team page: records flagged 存疑, and the customers' survey answers
 * with 转为投诉 (the same feature as the chat card's button). Both lists are narrowed to the caller's
 * scope; the survey list is open to a rep too (their own answers).
 */
export const managerReviewApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/api/team/doubted', async (request) => {
    requireAnyRole(webContext(request), TEAM_ROLES);
    return { records: await listDoubtedRecords(deps, webActor(request, deps.clock())) };
  });

  app.get('/api/surveys', async (request) => ({ answers: await listSurveyAnswers(deps, webActor(request, deps.clock())) }));

  app.post('/api/surveys/:id/complaint', { schema: { params: idParams } }, async (request) => {
    const { complaint, already } = await convertSurveyToComplaint(deps, webActor(request, deps.clock()), { surveyId: request.params.id });
    return { complaint: { id: complaint.id, content: complaint.content }, already };
  });
};
