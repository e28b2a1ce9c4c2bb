import type { Db } from '../../db/client.js';
import { createSettingsRepository, type SettingChangeContext } from '../../db/repositories/settings-repository.js';
import { DEFAULT_DISTRIBUTION_LIMITS, distributionRules, type DistributionLimits, type DistributionRule } from '../../domain/kpi/distribution.js';

const PREFIX = 'distribution.';
const KEYS = Object.keys(DEFAULT_DISTRIBUTION_LIMITS) as (keyof DistributionLimits)[];

/** A stored percent counts only while it is a number in 0..100 (a bad row falls back to the default). */
function validPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

/** The forced-distribution limits in force: the admin's override per limit, else S ≤ 10% and D ≥ 5%. */
export async function effectiveDistributionLimits(db: Db): Promise<DistributionLimits> {
  const stored = await createSettingsRepository(db).withPrefix(PREFIX);
  const result = { ...DEFAULT_DISTRIBUTION_LIMITS };
  for (const key of KEYS) {
    const value = stored.get(PREFIX + key);
    if (validPercent(value)) result[key] = value;
  }
  return result;
}

export async function effectiveDistributionRules(db: Db): Promise<DistributionRule[]> {
  return distributionRules(await effectiveDistributionLimits(db));
}

/** Each limit's default, override (null when none) and the value in force, for the admin page. */
export async function describeDistributionLimits(db: Db) {
  const stored = await createSettingsRepository(db).withPrefix(PREFIX);
  const effective = await effectiveDistributionLimits(db);
  return KEYS.map((key) => {
    const override = stored.get(PREFIX + key);
    return { key, default: DEFAULT_DISTRIBUTION_LIMITS[key], override: validPercent(override) ? override : null, value: effective[key] };
  });
}

/** Stores overrides (a percent) or clears them (null: the default again); audited. Validated by the caller. */
export function setDistributionLimits(db: Db, changes: Partial<Record<keyof DistributionLimits, number | null>>, context: SettingChangeContext): Promise<number> {
  const rows = KEYS.filter((key) => changes[key] !== undefined).map((key) => ({ key: PREFIX + key, value: changes[key] ?? null }));
  return createSettingsRepository(db).setMany(rows, context);
}
