import { assessmentApprovalCard } from './assessment-approval.js';
import { assessmentAppealCard } from './assessment-appeal.js';
import { assessmentResultCard } from './assessment-result.js';
import { assessmentReviewCard } from './assessment-review.js';
import type { CardTemplate } from './define.js';
import { helpCard } from './help.js';
import { kpiRankingCard } from './kpi-ranking.js';
import { kpiScorecardCard } from './kpi-scorecard.js';
import { kpiTargetsCard } from './kpi-targets.js';

/** Every card template the product ships: validated at boot, snapshot-tested per platform. */
export const CARD_TEMPLATES: CardTemplate<never>[] = [
  helpCard as CardTemplate<never>,
  kpiScorecardCard as CardTemplate<never>,
  kpiRankingCard as CardTemplate<never>,
  kpiTargetsCard as CardTemplate<never>,
  assessmentReviewCard as CardTemplate<never>,
  assessmentApprovalCard as CardTemplate<never>,
  assessmentResultCard as CardTemplate<never>,
  assessmentAppealCard as CardTemplate<never>,
];
