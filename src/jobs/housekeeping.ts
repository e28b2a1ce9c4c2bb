import { DateTime } from 'luxon';
import { CALLBACK_REPLAY_TTL_MS, createCallbackReplays } from '../db/repositories/dingtalk-callback-replays.js';
import { PROCESSED_EVENT_TTL_MS, createProcessedEvents } from '../db/repositories/processed-events.js';
import { quietResult, type JobDefinition } from './job.js';

/**
 * Daily clean-up: forgets handled event ids once no platform can retry them any more, and DingTalk
 * callback signatures once their timestamp is out of the signature window (stale headers are
 * refused before the replay store is consulted, so the binding is no longer needed).
 */
export const housekeepingJob: JobDefinition = {
  name: 'housekeeping',
  description: '清理过期的事件去重与钉钉回调签名记录 (purge expired event dedupe rows and DingTalk callback signatures)',
  schedule: '30 3 * * *',
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? null : 'period must be a date YYYY-MM-DD'),
  async run(deps, { now }) {
    const purged = createProcessedEvents(deps.db).purgeOlderThan(now - PROCESSED_EVENT_TTL_MS);
    const purgedSignatures = createCallbackReplays(deps.db).purgeSignedBefore(now - CALLBACK_REPLAY_TTL_MS);
    return quietResult({ purgedEvents: purged, purgedCallbackSignatures: purgedSignatures });
  },
};
