import { createManagerReviewRepository, type SurveyAnswerItem } from '../../db/repositories/manager-review-repository.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { convertChecker } from './survey-complaint.js';

export type ReviewedSurveyAnswer = SurveyAnswerItem & { canConvert: boolean };

/**
 * The customers' survey answers the actor may see (a rep their own, a manager their team's, HR and
 * admins all), each saying whether this actor may turn it into a complaint (转为投诉).
 */
export async function listSurveyAnswers(deps: AppDeps, actor: Actor): Promise<ReviewedSurveyAnswer[]> {
  const answers = await createManagerReviewRepository(deps.db).surveyAnswers(actor.scope);
  const mayConvert = await convertChecker(deps, actor);
  return answers.map((a) => ({ ...a, canConvert: mayConvert(a.ownerUserId) }));
}
