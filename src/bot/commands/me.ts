import { infoCard } from '../../../cards/info.js';
import { cardReply, type Reply } from '../../domain/card-model.js';
import { formatYuan } from '../../domain/commands/amount.js';
import { t } from '../../i18n/index.js';
import { addDays, mondayOf } from '../../domain/records/business-date.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';
import { customerName, safe } from '../records/display.js';
import { recordContext } from '../records/record-context.js';
import { overdueSection } from './next-steps.js';

/** 我的: what I recorded this week (Monday to Sunday in the org's time zone). Only my own records. */
export function createMeCommand(): CommandDefinition {
  return defineCommand({
    name: 'me',
    words: ['我的', '/me', 'me'],
    summary: 'command.me.summary',
    examples: ['我的', '/me'],
    examplesEn: ['/me'],
    onText: async (cmd, rest) => ({ send: await answer(cmd, rest) }),
    actions: { '': async (cmd) => ({ send: await answer(cmd, '') }) },
  });
}

async function answer(cmd: CommandContext, _text: string): Promise<Reply[]> {
  const rc = recordContext(cmd);
  const l = cmd.locale;
  const from = mondayOf(rc.parse.today);
  const to = addDays(from, 6);
  const s = await rc.services.records.summaryOf(cmd.user.id, from, to);
  const won = s.wonDeals.reduce((sum, d) => sum + d.amountFen, 0);
  const paid = s.payments.reduce((sum, p) => sum + p.amountFen, 0);
  const minutes = s.trainings.reduce((sum, x) => sum + x.minutes, 0);
  const empty = s.visits.length + s.wonDeals.length + s.payments.length + s.openDeals.length + s.trainings.length === 0;
  // Overdue next steps show whatever the week held: an empty week is when they matter most.
  const overdue = await overdueSection(cmd);
  const card = infoCard.build(
    {
      title: t(l, 'records.me.title', { from, to }),
      sections: [
        ...(empty
          ? [{ text: t(l, 'records.me.empty') }]
          : [
              {
                text: t(l, 'records.me.counts', {
                  visits: s.visits.length,
                  deals: s.wonDeals.length,
                  won: formatYuan(won),
                  paid: formatYuan(paid),
                  open: s.openDeals.length,
                  hours: (minutes / 60).toFixed(1).replace(/\.0$/, ''),
                }),
              },
              ...(s.visits.length > 0
                ? [
                    {
                      heading: t(l, 'records.me.recentVisits'),
                      text: (
                        await Promise.all(
                          s.visits.slice(0, 10).map(async (v) => `${v.visitDate} ${await customerName(rc, v.customerId)} ${t(l, `records.visitKind.${v.kind}`)} ${safe(v.notes)}`.trim()),
                        )
                      ).join('\n'),
                    },
                  ]
                : []),
            ]),
        ...overdue,
      ],
    },
    l,
  );
  return [cardReply(card)];
}
