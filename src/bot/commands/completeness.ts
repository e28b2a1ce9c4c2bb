import { infoCard } from '../../../cards/info.js';
import { cardReply, type Reply } from '../../domain/card-model.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import type { CompletenessEntity } from '../../domain/records/completeness.js';
import { teamCompleteness, type RepCompleteness } from '../../features/records/completeness-report.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition } from '../command.js';

const FIELD_LABELS: Record<CompletenessEntity, Record<string, MessageKey>> = {
  customer: { salesChannel: 'records.field.salesChannel', region: 'records.field.region', industry: 'records.field.industry', tags: 'records.field.tags' },
  contact: { title: 'records.field.contactTitle', phone: 'records.field.phone' },
  deal: { title: 'records.field.title', expectedCloseDate: 'records.field.expectedClose', salesChannel: 'records.field.salesChannel' },
};
const KIND_KEYS: Record<CompletenessEntity, MessageKey> = { customer: 'records.kind.customer', contact: 'records.kind.contact', deal: 'records.kind.opportunity' };
const MAX_MISSING_LINES = 15;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const ratio = (p: { complete: number; total: number }) => `${p.complete}/${p.total}`;

function line(locale: Locale, name: string, r: RepCompleteness): string {
  return t(locale, 'records.completeness.line', {
    name,
    share: percent(r.share),
    customers: ratio(r.parts.customer),
    contacts: ratio(r.parts.contact),
    deals: ratio(r.parts.deal),
  });
}

/**
 * 完整度: my share of complete customers, contacts and deals and what is missing; managers also get
 * one line per team member, HR and admins one per active rep.
 */
export function createCompletenessCommand(): CommandDefinition {
  return defineCommand({
    name: 'completeness',
    words: ['完整度', '资料完整度', '/completeness', 'completeness'],
    summary: 'command.completeness.summary',
    examples: ['完整度'],
    examplesEn: ['completeness'],
    onText: async (cmd, rest) => ({ send: await answer(cmd, rest) }),
    actions: { '': async (cmd) => ({ send: await answer(cmd, '') }) },
  });
}

async function answer(cmd: CommandContext, _text: string): Promise<Reply[]> {
  const l = cmd.locale;
  const { mine, team } = await teamCompleteness(cmd.deps, actorOf(cmd));
  const missing = (Object.keys(mine.parts) as CompletenessEntity[]).flatMap((entity) =>
    mine.parts[entity].missing.map((m) =>
      t(l, 'records.completeness.missingLine', {
        kind: t(l, KIND_KEYS[entity]),
        label: m.label,
        fields: m.fields.map((f) => (FIELD_LABELS[entity][f] ? t(l, FIELD_LABELS[entity][f]) : f)).join('、'),
      }),
    ),
  );
  const card = infoCard.build(
    {
      title: t(l, 'records.completeness.title'),
      sections: [
        { text: line(l, cmd.user.name, mine) },
        {
          heading: t(l, 'records.completeness.missingHeading'),
          text:
            missing.length === 0
              ? t(l, 'records.completeness.allComplete')
              : [...missing.slice(0, MAX_MISSING_LINES), ...(missing.length > MAX_MISSING_LINES ? [t(l, 'records.completeness.more', { count: missing.length - MAX_MISSING_LINES })] : [])].join('\n'),
        },
        ...(team.length > 0
          ? [{ text: [...team].sort((a, b) => a.share - b.share).map((r) => line(l, r.name, r)).join('\n') }]
          : []),
      ],
    },
    l,
  );
  return [cardReply(card)];
}
