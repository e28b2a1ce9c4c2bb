import type { CardTemplate } from './define.js';
import { helpCard } from './help.js';
import { kpiRankingCard } from './kpi-ranking.js';
import { kpiScorecardCard } from './kpi-scorecard.js';
import { kpiTargetsCard } from './kpi-targets.js';
import { weeklyKpiCard } from './weekly-kpi.js';
import { weeklyRankingCard } from './weekly-ranking.js';
import { alertCard } from './alert.js';

/** Every card template the product ships: validated at boot, snapshot-tested per platform. */
export const CARD_TEMPLATES: CardTemplate<never>[] = [
  helpCard as CardTemplate<never>,
  kpiScorecardCard as CardTemplate<never>,
  kpiRankingCard as CardTemplate<never>,
  kpiTargetsCard as CardTemplate<never>,
  weeklyKpiCard as CardTemplate<never>,
  weeklyRankingCard as CardTemplate<never>,
  alertCard as CardTemplate<never>,
];
