import { recordFormCard } from '../../../cards/record-form.js';
import { recordSavedCard } from '../../../cards/record-saved.js';
import { choiceCard } from '../../../cards/choice.js';
import { cardReply, type CardModel } from '../../domain/card-model.js';
import { parseStage, type StageDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../domain/messages/index.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { DEAL_STAGES, OPEN_DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';
import type { Deal } from '../../db/repositories/record-repository.js';
import { resolveCustomer } from '../../services/records/customer-resolver.js';
import { recordEntry } from '../../services/records/entry-journal.js';
import type { CommandDefinition, CommandOutput } from '../command.js';
import { customerName, field, present, yuan } from '../records/display.js';
import * as form from '../records/form-fields.js';
import { inputError, localised, newSubmissionToken, problemError, recordContext, type RecordContext } from '../records/record-context.js';

const output = (card: CardModel, viaAction: boolean, toast?: CommandOutput['toast']): CommandOutput =>
  viaAction ? { card, replies: [cardReply(card)], ...(toast ? { toast } : {}) } : { replies: [cardReply(card)] };

function stageForm(rc: RecordContext, values: Record<string, string>): CardModel {
  const l = rc.cmd.locale;
  return recordFormCard.build(
    {
      title: t(l, 'records.form.title', { kind: t(l, 'records.kind.stage') }),
      intro: t(l, 'records.form.intro'),
      inputs: [
        { name: 'target', label: `${t(l, 'records.field.customer')} / #`, kind: 'text', required: true, value: values.target ?? '' },
        {
          name: 'stage',
          label: t(l, 'records.field.stage'),
          kind: 'select',
          required: true,
          ...(values.stage ? { value: values.stage } : {}),
          options: DEAL_STAGES.map((s) => ({ label: t(l, `records.stage.${s}`), value: s })),
        },
        { name: 'note', label: t(l, 'records.field.lossReason'), kind: 'text', value: values.note ?? '' },
      ],
      submit: { command: 'stage.submit', args: { token: newSubmissionToken() } },
    },
    l,
  );
}

/** Moves one deal to a new stage, with history, journal and audit, once per token. */
function apply(rc: RecordContext, deal: Deal, stage: DealStage, note: string | null, token: string | null, viaAction: boolean): CommandOutput {
  const l = rc.cmd.locale;
  if (!canSeeUser(rc.cmd.scope(), deal.repUserId)) throw inputError(rc.cmd, 'records.error.dealNotFound', { id: deal.id });
  const existing = token ? rc.services.entries.byToken(token) : undefined;
  if (existing && existing.userId !== rc.cmd.user.id) throw inputError(rc.cmd, 'records.error.recordForbidden');
  if (!existing) {
    if (!OPEN_DEAL_STAGES.includes(deal.stage)) throw inputError(rc.cmd, 'records.error.dealClosed', { id: deal.id, stage: t(l, `records.stage.${deal.stage}`) });
    if (deal.stage === stage) throw inputError(rc.cmd, 'records.error.stageSame', { id: deal.id, stage: t(l, `records.stage.${stage}`) });
  }
  const { entry, duplicate } = localised(rc.cmd, () =>
    recordEntry(rc.services, rc.actor, { kind: 'stage', token }, () => {
      rc.services.records.deals.update(rc.actor, deal.id, {
        stage,
        wonOn: stage === 'won' ? rc.parse.today : null,
        lostOn: stage === 'lost' ? rc.parse.today : null,
        lossReason: stage === 'lost' ? note : null,
        updatedAt: rc.actor.now,
      });
      const change = rc.services.records.stageHistory.insert(rc.actor, {
        dealId: deal.id,
        fromStage: deal.stage,
        toStage: stage,
        changedOn: rc.parse.today,
        changedAt: rc.actor.now,
        changedByUserId: rc.cmd.user.id,
      });
      return { entity: 'deal_stage', entityId: change.id };
    }),
  );
  const change = rc.services.records.stageHistory.get(entry.entityId);
  const current = rc.services.records.deals.get(deal.id) ?? deal;
  const kind = t(l, 'records.kind.stage');
  const card = recordSavedCard.build(
    {
      title: t(l, 'records.saved.title', { kind }),
      fields: present([
        { label: '#', value: String(current.id) },
        field(l, 'records.field.customer', customerName(rc, current.customerId)),
        field(l, 'records.field.amount', yuan(current.amountFen)),
        change !== undefined &&
          field(l, 'records.field.stage', t(l, 'records.stage.changed', { from: change.fromStage ? t(l, `records.stage.${change.fromStage}`) : '—', to: t(l, `records.stage.${change.toStage}`) })),
        current.lossReason !== null && field(l, 'records.field.lossReason', current.lossReason),
      ]),
      ...(duplicate ? { notice: t(l, 'records.saved.duplicate', { kind }) } : {}),
      ...(entry.undoneAt === null ? { undo: { command: 'undo.entry', args: { entryId: String(entry.id) } } } : {}),
    },
    l,
  );
  return output(card, viaAction, { kind: duplicate ? 'info' : 'success', text: t(l, duplicate ? 'records.saved.duplicate' : 'records.saved.title', { kind }) });
}

function proceed(rc: RecordContext, draft: StageDraft, token: string | null, viaAction: boolean): CommandOutput {
  const l = rc.cmd.locale;
  if (draft.target === null || draft.stage === null) {
    const target = draft.target === null ? '' : 'dealId' in draft.target ? `#${draft.target.dealId}` : draft.target.customer;
    return output(stageForm(rc, { target, stage: draft.stage ?? '', note: draft.note ?? '' }), viaAction);
  }
  const stage = draft.stage;
  if ('dealId' in draft.target) {
    const deal = rc.services.records.deals.get(draft.target.dealId);
    // A deal outside the person's scope answers exactly like a missing one: nothing leaks.
    if (!deal || !canSeeUser(rc.cmd.scope(), deal.repUserId)) throw inputError(rc.cmd, 'records.error.dealNotFound', { id: draft.target.dealId });
    return apply(rc, deal, stage, draft.note, token, viaAction);
  }
  const name = draft.target.customer;
  const resolution = resolveCustomer(rc.services.customers, name, rc.cmd.scope());
  if (resolution.kind === 'hidden') throw inputError(rc.cmd, 'records.error.customerHidden', { name });
  if (resolution.kind === 'none') throw inputError(rc.cmd, 'records.error.customerNotFound', { name });
  const cardToken = token ?? newSubmissionToken();
  const carry = { stage, note: draft.note ?? '', token: cardToken };
  if (resolution.kind === 'near') {
    const card = choiceCard.build(
      {
        title: t(l, 'records.customer.nearTitle'),
        intro: t(l, 'records.customer.nearIntro', { name }).split('。')[0] + '。',
        choices: resolution.candidates.map((c) => ({ label: t(l, 'records.customer.pick', { name: c.name }), action: { command: 'stage.customer', args: { ...carry, customerId: String(c.id) } } })),
      },
      l,
    );
    return output(card, viaAction);
  }
  return forCustomer(rc, resolution.customer.id, resolution.customer.name, stage, draft.note, token, viaAction, cardToken);
}

function forCustomer(rc: RecordContext, customerId: number, name: string, stage: DealStage, note: string | null, token: string | null, viaAction: boolean, cardToken: string): CommandOutput {
  const l = rc.cmd.locale;
  const open = rc.services.records.openDealsOf(customerId).filter((d) => canSeeUser(rc.cmd.scope(), d.repUserId));
  if (open.length === 0) throw inputError(rc.cmd, 'records.error.noOpenDeal', { name });
  if (open.length === 1) return apply(rc, open[0] as Deal, stage, note, token, viaAction);
  const card = choiceCard.build(
    {
      title: t(l, 'records.stage.pickTitle'),
      intro: t(l, 'records.stage.pickIntro', { name, stage: t(l, `records.stage.${stage}`) }),
      choices: open.slice(0, 6).map((d) => ({
        label: `#${d.id} ${d.title ?? ''} ${yuan(d.amountFen)}`.replace(/\s+/g, ' ').slice(0, 40),
        action: { command: 'stage.pick', args: { dealId: String(d.id), stage, note: note ?? '', token: cardToken } },
      })),
    },
    l,
  );
  return output(card, viaAction);
}

/** 阶段 <客户|#商机号> <新阶段> [原因] */
export function createStageCommand(): CommandDefinition {
  return {
    name: 'stage',
    words: ['阶段', '推进', '/stage', 'stage'],
    summary: 'command.stage.summary',
    examples: ['阶段 华为 谈判', '阶段 #12 输单 价格太高'],
    run(cmd, input) {
      const rc = recordContext(cmd);
      if (input.source === 'text') {
        const parsed = parseStage(input.text, rc.parse);
        if (!parsed.ok) throw problemError(cmd, parsed.problem);
        return proceed(rc, parsed.value, null, false);
      }
      const { args } = input.action;
      const stage = form.choice(args, 'stage', DEAL_STAGES, 'lead');
      if (!stage.ok) throw problemError(cmd, stage.problem);
      const note = args.note ? args.note : null;
      switch (input.action.command) {
        case 'stage.form':
          return { replies: [cardReply(stageForm(rc, {}))] };
        case 'stage.submit': {
          const v = input.formValues;
          const parsed = parseStage(`${v.target ?? ''} ${v.stage ?? ''}`, rc.parse);
          if (!parsed.ok) throw problemError(cmd, parsed.problem);
          return proceed(rc, { ...parsed.value, note: form.text(v, 'note') }, args.token ?? null, true);
        }
        case 'stage.customer': {
          const customer = rc.services.customers.get(Number(args.customerId));
          if (!customer || !canSeeUser(cmd.scope(), customer.ownerUserId)) throw inputError(cmd, 'records.error.customerForbidden');
          return forCustomer(rc, customer.id, customer.name, stage.value, note, args.token ?? null, true, args.token ?? newSubmissionToken());
        }
        case 'stage.pick': {
          const deal = rc.services.records.deals.get(Number(args.dealId));
          if (!deal || !canSeeUser(cmd.scope(), deal.repUserId)) throw inputError(cmd, 'records.error.dealNotFound', { id: args.dealId ?? '' });
          return apply(rc, deal, stage.value, note, args.token ?? null, true);
        }
        default:
          throw inputError(cmd, 'records.error.kindUnknown', { input: input.action.command });
      }
    },
  };
}
