/**
 * The daily alerts, split find → rank → render: the rules are pure (src/domain/alerts/find.ts),
 * find.ts reads their facts, render.ts words them, plan.ts routes them to managers through the outbox.
 */
export { findAlerts, type AlertFindings } from './find.js';
export { needsAttention, type AttentionItem } from './needs-attention.js';
export { planAlerts, queueDailyAlerts, type AlertBatch, type AlertCounts, type AlertPlan, type AlertRunOutcome } from './plan.js';
export { alertCardReply, alertsCardReply, alertText } from './render.js';
