import { randomUUID } from 'node:crypto';
import { assessmentExportCard } from '../../../cards/assessment-export.js';
import { cardReply, textReply } from '../../domain/card-model.js';
import { AppError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { approvedPeriods, queueAssessmentExport } from '../../features/assessment/export-chat.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandOutput } from '../command.js';

const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * 导出 2026-11 / /export 2026-11: HR and admins get the period's approved assessment results as an
 * .xlsx file in chat. A card button may carry {command: 'export', args: {period}}.
 */
export function createExportCommand(): CommandDefinition {
  return defineCommand({
    name: 'export',
    words: ['导出', '导出考核', 'export', '/export'],
    audience: ['hr', 'admin'],
    summary: 'command.export.summary',
    examples: ['导出 2026-11', '/export 2026-11'],
    examplesEn: ['export 2026-11', '/export 2026-11'],
    onText: async (ctx, rest) => {
      const { send, deliver } = await exportPeriod(ctx, rest, false);
      return { ...(send ? { send } : {}), ...(deliver ? { deliver } : {}) };
    },
    actions: { '': (ctx, action) => exportPeriod(ctx, action.args.period ?? '', true) },
  });
}

async function exportPeriod(ctx: CommandContext, periodText: string, viaAction: boolean): Promise<CommandOutput> {
  if (!ctx.user.roles.some((role) => role === 'hr' || role === 'admin')) throw new AppError('FORBIDDEN', 'export needs hr or admin');
  const periodKey = periodText.trim();
  const listed = async () =>
    (await approvedPeriods(ctx.deps)).map((p) => p.periodKey).join('、') || t(ctx.locale, 'export.noPeriods');
  if (periodKey === '') {
    const periods = await approvedPeriods(ctx.deps);
    if (periods.length > 0) return { send: [cardReply(assessmentExportCard.build({ periods }, ctx.locale))] };
    return { send: [textReply(t(ctx.locale, 'export.usage', { periods: t(ctx.locale, 'export.noPeriods') }))] };
  }
  if (!MONTH_KEY.test(periodKey)) {
    const reason = t(ctx.locale, 'export.badPeriod');
    throw new AppError('VALIDATION_FAILED', reason, { params: { reason } });
  }
  const delivery = await queueAssessmentExport(ctx.deps.assessment, {
    userId: ctx.user.id,
    platform: ctx.platform,
    periodKey,
    // One file per request: a redelivered event is already deduplicated before it gets here.
    idempotencyKey: `export:${ctx.platform}:${ctx.eventId ?? randomUUID()}`,
  });
  const params = { period: periodKey };
  // A click gets a toast; typed text gets a line in the chat.
  const answer = (text: string, kind: 'success' | 'warning') =>
    viaAction ? { toast: { kind, text } } : { send: [textReply(text)] };
  switch (delivery.kind) {
    case 'nothing-approved':
      return answer(t(ctx.locale, 'export.nothingApproved', { ...params, periods: await listed() }), 'warning');
    case 'unsupported':
      return answer(t(ctx.locale, 'export.noFileSupport', params), 'warning');
    case 'queued': {
      // The file follows the answer: the pipeline delivers it once this event's transaction commits.
      const text = t(ctx.locale, 'export.preparing', { ...params, departments: delivery.departments, people: delivery.people, file: delivery.fileName });
      return { ...answer(text, 'success'), deliver: [delivery.key] };
    }
  }
}
