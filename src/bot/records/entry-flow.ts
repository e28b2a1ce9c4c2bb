import { appLink } from '../../domain/deep-link.js';
import { choiceCard } from '../../../cards/choice.js';
import { infoCard } from '../../../cards/info.js';
import { isProblemError } from '../../domain/problem.js';
import { CONFIRM_OVERPAY_FIELD, OVERPAY_CONFIRMATION } from '../../domain/records/overpayment.js';
import { translateProblem } from '../../i18n/problem-text.js';
import { recordFormCard } from '../../../cards/record-form.js';
import { recordSavedCard } from '../../../cards/record-saved.js';
import { cardReply, type CardAction, type CardModel } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { isJointValue } from '../../domain/commands/visit-extras.js';
import { isComplete } from '../../domain/records/entries/entry-parser.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import type { CustomerChoice } from '../../features/records/entry-writer.js';
import { invalid, refuse, parsedOrThrow } from '../../features/records/refusals.js';
import type { RecordEntry } from '../../features/records/stores.js';
import { resolveCustomer } from '../../features/records/customer-resolver.js';
import { periodProgressAfterEntry } from '../../features/kpi/period-progress.js';
import { entryProgressText } from '../../i18n/entry-progress.js';
import { defineCommand, type CommandDefinition, type CommandOutput } from '../command.js';
import { customerFormInputs } from './customer-flow.js';
import type { EntryForm } from './entry-form.js';
import { newSubmissionToken, recordContext, type RecordContext } from './record-context.js';

const VALUE_PREFIX = 'v.';

/** Draft values travel in a button's args (prefixed) so a confirmation re-validates them on click. */
export function packValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [VALUE_PREFIX + k, v]));
}
export function unpackValues(args: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => k.startsWith(VALUE_PREFIX)).map(([k, v]) => [k.slice(VALUE_PREFIX.length), v]));
}

/** Cards answer a click by replacing the clicked card; typed text gets a new message. */
function show(card: CardModel, viaAction: boolean, toast?: CommandOutput['toast']): CommandOutput {
  return viaAction ? { card, ...(toast ? { toast } : {}) } : { send: [cardReply(card)] };
}

export async function savedCard<D>(rc: RecordContext, spec: EntryForm<D>, entry: RecordEntry, options: { duplicate?: boolean; updated?: boolean } = {}): Promise<CardModel> {
  const kind = t(rc.cmd.locale, `records.kind.${spec.parser.kind}`);
  const described = await spec.describe(rc, entry.entityId);
  const progress = options.updated ? undefined : await progressLine(rc, spec.parser.kind);
  const undoable = entry.undoneAt === null && entry.userId === rc.cmd.user.id;
  return recordSavedCard.build(
    {
      title: t(rc.cmd.locale, options.updated ? 'records.saved.updatedTitle' : 'records.saved.title', { kind }),
      fields: described?.fields ?? [],
      ...(progress ? { progress } : {}),
      ...(options.duplicate ? { notice: t(rc.cmd.locale, 'records.saved.duplicate', { kind }) } : {}),
      ...(described ? { edit: { command: `${spec.parser.kind}.edit`, args: { entryId: String(entry.id) } } } : {}),
      ...(undoable ? { undo: { command: 'undo.entry', args: { entryId: String(entry.id) } } } : {}),
      ...(described && spec.parser.kind === 'visit' ? { link: appLink(rc.cmd.deps.config.publicBaseUrl, { page: 'visit', visitId: entry.entityId }) } : {}),
    },
    rc.cmd.locale,
  );
}

/** "本月拜访次数 8/40，进度 20%": the month as the KPI card counts it, after this entry. */
async function progressLine(rc: RecordContext, kind: string): Promise<string | undefined> {
  const p = await periodProgressAfterEntry(rc.cmd.deps, rc.actor, { kind });
  if (!p) return undefined;
  return entryProgressText(rc.cmd.locale, 'records.saved.progress', p);
}

async function formCard<D>(rc: RecordContext, spec: EntryForm<D>, values: Record<string, string>, token: string, intro = true): Promise<CardModel> {
  const kind = t(rc.cmd.locale, `records.kind.${spec.parser.kind}`);
  return recordFormCard.build(
    {
      title: t(rc.cmd.locale, 'records.form.title', { kind }),
      ...(intro ? { intro: t(rc.cmd.locale, 'records.form.intro') } : {}),
      ...(spec.quickPicks ? { choices: await spec.quickPicks(rc, values) } : {}),
      inputs: await spec.inputs(values, rc),
      submit: { command: `${spec.parser.kind}.submit`, args: { token } },
    },
    rc.cmd.locale,
  );
}

