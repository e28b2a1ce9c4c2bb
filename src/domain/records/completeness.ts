/**
 * Data completeness (完整度), the one definition behind chat, the H5 dashboard, the alerts and the
 * KPI indicator `data_completeness`:
 * - records: the rep's own customers, the contacts of those customers, and the rep's deals created
 *   in the period [start, end) (chat, H5 and alerts: the current month), with their fields as they
 *   stand now: a monthly score judges the month's new records, not a book of years;
 * - fields: the org's required fields per entity (REQUIRABLE_FIELDS); an entity with none required is
 *   not checked; a closed deal's won/lost date stands in for its expected close date;
 * - share: complete records / checked records (a record counts once, complete only with every
 *   required field), no share (undefined) when nothing is checked.
 * Pure: records come in as plain objects.
 */
export const COMPLETENESS_ENTITIES = ['customer', 'contact', 'deal'] as const;
export type CompletenessEntity = (typeof COMPLETENESS_ENTITIES)[number];

/** Which fields may be required, per entity, and the record property each reads. */
export const REQUIRABLE_FIELDS: Record<CompletenessEntity, Record<string, string>> = {
  customer: { salesChannel: 'salesChannelId', region: 'region', industry: 'industry', tags: 'tags' },
  contact: { title: 'title', phone: 'phone' },
  deal: { title: 'title', expectedCloseDate: 'expectedCloseDate', salesChannel: 'salesChannelId' },
};

/** What a new org requires until an admin changes it. */
export const DEFAULT_REQUIRED_FIELDS: Record<CompletenessEntity, string[]> = {
  customer: ['salesChannel', 'region', 'industry'],
  contact: ['title', 'phone'],
  deal: ['title', 'expectedCloseDate'],
};

export interface CompletenessRecord {
  id: number;
  label: string;
  values: Record<string, unknown>;
  /** Creation instant (ms): only records created within the period are counted. */
  createdAt?: number;
}

export interface EntityCompleteness {
  total: number;
  complete: number;
  /** complete / total, 1 when there is nothing to check. */
  share: number;
  missing: { id: number; label: string; fields: string[] }[];
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

export function missingFields(entity: CompletenessEntity, values: Record<string, unknown>, required: string[]): string[] {
  return required.filter((field) => {
    const property = REQUIRABLE_FIELDS[entity][field];
    return property !== undefined && isBlank(values[property]);
  });
}

export function completenessOf(entity: CompletenessEntity, records: CompletenessRecord[], required: string[]): EntityCompleteness {
  const missing = records
    .map((r) => ({ id: r.id, label: r.label, fields: missingFields(entity, r.values, required) }))
    .filter((m) => m.fields.length > 0);
  const complete = records.length - missing.length;
  return { total: records.length, complete, share: records.length === 0 ? 1 : complete / records.length, missing };
}

/** One share over all checked records of a rep (each record weighs the same). */
export function overallShare(parts: EntityCompleteness[]): number {
  const total = parts.reduce((sum, p) => sum + p.total, 0);
  return total === 0 ? 1 : parts.reduce((sum, p) => sum + p.complete, 0) / total;
}

export interface RepCompletenessResult {
  /** complete / total over every checked record; 1 when nothing is checked (see `total`). */
  share: number;
  complete: number;
  total: number;
  parts: Record<CompletenessEntity, EntityCompleteness>;
}

/** The definition above, for one rep, over the period's instants [start, end). */
export function repCompleteness(
  records: Record<CompletenessEntity, CompletenessRecord[]>,
  required: Record<CompletenessEntity, string[]>,
  period: { start: number; end: number },
): RepCompletenessResult {
  const parts = Object.fromEntries(
    COMPLETENESS_ENTITIES.map((e) => {
      const checked = required[e].length === 0 ? [] : records[e].filter((r) => r.createdAt === undefined || (r.createdAt >= period.start && r.createdAt < period.end));
      return [e, completenessOf(e, checked, required[e])];
    }),
  ) as Record<CompletenessEntity, EntityCompleteness>;
  const list = Object.values(parts);
  return { share: overallShare(list), complete: list.reduce((s, p) => s + p.complete, 0), total: list.reduce((s, p) => s + p.total, 0), parts };
}
