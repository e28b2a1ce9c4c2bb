import { DateTime } from 'luxon';
import { queueLeaverHandovers } from '../features/customers/leavers.js';
import { applyDirectory, type OrgSyncSummary } from '../features/org/sync.js';
import { quietResult, type JobDefinition } from './job.js';

/**
 * Reads every connected platform's address book and applies it to the org. Each run is its own
 * period (to the minute), so an admin can sync again after a reorganisation; two instances firing in
 * the same minute still run it once.
 */
export const orgSyncJob: JobDefinition = {
  name: 'org-sync',
  description: '从飞书/钉钉通讯录同步组织架构 (sync the org from the Feishu / DingTalk directory)',
  schedule: '0 2 * * *',
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toFormat("yyyy-MM-dd'T'HH:mm"),
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(key) ? null : 'period must be YYYY-MM-DD or YYYY-MM-DDTHH:mm'),
  async run(deps, { now }) {
    const platforms: OrgSyncSummary[] = [];
    for (const source of deps.directories()) platforms.push(await applyDirectory(deps.db, await source.fetchDirectory(), { now }));
    // Reps the sync deactivated hand their customers to their manager's list.
    await queueLeaverHandovers(deps);
    return quietResult({ platforms });
  },
};
