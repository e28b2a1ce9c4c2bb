import { appLink } from '../../domain/deep-link.js';
import { choiceCard } from '../../../cards/choice.js';
import { recordFormCard } from '../../../cards/record-form.js';
import { recordSavedCard } from '../../../cards/record-saved.js';
import { cardReply, type CardAction, type CardModel } from '../../domain/card-model.js';
import type { Parsed } from '../../domain/commands/parse-error.js';
import { t } from '../../domain/messages/index.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import type { Customer } from '../../db/repositories/customer-repository.js';
import type { RecordEntry } from '../../db/repositories/entry-repository.js';
import { resolveCustomer } from '../../services/records/customer-resolver.js';
import { recordEntry } from '../../services/records/entry-journal.js';
import type { CommandDefinition, CommandOutput } from '../command.js';
import { createCustomerIn, customerFormInputs } from './customer-flow.js';
import type { EntrySpec } from './entry-spec.js';
import { inputError, localised, newSubmissionToken, problemError, recordContext, type RecordContext } from './record-context.js';

const VALUE_PREFIX = 'v.';

/** Draft values travel in a button's args (prefixed) so a confirmation re-validates them on click. */
export function packValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [VALUE_PREFIX + k, v]));
}
export function unpackValues(args: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => k.startsWith(VALUE_PREFIX)).map(([k, v]) => [k.slice(VALUE_PREFIX.length), v]));
}

function ok<D>(rc: RecordContext, result: Parsed<D>): D {
  if (!result.ok) throw problemError(rc.cmd, result.problem);
  return result.value;
}

/** Cards answer a click by replacing the clicked card; typed text gets a new message. */
function show(card: CardModel, viaAction: boolean, toast?: CommandOutput['toast']): CommandOutput {
  return viaAction ? { card, replies: [cardReply(card)], ...(toast ? { toast } : {}) } : { replies: [cardReply(card)] };
}

export function savedCard<D>(rc: RecordContext, spec: EntrySpec<D>, entry: RecordEntry, options: { duplicate?: boolean; updated?: boolean } = {}): CardModel {
  const kind = t(rc.cmd.locale, `records.kind.${spec.name}`);
  const described = spec.describe(rc, entry.entityId);
  const undoable = entry.undoneAt === null && entry.userId === rc.cmd.user.id;
  return recordSavedCard.build(
    {
      title: t(rc.cmd.locale, options.updated ? 'records.saved.updatedTitle' : 'records.saved.title', { kind }),
      fields: described?.fields ?? [],
      ...(options.duplicate ? { notice: t(rc.cmd.locale, 'records.saved.duplicate', { kind }) } : {}),
      ...(described ? { edit: { command: `${spec.name}.edit`, args: { entryId: String(entry.id) } } } : {}),
      ...(undoable ? { undo: { command: 'undo.entry', args: { entryId: String(entry.id) } } } : {}),
      ...(described && spec.name === 'visit' ? { link: appLink(rc.cmd.deps.config.publicBaseUrl, { page: 'visit', visitId: entry.entityId }) } : {}),
    },
    rc.cmd.locale,
  );
}

function formCard<D>(rc: RecordContext, spec: EntrySpec<D>, values: Record<string, string>, token: string, intro = true): CardModel {
  const kind = t(rc.cmd.locale, `records.kind.${spec.name}`);
  return recordFormCard.build(
    {
      title: t(rc.cmd.locale, 'records.form.title', { kind }),
      ...(intro ? { intro: t(rc.cmd.locale, 'records.form.intro') } : {}),
      inputs: spec.inputs(values, rc),
      submit: { command: `${spec.name}.submit`, args: { token } },
    },
    rc.cmd.locale,
  );
}

function save<D>(rc: RecordContext, spec: EntrySpec<D>, draft: D, target: { customer: Customer | null } | { newCustomer: Record<string, string> }, source: RecordSource, token: string | null, viaAction: boolean): CommandOutput {
  const result = localised(rc.cmd, () =>
    recordEntry(rc.services, rc.actor, { kind: spec.name, token }, () => {
      const customer = 'customer' in target ? target.customer : createCustomerIn(rc, spec.customerOf(draft) ?? '', target.newCustomer, source);
      return spec.save(rc, customer, draft, source);
    }),
  );
  const card = savedCard(rc, spec, result.entry, { duplicate: result.duplicate });
  const kind = t(rc.cmd.locale, `records.kind.${spec.name}`);
  return show(card, viaAction, { kind: result.duplicate ? 'info' : 'success', text: t(rc.cmd.locale, result.duplicate ? 'records.saved.duplicate' : 'records.saved.title', { kind }) });
}

