import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/**
 * Each alert a manager was told about, by the alert's own key (`no-visit:<date>:user-<id>`, see
 * src/features/alerts/plan.ts). Alerts to one manager go out as one digest card per run, so the
 * outbox key names the digest, not the alert: this table keeps "once per subject and period".
 */
export const alertNotices = pgTable(
  'alert_notices',
  {
    alertKey: text('alert_key').primaryKey(),
    managerUserId: integer('manager_user_id').notNull(),
    /** The outbox key of the card that carried it. */
    digestKey: text('digest_key').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('alert_notices_created_idx').on(t.createdAt)],
);
