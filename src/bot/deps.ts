import type { AssessmentDeps } from '../features/assessment/deps.js';
import type { AppDeps } from '../features/deps.js';

export type { Clock } from '../features/deps.js';

/**
 * The chat door's dependencies: the app's, plus the assessment features' (with the app's one
 * notifier). No Channel: replies, sends, card updates and files all go through the outbox.
 */
export interface BotDeps extends AppDeps {
  assessment: AssessmentDeps;
}