async function save<D>(
  rc: RecordContext,
  spec: EntryForm<D>,
  draft: D,
  customer: CustomerChoice | undefined,
  source: RecordSource,
  token: string | null,
  viaAction: boolean,
  confirmed: Record<string, string> = {},
): Promise<CommandOutput> {
  const values = spec.parser.toValues(draft);
  let result: Awaited<ReturnType<EntryForm<D>['save']>>;
  try {
    result = await spec.save(rc.cmd.deps, rc.actor, { values: { ...values, ...confirmed }, source, token, ...(customer ? { customer } : {}) });
  } catch (error) {
    // A payment over the deal amount: ask, carrying the draft so 确认 stores exactly this entry.
    if (!isProblemError(error) || error.problem.code !== OVERPAY_CONFIRMATION || !customer || !('id' in customer)) throw error;
    const carry = { ...packValues(values), token: token ?? newSubmissionToken(), customerId: String(customer.id) };
    return show(overpayCard(rc, spec.parser.kind, translateProblem(rc.cmd.locale, error.problem), carry), viaAction);
  }
  const card = await savedCard(rc, spec, result.entry, { duplicate: result.duplicate });
  const kind = t(rc.cmd.locale, `records.kind.${spec.parser.kind}`);
  const output = show(card, viaAction, { kind: result.duplicate ? 'info' : 'success', text: t(rc.cmd.locale, result.duplicate ? 'records.saved.duplicate' : 'records.saved.title', { kind }) });
  return spec.afterSave && !result.duplicate ? await spec.afterSave(rc, result.entry.entityId, output) : output;
}

function overpayCard(rc: RecordContext, kind: string, text: string, carry: Record<string, string>): CardModel {
  const l = rc.cmd.locale;
  return choiceCard.build(
    {
      title: t(l, 'records.payment.overpayTitle'),
      intro: text,
      choices: [
        { label: t(l, 'records.payment.confirm'), action: { command: `${kind}.confirm`, args: carry } },
        { label: t(l, 'records.payment.cancel'), action: { command: `${kind}.cancel`, args: {} } },
      ],
    },
    l,
  );
}

/** The common path of typed text and form submits: complete? -> which customer? -> save or ask. */
async function proceed<D>(rc: RecordContext, spec: EntryForm<D>, draft: D, source: RecordSource, token: string | null, viaAction: boolean): Promise<CommandOutput> {
  const name = spec.parser.customerOf(draft);
  const values = spec.parser.toValues(draft);
  if (!isComplete(spec.parser, draft) || (spec.parser.needsCustomer && !name)) {
    // Typed text opens the form; a submitted form that is still missing parts says which.
    const missing = (await spec.inputs(values, rc)).filter((i) => i.required && !(values[i.name] ?? '').trim());
    if (viaAction && missing.length > 0) throw invalid('records.error.requiredMissing', { fields: missing.map((i) => i.label).join('、') });
    return show(await formCard(rc, spec, values, token ?? newSubmissionToken()), viaAction);
  }
  if (!spec.parser.needsCustomer || name === null) return save(rc, spec, draft, undefined, source, token, viaAction);

  const resolution = await resolveCustomer(rc.services.customers, name, rc.actor.scope);
  if (resolution.kind === 'found') return save(rc, spec, draft, { id: resolution.customer.id }, source, token, viaAction);
  // 协访: a colleague's customer, marked joint, is stored under its owner (the feature checks who may).
  if (resolution.kind === 'hidden' && isJointValue(values.joint)) return save(rc, spec, draft, { id: resolution.customerId }, source, token, viaAction);
  if (resolution.kind === 'hidden') throw refuse('FORBIDDEN', spec.hiddenRefusal ?? 'records.error.customerHidden', { name });

  const cardToken = token ?? newSubmissionToken();
  const kind = t(rc.cmd.locale, `records.kind.${spec.parser.kind}`);
  const carry = { ...packValues(values), token: cardToken };
  const choices =
    resolution.kind === 'near'
      ? resolution.candidates.map((c) => ({
          label: t(rc.cmd.locale, 'records.customer.pick', { name: c.name }),
          action: { command: `${spec.parser.kind}.pick`, args: { ...carry, customerId: String(c.id) } } satisfies CardAction,
        }))
      : [];
  const card = choiceCard.build(
    {
      title: t(rc.cmd.locale, resolution.kind === 'near' ? 'records.customer.nearTitle' : 'records.customer.unknownTitle', { name }),
      intro: t(rc.cmd.locale, resolution.kind === 'near' ? 'records.customer.nearIntro' : 'records.customer.unknownIntro', { name, kind }),
      choices,
      form: {
        inputs: await customerFormInputs(rc, {}),
        submitLabel: t(rc.cmd.locale, 'records.customer.create', { name }),
        submit: { command: `${spec.parser.kind}.create`, args: carry },
      },
    },
    rc.cmd.locale,
  );
  return show(card, viaAction);
}

