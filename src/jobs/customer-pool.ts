import { DateTime } from 'luxon';
import { queueLeaverHandovers } from '../features/customers/leavers.js';
import { returnIdleCustomersToPool } from '../features/customers/pool.js';
import type { JobDefinition } from './job.js';

/**
 * Daily: customers idle for POOL_AFTER_DAYS go back to their department's pool (公海; off at 0), and
 * every leaver still owning customers has a handover card with their manager (once per deactivation:
 * this catches imports made where no card could be queued, such as the CLI).
 */
export const customerPoolJob: JobDefinition = {
  name: 'customer-pool',
  description: '闲置客户退回公海，离职人员客户交接提醒 (return idle customers to the pool; leavers\' handover lists)',
  schedule: '15 6 * * *',
  needsOrg: true,
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? null : 'period must be a date YYYY-MM-DD'),
  async run(deps, { now }) {
    const { returned } = await returnIdleCustomersToPool(deps, now);
    const handovers = await queueLeaverHandovers(deps);
    return { sent: handovers.queued, alreadySent: 0, skipped: {}, details: { returnedToPool: returned, leavers: handovers.leavers } };
  },
};
