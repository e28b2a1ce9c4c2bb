import type { DistributionReport } from '../kpi/distribution.js';
import { problem, type Problem } from '../problem.js';

/** As for every other reason in the cycle: a single character is not a reason. */
const MIN_ACKNOWLEDGEMENT_LENGTH = 2;

/** The key the doors recognise to offer the acknowledgement form. */
export const DISTRIBUTION_ACK_REQUIRED = 'distribution.problem.ackRequired';

/**
 * Approving a round outside the forced distribution takes an explicit acknowledgement with a reason,
 * whichever door it comes through. Undefined when the round may be approved as it is.
 */
export function distributionAcknowledgementProblem(report: DistributionReport, acknowledgement: string | undefined, where: { department: string; period: string }): Problem | undefined {
  if (report.ok) return undefined;
  if ((acknowledgement?.trim().length ?? 0) >= MIN_ACKNOWLEDGEMENT_LENGTH) return undefined;
  const grades = [...new Set(report.flags.map((f) => f.grade))].join('/');
  return problem('VALIDATION_FAILED', DISTRIBUTION_ACK_REQUIRED, { department: where.department, period: where.period, grades });
}
