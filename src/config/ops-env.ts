import { z } from 'zod';
import { emptyToUndefined, intSetting } from './fields.js';

/**
 * Operations: the Prometheus scrape endpoint and the backups. Metrics are off unless asked for: a port
 * of their own (METRICS_PORT, for a scraper on the private network) or the main port behind a token.
 */
export const opsEnv = {
  METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a port number' }).int().min(1, { error: 'must be between 1 and 65535' }).max(65535, { error: 'must be between 1 and 65535' }).optional()),
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, { error: 'must be at least 16 characters' }).optional()),
  /** Where the backup job writes; default: a backups/ folder beside the database file. */
  BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  BACKUP_KEEP: intSetting(14, 1, 3650),
};

export interface OpsConfig {
  metrics: { port: number | undefined; token: string | undefined };
  backup: { dir: string | undefined; keep: number };
}

export function opsOf(e: z.infer<z.ZodObject<typeof opsEnv>>): OpsConfig {
  return { metrics: { port: e.METRICS_PORT, token: e.METRICS_TOKEN }, backup: { dir: e.BACKUP_DIR, keep: e.BACKUP_KEEP } };
}
