import { createAssessmentRepository, type AssessmentRepository } from '../../db/repositories/assessment-repository.js';
import { extendDeps, type AppDeps } from '../deps.js';
import { effectiveDistributionRules } from './distribution-settings.js';
import type { AssessmentNotifier } from './notifier.js';
import { frozenPay } from '../pay/freeze.js';
import { createAssessmentViews, type AssessmentViews } from './views.js';

/**
 * What the assessment features use: the app's dependencies, the repository, the card views and the
 * app's one notifier (created in app.ts and shared by the chat, the H5 pages, the admin API and the jobs).
 */
export interface AssessmentDeps extends AppDeps {
  assessments: AssessmentRepository;
  views: AssessmentViews;
  notifier: AssessmentNotifier;
}

export function createAssessmentDeps(app: AppDeps, notifier: AssessmentNotifier): AssessmentDeps {
  const assessments = createAssessmentRepository(app.db, { ...app.config.assessment, zone: app.config.timezone });
  const views = createAssessmentViews({ repo: assessments, org: app.org, zone: app.config.timezone, publicBaseUrl: app.config.publicBaseUrl, distributionRules: () => effectiveDistributionRules(app.db),
    payOf: async (resultId) => (await frozenPay(app, [resultId])).get(resultId),
  });
  return extendDeps(app, { assessments, views, notifier });
}
