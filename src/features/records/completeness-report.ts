import type { CompletenessRepository } from '../../db/repositories/completeness-repository.js';
import { COMPLETENESS_ENTITIES, completenessOf, overallShare, type CompletenessEntity, type EntityCompleteness } from '../../domain/records/completeness.js';

export interface RepCompleteness {
  userId: number;
  share: number;
  parts: Record<CompletenessEntity, EntityCompleteness>;
}

/** Completeness of each given rep's records against the org's required fields. */
export async function completenessReport(repo: CompletenessRepository, userIds: number[]): Promise<RepCompleteness[]> {
  const required = await repo.requiredFields();
  const report: RepCompleteness[] = [];
  for (const userId of userIds) {
    const records = await repo.recordsOf(userId);
    const parts = Object.fromEntries(COMPLETENESS_ENTITIES.map((e) => [e, completenessOf(e, records[e], required[e])])) as Record<CompletenessEntity, EntityCompleteness>;
    report.push({ userId, share: overallShare(Object.values(parts)), parts });
  }
  return report;
}
