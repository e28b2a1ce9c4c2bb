import { ALERT_THRESHOLD_LIMITS, type AlertThresholds } from '../../config.js';
import type { Db } from '../../db/client.js';
import { createSettingsRepository, type SettingChangeContext } from '../../db/repositories/settings-repository.js';

export { ALERT_THRESHOLD_LIMITS };

export const ALERT_THRESHOLD_KEYS = Object.keys(ALERT_THRESHOLD_LIMITS) as (keyof AlertThresholds)[];

const PREFIX = 'alerts.';

/** Threshold by threshold: the admin's override when one is stored (and still in range), else the environment's default. */
export async function effectiveAlertThresholds(db: Db, defaults: AlertThresholds): Promise<AlertThresholds> {
  const stored = await createSettingsRepository(db).withPrefix(PREFIX);
  const result = { ...defaults };
  for (const key of ALERT_THRESHOLD_KEYS) {
    const value = stored.get(PREFIX + key);
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= ALERT_THRESHOLD_LIMITS[key].max) result[key] = value;
  }
  return result;
}

/** Each threshold's default, override (null when none) and the value in force. */
export async function describeAlertThresholds(db: Db, defaults: AlertThresholds) {
  const stored = await createSettingsRepository(db).withPrefix(PREFIX);
  const effective = await effectiveAlertThresholds(db, defaults);
  return ALERT_THRESHOLD_KEYS.map((key) => {
    const override = stored.get(PREFIX + key);
    return { key, env: ALERT_THRESHOLD_LIMITS[key].env, max: ALERT_THRESHOLD_LIMITS[key].max, default: defaults[key], override: typeof override === 'number' ? override : null, value: effective[key] };
  });
}

/** Stores overrides (a number; 0 = rule off) or clears them (null: back to the default). Validated by the caller. */
export function setAlertThresholds(db: Db, changes: Partial<Record<keyof AlertThresholds, number | null>>, context: SettingChangeContext): Promise<number> {
  const rows = ALERT_THRESHOLD_KEYS.filter((key) => changes[key] !== undefined).map((key) => ({ key: PREFIX + key, value: changes[key] ?? null }));
  return createSettingsRepository(db).setMany(rows, context);
}
