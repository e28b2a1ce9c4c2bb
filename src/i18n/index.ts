/**
 * Every user-facing sentence, Chinese first with English beside it, kept in this folder: one file
 * per area, merged here. Commands and cards look text up by key; {name} placeholders are filled
 * from params.
 */
import { ASSESSMENT_MESSAGES } from './assessment.js';
import { AUDIT_MESSAGES } from './audit.js';
import { CHECKIN_MESSAGES } from './checkin.js';
import { COMMON_MESSAGES } from './common.js';
import { DB_COPY_MESSAGES } from './db-copy.js';
import { DINGTALK_MESSAGES } from './dingtalk.js';
import { DISTRIBUTION_MESSAGES } from './distribution.js';
import { EXPORT_MESSAGES } from './export.js';
import { IMPORT_MESSAGES } from './imports.js';
import { FINANCE_MESSAGES } from './finance.js';
import { FEISHU_MESSAGES } from './feishu.js';
import { HANDOVER_MESSAGES } from './handover.js';
import { GROUP_CHAT_MESSAGES } from './group-chat.js';
import { INDICATOR_MESSAGES } from './indicators.js';
import { KPI_MESSAGES } from './kpi.js';
import { MANAGER_DIGEST_MESSAGES } from './manager-digest.js';
import { MANAGER_CONFIRMATION_MESSAGES } from './manager-confirmation.js';
import { NEXT_STEP_MESSAGES } from './next-steps.js';
import { RECORDS_MESSAGES } from './records.js';
import { SURVEY_MESSAGES } from './survey.js';
import { RECORD_COMMAND_MESSAGES } from './record-commands.js';
import { VERIFICATION_MESSAGES } from './verification.js';
import { VISIT_EXTRA_MESSAGES } from './visit-extras.js';
import { WEB_MESSAGES } from './web.js';
import { DEAL_STAGE_MESSAGES, SCHEDULE_MESSAGES } from './schedules.js';
import { WEB_ADMIN_MESSAGES } from './web-admin.js';
import { WEB_ADMIN_SETTINGS_MESSAGES } from './web-admin-settings.js';
import { TARGETS_PAY_MESSAGES } from './targets-pay.js';
import type { Locale, MessageTable } from './types.js';

export type { Locale, MessageTable } from './types.js';

export const MESSAGES = {
  ...COMMON_MESSAGES,
  ...DINGTALK_MESSAGES,
  ...FEISHU_MESSAGES,
  ...KPI_MESSAGES,
  ...INDICATOR_MESSAGES,
  ...RECORDS_MESSAGES,
  ...RECORD_COMMAND_MESSAGES,
  ...ASSESSMENT_MESSAGES,
  ...DISTRIBUTION_MESSAGES,
  ...AUDIT_MESSAGES,
  ...WEB_MESSAGES,
  ...WEB_ADMIN_SETTINGS_MESSAGES,
  ...SCHEDULE_MESSAGES,
  ...DEAL_STAGE_MESSAGES,
  ...WEB_ADMIN_MESSAGES,
  ...EXPORT_MESSAGES,
  ...IMPORT_MESSAGES,
  ...FINANCE_MESSAGES,
  ...MANAGER_DIGEST_MESSAGES,
  ...MANAGER_CONFIRMATION_MESSAGES,
  ...NEXT_STEP_MESSAGES,
  ...CHECKIN_MESSAGES,
  ...SURVEY_MESSAGES,
  ...VERIFICATION_MESSAGES,
  ...VISIT_EXTRA_MESSAGES,
  ...HANDOVER_MESSAGES,
  ...GROUP_CHAT_MESSAGES,
  ...TARGETS_PAY_MESSAGES,
  ...DB_COPY_MESSAGES,
} as const satisfies MessageTable;

export type MessageKey = keyof typeof MESSAGES;

// Tells the domain which keys exist (see src/domain/message-key.ts) without the domain importing this.
declare module '../domain/message-key.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface can only extend, not alias
  interface MessageKeys extends Record<keyof typeof MESSAGES, true> {}
}

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const entry: Record<Locale, string> | undefined = MESSAGES[key];
  if (!entry) return key;
  const template = entry[locale] ?? entry.zh;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(key: string): key is MessageKey {
  return key in MESSAGES;
}
