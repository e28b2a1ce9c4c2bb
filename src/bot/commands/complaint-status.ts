import { DateTime } from 'luxon';
import { recordSavedCard } from '../../../cards/record-saved.js';
import { cardReply, type Reply } from '../../domain/card-model.js';
import { parseComplaintStatus } from '../../domain/commands/parse-complaint-status.js';
import { t } from '../../i18n/index.js';
import { setComplaintStatus } from '../../features/records/feedback.js';
import { parseRefusal } from '../../features/records/refusals.js';
import type { Complaint } from '../../features/records/stores.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { customerName, field, present } from '../records/display.js';
import { recordContext, type RecordContext } from '../records/record-context.js';

export async function complaintFields(rc: RecordContext, c: Complaint) {
  const l = rc.cmd.locale;
  const at = (ms: number | null) => (ms === null ? null : DateTime.fromMillis(ms, { zone: rc.cmd.deps.config.timezone }).toFormat('yyyy-MM-dd HH:mm'));
  return present([
    { label: '#', value: String(c.id) },
    field(l, 'records.field.customer', await customerName(rc,c.customerId)),
    field(l, 'records.field.content', c.content),
    field(l, 'records.field.date', c.receivedOn),
    c.respondedAt !== null && field(l, 'records.field.respondedAt', at(c.respondedAt)),
    c.closedAt !== null && field(l, 'records.field.closedAt', at(c.closedAt)),
  ]);
}

/**
 * 投诉处理 #12 已响应 / 已关闭: stamps the response or closing instant (closing also counts as the
 * response when none was recorded), so response and resolution times can be measured.
 */
export function createComplaintStatusCommand(): CommandDefinition {
  return defineCommand({
    name: 'complaintStatus',
    words: ['投诉处理', '处理投诉', '/complaint-status'],
    summary: 'command.complaintStatus.summary',
    examples: ['投诉处理 #12 已响应', '投诉处理 #12 已关闭'],
    examplesEn: ['/complaint-status #12 responded', '/complaint-status #12 closed'],
    onText: async (cmd, rest) => ({ send: await answer(cmd, rest) }),
    actions: { '': async (cmd, action) => ({ send: await answer(cmd, `${action.args.id ?? ''} ${action.args.status ?? ''}`) }) },
  });
}

async function answer(cmd: CommandContext, text: string): Promise<Reply[]> {
  const rc = recordContext(cmd);
  const parsed = parseComplaintStatus(text);
  if (!parsed.ok) throw parseRefusal(parsed.problem);
  const { complaintId, status } = parsed.value;
  const { complaint: updated, unchanged } = await setComplaintStatus(cmd.deps, rc.actor, { complaintId, status });
  const card = recordSavedCard.build(
    {
      title: t(cmd.locale, 'records.complaint.updatedTitle', { id: complaintId }),
      fields: await complaintFields(rc, updated),
      ...(unchanged ? { notice: t(cmd.locale, 'records.complaint.already', { id: complaintId }) } : {}),
    },
    cmd.locale,
  );
  return [cardReply(card)];
}