/** Builds the chat command for one entry kind: typed text, form submit, pick, create, edit, update. */
export function createEntryCommand<D>(spec: EntryForm<D>): CommandDefinition {
  return defineCommand({
    name: spec.parser.kind,
    words: spec.words,
    summary: spec.summary,
    examples: spec.examples,
    ...(spec.examplesEn ? { examplesEn: spec.examplesEn } : {}),
    onText(cmd, rest) {
      const rc = recordContext(cmd);
      return proceed(rc, spec, parsedOrThrow(spec.parser.parseText(rest, rc.parse)), 'chat', null, false);
    },
    actions: {
      // From the menu or a customer card: an empty form, or one pre-filled with the customer, as a new message.
      form: async (cmd, { args }) => ({ send: [cardReply(await formCard(recordContext(cmd), spec, unpackValues(args), newSubmissionToken(), false))] }),
      submit(cmd, { args }, formValues) {
        const rc = recordContext(cmd);
        return proceed(rc, spec, parsedOrThrow(spec.parser.fromValues(formValues, rc.parse)), 'card', args.token ?? null, true);
      },
      pick(cmd, { args }) {
        // The feature checks that the picked customer is one this person may see.
        const rc = recordContext(cmd);
        const draft = parsedOrThrow(spec.parser.fromValues(unpackValues(args), rc.parse));
        return save(rc, spec, draft, { id: Number(args.customerId) }, 'card', args.token ?? null, true);
      },
      create(cmd, { args }, formValues) {
        const rc = recordContext(cmd);
        const draft = parsedOrThrow(spec.parser.fromValues(unpackValues(args), rc.parse));
        return save(rc, spec, draft, { create: { ...formValues, name: spec.parser.customerOf(draft) ?? '' } }, 'card', args.token ?? null, true);
      },
      confirm(cmd, { args }) {
        const rc = recordContext(cmd);
        const draft = parsedOrThrow(spec.parser.fromValues(unpackValues(args), rc.parse));
        return save(rc, spec, draft, { id: Number(args.customerId) }, 'card', args.token ?? null, true, { [CONFIRM_OVERPAY_FIELD]: 'true' });
      },
      cancel: (cmd) => ({ card: infoCard.build({ title: t(cmd.locale, 'records.payment.overpayTitle'), sections: [{ text: t(cmd.locale, 'records.payment.cancelled') }] }, cmd.locale) }),
      edit: (cmd, { args }, formValues) => editStep(recordContext(cmd), spec, 'edit', Number(args.entryId), formValues),
      update: (cmd, { args }, formValues) => editStep(recordContext(cmd), spec, 'update', Number(args.entryId), formValues),
    },
  });
}

async function editStep<D>(rc: RecordContext, spec: EntryForm<D>, step: 'edit' | 'update', entryId: number, formValues: Record<string, string>): Promise<CommandOutput> {
  const entry = await rc.services.entries.get(entryId);
  const described = entry && entry.kind === spec.parser.kind ? await spec.describe(rc, entry.entityId) : undefined;
  if (!entry || entry.undoneAt !== null || !described) throw invalid('records.error.recordGone');
  if (!canSeeUser(rc.actor.scope, described.repUserId)) throw refuse('FORBIDDEN', 'records.error.recordForbidden');
  const kind = t(rc.cmd.locale, `records.kind.${spec.parser.kind}`);
  // The customer of a stored record does not change through edit.
  const inputs = (await spec.inputs(described.values, rc)).filter((i) => i.name !== 'customer');
  if (step === 'edit') {
    const card = recordFormCard.build(
      {
        title: t(rc.cmd.locale, 'records.form.editTitle', { kind }),
        inputs,
        submitLabel: t(rc.cmd.locale, 'records.form.save'),
        submit: { command: `${spec.parser.kind}.update`, args: { entryId: String(entryId) } },
      },
      rc.cmd.locale,
    );
    return { send: [cardReply(card)] };
  }
  // A submitted edit form is the whole record: a field it leaves out is emptied.
  const values = Object.fromEntries(inputs.map((i) => [i.name, formValues[i.name] ?? '']));
  await spec.update(rc.cmd.deps, rc.actor, { id: entry.entityId, values });
  return show(await savedCard(rc, spec, entry, { updated: true }), true, { kind: 'success', text: t(rc.cmd.locale, 'records.saved.updatedTitle', { kind }) });
}
