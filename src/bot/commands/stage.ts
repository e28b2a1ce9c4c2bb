import { recordFormCard } from '../../../cards/record-form.js';
import { recordSavedCard } from '../../../cards/record-saved.js';
import { choiceCard } from '../../../cards/choice.js';
import { cardReply, type CardModel } from '../../domain/card-model.js';
import { parseStage, type StageDraft } from '../../domain/commands/parse-deals.js';
import { t } from '../../i18n/index.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { DEAL_STAGES, type DealStage } from '../../domain/records/vocabulary.js';
import * as form from '../../domain/records/entries/form-values.js';
import { invalid, refuse, parseRefusal } from '../../features/records/refusals.js';
import { changeStage } from '../../features/records/stage.js';
import { resolveCustomer } from '../../features/records/customer-resolver.js';
import { defineCommand, type CommandDefinition, type CommandOutput } from '../command.js';
import { customerName, field, present, yuan } from '../records/display.js';
import { newSubmissionToken, recordContext, type RecordContext } from '../records/record-context.js';
import { withSurveyOffer } from './survey-link.js';

const output = (card: CardModel, viaAction: boolean, toast?: CommandOutput['toast']): CommandOutput =>
  viaAction ? { card, ...(toast ? { toast } : {}) } : { send: [cardReply(card)] };

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

/** Moves one deal to a new stage (the feature checks scope, stage and token) and confirms it. */
async function apply(rc: RecordContext, dealId: number, stage: DealStage, note: string | null, token: string | null, viaAction: boolean): Promise<CommandOutput> {
  const l = rc.cmd.locale;
  const { entry, duplicate, deal: current, change } = await changeStage(rc.cmd.deps, rc.actor, { dealId, stage, note, token });
  const kind = t(l, 'records.kind.stage');
  const card = recordSavedCard.build(
    {
      title: t(l, 'records.saved.title', { kind }),
      fields: present([
        { label: '#', value: String(current.id) },
        field(l, 'records.field.customer', await customerName(rc,current.customerId)),
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
  const out = output(card, viaAction, { kind: duplicate ? 'info' : 'success', text: t(l, duplicate ? 'records.saved.duplicate' : 'records.saved.title', { kind }) });
  return !duplicate && change?.toStage === 'won' ? withSurveyOffer(out, l, current.customerId) : out;
}

async function proceed(rc: RecordContext, draft: StageDraft, token: string | null, viaAction: boolean): Promise<CommandOutput> {
  const l = rc.cmd.locale;
  if (draft.target === null || draft.stage === null) {
    const target = draft.target === null ? '' : 'dealId' in draft.target ? `#${draft.target.dealId}` : draft.target.customer;
    return output(stageForm(rc, { target, stage: draft.stage ?? '', note: draft.note ?? '' }), viaAction);
  }
  const stage = draft.stage;
  // A deal outside the person's scope answers exactly like a missing one (the feature checks).
  if ('dealId' in draft.target) return apply(rc, draft.target.dealId, stage, draft.note, token, viaAction);
  const name = draft.target.customer;
  const resolution = await resolveCustomer(rc.services.customers, name, rc.actor.scope);
  if (resolution.kind === 'hidden') throw refuse('FORBIDDEN', 'records.error.customerHidden', { name });
  if (resolution.kind === 'none') throw invalid('records.error.customerNotFound', { name });
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
  return await forCustomer(rc, resolution.customer.id, resolution.customer.name, stage, draft.note, token, viaAction, cardToken);
}

async function forCustomer(rc: RecordContext, customerId: number, name: string, stage: DealStage, note: string | null, token: string | null, viaAction: boolean, cardToken: string): Promise<CommandOutput> {
  const l = rc.cmd.locale;
  const open = (await rc.services.records.openDealsOf(customerId)).filter((d) => canSeeUser(rc.actor.scope, d.repUserId));
  if (open.length === 0) throw invalid('records.error.noOpenDeal', { name });
  if (open.length === 1) return apply(rc, (open[0] as (typeof open)[number]).id, stage, note, token, viaAction);
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
  return defineCommand({
    name: 'stage',
    words: ['阶段', '推进', '/stage', 'stage'],
    summary: 'command.stage.summary',
    examples: ['阶段 华为 谈判', '阶段 #12 输单 价格太高'],
    examplesEn: ['stage Huawei negotiation', 'stage #12 lost price too high'],
    onText(cmd, text) {
      const rc = recordContext(cmd);
      const parsed = parseStage(text, rc.parse);
      if (!parsed.ok) throw parseRefusal(parsed.problem);
      return proceed(rc, parsed.value, null, false);
    },
    actions: {
      form: (cmd) => ({ send: [cardReply(stageForm(recordContext(cmd), {}))] }),
      submit(cmd, { args }, v) {
        const rc = recordContext(cmd);
        const parsed = parseStage(`${v.target ?? ''} ${v.stage ?? ''}`, rc.parse);
        if (!parsed.ok) throw parseRefusal(parsed.problem);
        return proceed(rc, { ...parsed.value, note: form.text(v, 'note') }, args.token ?? null, true);
      },
      async customer(cmd, { args }) {
        const rc = recordContext(cmd);
        const { stage, note } = stageArgs(args);
        const customer = await rc.services.customers.get(Number(args.customerId));
        if (!customer || !canSeeUser(rc.actor.scope, customer.ownerUserId)) throw refuse('FORBIDDEN', 'records.error.customerForbidden');
        return forCustomer(rc, customer.id, customer.name, stage, note, args.token ?? null, true, args.token ?? newSubmissionToken());
      },
      pick(cmd, { args }) {
        const { stage, note } = stageArgs(args);
        return apply(recordContext(cmd), Number(args.dealId), stage, note, args.token ?? null, true);
      },
    },
  });
}

/** The stage and note a choice button carries. */
function stageArgs(args: Record<string, string>): { stage: DealStage; note: string | null } {
  const stage = form.choice(args, 'stage', DEAL_STAGES, 'lead');
  if (!stage.ok) throw parseRefusal(stage.problem);
  return { stage: stage.value, note: args.note ? args.note : null };
}
