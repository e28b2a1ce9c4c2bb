import { assessmentApprovalCard } from './assessment-approval.js';
import { assessmentAppealCard } from './assessment-appeal.js';
import { assessmentExportCard } from './assessment-export.js';
import { assessmentResultCard } from './assessment-result.js';
import { assessmentReviewCard } from './assessment-review.js';
import type { CardTemplate } from './define.js';
import { helpCard } from './help.js';
import { kpiRankingCard } from './kpi-ranking.js';
import { kpiScorecardCard } from './kpi-scorecard.js';
import { kpiTargetsCard } from './kpi-targets.js';
import { choiceCard } from './choice.js';
import { infoCard } from './info.js';
import { recordFormCard } from './record-form.js';
import { recordSavedCard } from './record-saved.js';
import { weeklyKpiCard } from './weekly-kpi.js';
import { weeklyRankingCard } from './weekly-ranking.js';
import { alertCard } from './alert.js';
import { alertDigestCard } from './alert-digest.js';
import { nextStepReminderCard } from './next-step-reminder.js';
import { nextStepRescheduleCard } from './next-step-reschedule.js';
import { groupRankingCard } from './group-ranking.js';
import { winAnnouncementCard } from './win-announcement.js';

/** Every card template the product ships: validated at boot, snapshot-tested per platform. */
export const CARD_TEMPLATES: CardTemplate<never>[] = [
  helpCard,
  recordFormCard,
  recordSavedCard,
  choiceCard,
  infoCard,
  kpiScorecardCard,
  kpiRankingCard,
  kpiTargetsCard,
  assessmentReviewCard,
  assessmentApprovalCard,
  assessmentResultCard,
  assessmentAppealCard,
  weeklyKpiCard,
  weeklyRankingCard,
  alertCard,
  alertDigestCard,
  assessmentExportCard,
  nextStepReminderCard,
  nextStepRescheduleCard,
  groupRankingCard,
  winAnnouncementCard,
] as CardTemplate<never>[];
