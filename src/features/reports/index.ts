/** The weekly report, split find (find.ts) → rank (src/domain/kpi/weekly-ranking.ts) → render (render.ts); plan.ts routes it. */
export { findWeeklyFacts, type WeeklyFacts } from './find.js';
export { planWeeklyReport, queueWeeklyReport, type WeeklyReportPlan } from './plan.js';
export { RANKING_CARD_MAX_ROWS, rankingCardData, repCardData } from './render.js';
