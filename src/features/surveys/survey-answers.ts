import { inTransaction } from '../../db/client.js';
import { createSurveyLinkRepository, type SurveyLink } from '../../db/repositories/survey-link-repository.js';
import { ProblemError, problem } from '../../domain/problem.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import type { AppDeps } from '../deps.js';
import { recordStores } from '../records/stores.js';
import { queueSurveyFeedback } from './survey-feedback.js';
import { verifySurveyToken } from './survey-token.js';

/** Why a link cannot take an answer: the page says which, and nothing is stored. */
export type ClosedSurvey = { state: 'invalid' } | { state: 'expired' } | { state: 'used' };
export type OpenSurvey = { state: 'open'; link: SurveyLink; customerName: string; repName: string };

export interface SurveyAnswer {
  score: number;
  nps: number;
  comment: string | null;
}

/** A low score or any comment goes to the manager with 转为投诉. */
export const needsManagerLook = (answer: SurveyAnswer): boolean => answer.score <= 2 || answer.comment !== null;

/** What /s/<token> shows: the form, or why not. Expiry is read from the injected clock. */
export async function openSurvey(deps: AppDeps, token: string): Promise<OpenSurvey | ClosedSurvey> {
  const id = verifySurveyToken(deps.config, token);
  const link = id === undefined ? undefined : await createSurveyLinkRepository(deps.db).get(id);
  if (!link) return { state: 'invalid' };
  if (link.answeredAt !== null) return { state: 'used' };
  if (deps.clock() >= link.expiresAt) return { state: 'expired' };
  const customer = await recordStores(deps).customers.get(link.customerId);
  const rep = await deps.org.getUser(link.repUserId);
  return { state: 'open', link, customerName: customer?.name ?? '', repName: rep?.name ?? '' };
}

const closedBy = (state: ClosedSurvey['state']) => new ProblemError(problem('CONFLICT', `survey.page.${state}`));

/**
 * The customer's answer: one satisfaction row marked `customer` (source h5), the link marked used,
 * and (low score or comment) a card to the owner's manager, in one transaction. A second answer
 * racing the first finds the link used and stores nothing.
 */
export async function answerSurvey(deps: AppDeps, token: string, answer: SurveyAnswer): Promise<OpenSurvey | ClosedSurvey> {
  const now = deps.clock();
  try {
    return await inTransaction(deps.db, async () => {
      const opened = await openSurvey(deps, token);
      if (opened.state !== 'open') throw closedBy(opened.state);
      const { link } = opened;
      // No user answers: the audit row says the H5 door with no user (the customer).
      const audit = { userId: null, source: 'h5', now };
      const survey = await recordStores(deps).records.surveys.insert(audit, {
        customerId: link.customerId,
        repUserId: link.repUserId,
        score: answer.score,
        nps: answer.nps,
        comment: answer.comment,
        surveyedOn: businessDateOf(now, deps.config.timezone),
        source: 'h5',
        verification: 'customer',
        createdByUserId: null,
        createdAt: now,
        updatedAt: now,
      });
      if (!(await createSurveyLinkRepository(deps.db).markAnswered(link.id, now, survey.id))) throw closedBy('used');
      if (needsManagerLook(answer)) await queueSurveyFeedback(deps, { survey, customerName: opened.customerName, repName: opened.repName, contact: link.contactName });
      return opened;
    });
  } catch (error) {
    if (error instanceof ProblemError && error.problem.code === 'CONFLICT' && error.problem.key.startsWith('survey.page.')) {
      return { state: error.problem.key.slice('survey.page.'.length) as ClosedSurvey['state'] };
    }
    throw error;
  }
}
