import { DateTime } from 'luxon';
import { ALERT_NOTICE_TTL_MS, createAlertNoticeRepository } from '../db/repositories/alert-notices.js';
import { CALLBACK_REPLAY_TTL_MS, createCallbackReplays } from '../db/repositories/dingtalk-callback-replays.js';
import { createOutboxStore } from '../db/repositories/outbox-store.js';
import { PROCESSED_EVENT_TTL_MS, createProcessedEvents } from '../db/repositories/processed-events.js';
import { createSandboxTranscript } from '../db/repositories/sandbox-transcript.js';
import { quietResult, type JobDefinition } from './job.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Daily clean-up: forgets handled event ids once no platform can retry them any more, and DingTalk
 * callback signatures once their timestamp is out of the signature window (stale headers are
 * refused before the replay store is consulted, so the binding is no longer needed). Delivered
 * and withdrawn outbox rows lose their payload (files first, after a shorter time: they are the big
 * ones) but keep their idempotency key; old sandbox transcript lines and year-old alert notices go.
 */
export const housekeepingJob: JobDefinition = {
  name: 'housekeeping',
  description: '清理过期的事件去重、钉钉回调签名、已送达或已撤回消息内容、沙盒聊天记录与过期预警记录 (purge expired event dedupe rows, DingTalk callback signatures, delivered or withdrawn message payloads, sandbox transcripts and old alert notices)',
  schedule: '30 3 * * *',
  periodFor: (now, timezone) => DateTime.fromMillis(now, { zone: timezone }).toISODate() as string,
  validatePeriod: (key) => (/^\d{4}-\d{2}-\d{2}$/.test(key) ? null : 'period must be a date YYYY-MM-DD'),
  async run(deps, { now }) {
    const purged = await createProcessedEvents(deps.db).purgeOlderThan(now - PROCESSED_EVENT_TTL_MS);
    const purgedSignatures = await createCallbackReplays(deps.db).purgeSignedBefore(now - CALLBACK_REPLAY_TTL_MS);
    const retention = deps.config.retentionDays;
    const outbox = createOutboxStore(deps.db);
    const purgedFilePayloads = await outbox.purgeDeliveredPayloads({ sentBefore: now - retention.outboxFilePayload * DAY_MS, onlyFiles: true });
    const purgedPayloads = await outbox.purgeDeliveredPayloads({ sentBefore: now - retention.outboxPayload * DAY_MS, onlyFiles: false });
    const purgedAlertNotices = await createAlertNoticeRepository(deps.db).purgeOlderThan(now - ALERT_NOTICE_TTL_MS);
    const sandbox = await createSandboxTranscript(deps.db).purgeOlderThan(now - retention.sandboxMessages * DAY_MS);
    return quietResult({
      purgedEvents: purged,
      purgedCallbackSignatures: purgedSignatures,
      purgedOutboxPayloads: purgedFilePayloads + purgedPayloads,
      purgedOutboxFiles: purgedFilePayloads,
      purgedSandboxMessages: sandbox.messages,
      purgedSandboxFiles: sandbox.files,
      purgedAlertNotices,
    });
  },
};
