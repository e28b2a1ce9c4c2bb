/**
 * Data completeness: the share of a rep's customers, contacts and deals that have every field the
 * org marks as required, and per record what is missing. Pure: records come in as plain objects.
 */
export const COMPLETENESS_ENTITIES = ['customer', 'contact', 'deal'] as const;
export type CompletenessEntity = (typeof COMPLETENESS_ENTITIES)[number];

/** Which fields may be required, per entity, and the record property each reads. */
export const REQUIRABLE_FIELDS: Record<CompletenessEntity, Record<string, string>> = {
  customer: { channel: 'channelId', region: 'region', industry: 'industry', tags: 'tags' },
  contact: { title: 'title', phone: 'phone' },
  deal: { title: 'title', expectedCloseDate: 'expectedCloseDate', channel: 'channelId' },
};

/** What a new org requires until an admin changes it. */
export const DEFAULT_REQUIRED_FIELDS: Record<CompletenessEntity, string[]> = {
  customer: ['channel', 'region', 'industry'],
  contact: ['title', 'phone'],
  deal: ['title', 'expectedCloseDate'],
};

export interface CompletenessRecord {
  id: number;
  label: string;
  values: Record<string, unknown>;
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
