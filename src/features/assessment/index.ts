/**
 * The assessment cycle's use cases. Each is a function (deps, actor, input) -> result that checks
 * the actor's permission once, owns its transaction, queues its sends in the outbox and throws a
 * ProblemError when refused. The chat cards, the H5 pages, the admin API and the jobs all call these.
 */
export { adjustResult, submitReview, withdrawReview, type AdjustInput } from './review.js';
export { approveAssessment, rejectAssessment, roundAwaitingDecision, sendBackResults, type DecisionInput } from './decide.js';
export { acknowledgeResult, appealResult, ownResult } from './results.js';
export { resolveAppeal, type ResolveInput } from './appeals.js';
export { finalizeDueResults, postLockAdjustments, sendReviewReminders, startAssessmentPeriod, type ReviewCardTally } from './cycle.js';
export { assessmentOfDepartment, ownResultIdOfPeriod } from './find.js';
export { assessmentDetail, assessmentsOfPeriod, currentAppeal, currentAssessment, listAppeals, listAssessments } from './read.js';
export { chaseReview, type ChaseOutcome } from './chase.js';
export { exportApprovedWorkbook } from './export.js';
export { calibrationView, type CalibrationInput } from './calibration.js';
export { createAssessmentDeps, type AssessmentDeps } from './deps.js';
export { createAssessmentNotifier, type AssessmentNotifier } from './notifier.js';
export type { AppealRow, AssessmentRow, ResultRow } from '../../db/repositories/assessment-repository.js';
