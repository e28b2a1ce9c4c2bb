import { createManagerReviewRepository, type DoubtedRecord } from '../../db/repositories/manager-review-repository.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';

export type { DoubtedRecord } from '../../db/repositories/manager-review-repository.js';

/** Visits and training flagged 存疑 (and not confirmed since) among the records the actor may see. */
export const listDoubtedRecords = async (deps: AppDeps, actor: Actor): Promise<DoubtedRecord[]> => createManagerReviewRepository(deps.db).doubted(actor.scope);
