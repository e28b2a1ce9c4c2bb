import type { AssessmentDeps } from '../features/assessment/deps.js';
import type { AppDeps } from '../features/deps.js';
import type { Channel, PlatformName } from '../platforms/channel.js';

export type { Clock } from '../features/deps.js';

/**
 * The chat door's dependencies: the app's, plus the channels. Being replaced by AppDeps everywhere
 * outside the doors (features take AppDeps, which holds no Channel).
 */
export interface BotDeps extends AppDeps {
  channels: Map<PlatformName, Channel>;
  /** The assessment features' dependencies, with the app's one notifier. */
  assessment: AssessmentDeps;
}
