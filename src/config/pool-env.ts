import { intSetting } from './fields.js';

/** The customer pool (公海): when idle customers go back to their department, and how many a rep may hold from it. */
export const poolEnv = {
  /** Days without activity after which a customer returns to its department's pool; 0 turns the pool off. */
  POOL_AFTER_DAYS: intSetting(0, 0, 3650),
  /** Customers a rep may hold from claims at once. */
  POOL_CLAIM_LIMIT: intSetting(20, 1, 100_000),
};

export interface PoolConfig {
  afterDays: number;
  claimLimit: number;
}

export const poolConfigOf = (e: { POOL_AFTER_DAYS: number; POOL_CLAIM_LIMIT: number }): PoolConfig => ({ afterDays: e.POOL_AFTER_DAYS, claimLimit: e.POOL_CLAIM_LIMIT });