/** The common path of typed text and form submits: complete? -> which customer? -> save or ask. */
function proceed<D>(rc: RecordContext, spec: EntrySpec<D>, draft: D, source: RecordSource, token: string | null, viaAction: boolean): CommandOutput {
  const name = spec.customerOf(draft);
  const values = spec.toValues(draft);
  if (!spec.isComplete(draft) || (spec.needsCustomer && !name)) {
    // Typed text opens the form; a submitted form that is still missing parts says which.
    const missing = spec.inputs(values, rc).filter((i) => i.required && !(values[i.name] ?? '').trim());
    if (viaAction && missing.length > 0) throw inputError(rc.cmd, 'records.error.requiredMissing', { fields: missing.map((i) => i.label).join('、') });
    return show(formCard(rc, spec, values, token ?? newSubmissionToken()), viaAction);
  }
  if (!spec.needsCustomer || name === null) return save(rc, spec, draft, { customer: null }, source, token, viaAction);

  const resolution = resolveCustomer(rc.services.customers, name, rc.cmd.scope());
  if (resolution.kind === 'found') return save(rc, spec, draft, { customer: resolution.customer }, source, token, viaAction);
  if (resolution.kind === 'hidden') throw inputError(rc.cmd, 'records.error.customerHidden', { name });

  const cardToken = token ?? newSubmissionToken();
  const kind = t(rc.cmd.locale, `records.kind.${spec.name}`);
  const carry = { ...packValues(values), token: cardToken };
  const choices =
    resolution.kind === 'near'
      ? resolution.candidates.map((c) => ({
          label: t(rc.cmd.locale, 'records.customer.pick', { name: c.name }),
          action: { command: `${spec.name}.pick`, args: { ...carry, customerId: String(c.id) } } satisfies CardAction,
        }))
      : [];
  const card = choiceCard.build(
    {
      title: t(rc.cmd.locale, resolution.kind === 'near' ? 'records.customer.nearTitle' : 'records.customer.unknownTitle', { name }),
      intro: t(rc.cmd.locale, resolution.kind === 'near' ? 'records.customer.nearIntro' : 'records.customer.unknownIntro', { name, kind }),
      choices,
      form: {
        inputs: customerFormInputs(rc, {}),
        submitLabel: t(rc.cmd.locale, 'records.customer.create', { name }),
        submit: { command: `${spec.name}.create`, args: carry },
      },
    },
    rc.cmd.locale,
  );
  return show(card, viaAction);
}

/** Builds the chat command for one entry kind: typed text, form submit, pick, create, edit, update. */
export function createEntryCommand<D>(spec: EntrySpec<D>): CommandDefinition {
  return {
    name: spec.name,
    words: spec.words,
    summary: spec.summary,
    examples: spec.examples,
    run(cmd, input) {
      const rc = recordContext(cmd);
      if (input.source === 'text') return proceed(rc, spec, ok(rc, spec.parseText(input.text, rc.parse)), 'chat', null, false);

      const { args } = input.action;
      const step = input.action.command.slice(spec.name.length + 1);
      const token = args.token ?? null;
      switch (step) {
        case 'form':
          // From the menu or a customer card: an empty form, or one pre-filled with the customer.
          return { replies: [cardReply(formCard(rc, spec, unpackValues(args), newSubmissionToken(), false))] };
        case 'submit':
          return proceed(rc, spec, ok(rc, spec.fromValues(input.formValues, rc.parse)), 'card', token, true);
        case 'pick': {
          const draft = ok(rc, spec.fromValues(unpackValues(args), rc.parse));
          const customer = rc.services.customers.get(Number(args.customerId));
          if (!customer || !canSeeUser(cmd.scope(), customer.ownerUserId)) throw inputError(cmd, 'records.error.customerForbidden');
          return save(rc, spec, draft, { customer }, 'card', token, true);
        }
        case 'create': {
          const draft = ok(rc, spec.fromValues(unpackValues(args), rc.parse));
          return save(rc, spec, draft, { newCustomer: input.formValues }, 'card', token, true);
        }
        case 'edit':
        case 'update':
          return editStep(rc, spec, step, Number(args.entryId), input.formValues);
        default:
          throw inputError(cmd, 'records.error.kindUnknown', { input: input.action.command });
      }
    },
  };
}

function editStep<D>(rc: RecordContext, spec: EntrySpec<D>, step: 'edit' | 'update', entryId: number, formValues: Record<string, string>): CommandOutput {
  const entry = rc.services.entries.get(entryId);
  const described = entry && entry.kind === spec.name ? spec.describe(rc, entry.entityId) : undefined;
  if (!entry || entry.undoneAt !== null || !described) throw inputError(rc.cmd, 'records.error.recordGone');
  if (!canSeeUser(rc.cmd.scope(), described.repUserId)) throw inputError(rc.cmd, 'records.error.recordForbidden');
  const kind = t(rc.cmd.locale, `records.kind.${spec.name}`);
  if (step === 'edit') {
    const card = recordFormCard.build(
      {
        title: t(rc.cmd.locale, 'records.form.editTitle', { kind }),
        inputs: spec.inputs(described.values, rc).filter((i) => i.name !== 'customer'),
        submitLabel: t(rc.cmd.locale, 'records.form.save'),
        submit: { command: `${spec.name}.update`, args: { entryId: String(entryId) } },
      },
      rc.cmd.locale,
    );
    return { replies: [cardReply(card)] };
  }
  // The customer of a stored record does not change through edit.
  const draft = ok(rc, spec.fromValues({ ...formValues, customer: described.values.customer ?? '' }, rc.parse));
  localised(rc.cmd, () => spec.update(rc, entry.entityId, draft));
  return show(savedCard(rc, spec, entry, { updated: true }), true, { kind: 'success', text: t(rc.cmd.locale, 'records.saved.updatedTitle', { kind }) });
}
