import type { CompletenessRepository } from '../../db/repositories/completeness-repository.js';
import { repCompleteness, type CompletenessEntity, type EntityCompleteness } from '../../domain/records/completeness.js';

export interface RepCompleteness {
  userId: number;
  share: number;
  parts: Record<CompletenessEntity, EntityCompleteness>;
}

/**
 * Completeness of each given rep's records against the org's required fields, by the one definition
 * in src/domain/records/completeness.ts, over the records created in `period`.
 */
export async function completenessReport(repo: CompletenessRepository, userIds: number[], period: { start: number; end: number }): Promise<RepCompleteness[]> {
  const required = await repo.requiredFields();
  const report: RepCompleteness[] = [];
  for (const userId of userIds) {
    const { share, parts } = repCompleteness(await repo.recordsOf(userId), required, period);
    report.push({ userId, share, parts });
  }
  return report;
}
