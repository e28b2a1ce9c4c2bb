import { choiceCard } from '../../../cards/choice.js';
import { infoCard } from '../../../cards/info.js';
import { recordFormCard } from '../../../cards/record-form.js';
import { recordSavedCard } from '../../../cards/record-saved.js';
import { cardReply, type CardModel } from '../../domain/card-model.js';
import { maskPhone, parseCustomer } from '../../domain/commands/parse-customers.js';
import { t } from '../../i18n/index.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import * as form from '../../domain/records/entries/form-values.js';
import { addCustomerAliases, createCustomer, updateCustomer } from '../../features/records/customers.js';
import { invalid, refuse, parseRefusal } from '../../features/records/refusals.js';
import type { Customer } from '../../features/records/stores.js';
import { resolveCustomer } from '../../features/records/customer-resolver.js';
import { defineCommand, type CommandDefinition, type CommandOutput } from '../command.js';
import { customerFormInputs } from '../records/customer-flow.js';
import { field, present, safe, yuan } from '../records/display.js';
import { newSubmissionToken, recordContext, type RecordContext } from '../records/record-context.js';

const output = (card: CardModel, viaAction: boolean, toast?: CommandOutput['toast']): CommandOutput =>
  viaAction ? { card, ...(toast ? { toast } : {}) } : { send: [cardReply(card)] };

/** A customer's card: channel, region, owner, aliases, contacts (phones masked), open deals. */
async function profile(rc: RecordContext, customer: Customer, notice?: string): Promise<CardModel> {
  const l = rc.cmd.locale;
  const contacts = await rc.services.customers.contactsOf(customer.id);
  const open = await rc.services.records.openDealsOf(customer.id);
  const owner = await rc.cmd.deps.org.getUser(customer.ownerUserId);
  return infoCard.build(
    {
      title: t(l, 'records.customer.profileTitle', { name: customer.name }),
      sections: [
        ...(notice ? [{ text: notice }] : []),
        {
          fields: present([
            field(l, 'records.field.salesChannel', customer.salesChannelName),
            field(l, 'records.field.region', customer.region),
            customer.industry !== null && field(l, 'records.field.industry', customer.industry),
            customer.aliases.length > 0 && field(l, 'records.field.aliases', customer.aliases.join('、')),
            field(l, 'records.field.owner', owner?.name ?? null),
          ]),
        },
        {
          heading: t(l, 'records.field.contacts'),
          text:
            contacts.map((c) => [c.name, c.title, c.phone ? maskPhone(c.phone) : null].filter(Boolean).map((x) => safe(x)).join(' ')).join('\n') ||
            t(l, 'records.none'),
        },
        {
          heading: t(l, 'records.field.deal'),
          text: open.map((d) => `#${d.id} ${safe(d.title)} ${yuan(d.amountFen)} · ${t(l, `records.stage.${d.stage}`)}`.replace(/\s+/g, ' ')).join('\n') || t(l, 'records.none'),
        },
      ],
      buttons: [
        ...(['visit', 'opportunity', 'contact'] as const).map((kind) => ({
          label: t(l, `records.kind.${kind}`),
          action: { command: `${kind}.form`, args: { 'v.customer': customer.name } },
        })),
        { label: t(l, 'records.button.edit'), action: { command: 'customer.edit', args: { customerId: String(customer.id) } } },
      ],
    },
    l,
  );
}

async function newCustomerForm(rc: RecordContext, values: Record<string, string>): Promise<CardModel> {
  const l = rc.cmd.locale;
  return recordFormCard.build(
    {
      title: values.name ? t(l, 'records.customer.newForm', { name: values.name }) : t(l, 'records.customer.createOnly'),
      inputs: [
        { name: 'name', label: t(l, 'records.field.customer'), kind: 'text', required: true, value: values.name ?? '' },
        ...await customerFormInputs(rc,values),
        { name: 'aliases', label: t(l, 'records.field.aliases'), kind: 'text', value: values.aliases ?? '' },
      ],
      submitLabel: t(l, 'records.customer.createOnly'),
      submit: { command: 'customer.create', args: { token: newSubmissionToken() } },
    },
    l,
  );
}

/** Creates the customer once per token (a typed create has no token: the event id dedupes it). */
async function create(rc: RecordContext, values: Record<string, string>, token: string | null, viaAction: boolean): Promise<CommandOutput> {
  const l = rc.cmd.locale;
  const name = form.text(values, 'name');
  if (name === null) throw invalid('records.error.customerMissing');
  if (form.text(values, 'salesChannel') === null) return output(await newCustomerForm(rc,values), viaAction);
  const duplicateOf = token ? undefined : await rc.services.customers.findByName(name);
  if (duplicateOf) return show(rc, duplicateOf, name, viaAction);
  const { customer, entry, duplicate } = await createCustomer(rc.cmd.deps, rc.actor, { values, source: viaAction ? 'card' : 'chat', token });
  const kind = t(l, 'records.kind.customer');
  const card = recordSavedCard.build(
    {
      title: t(l, 'records.customer.createdTitle', { name: customer?.name ?? name }),
      fields: customer
        ? present([
            field(l, 'records.field.salesChannel', customer.salesChannelName),
            field(l, 'records.field.region', customer.region),
            customer.industry !== null && field(l, 'records.field.industry', customer.industry),
            customer.aliases.length > 0 && field(l, 'records.field.aliases', customer.aliases.join('、')),
          ])
        : [],
      ...(duplicate ? { notice: t(l, 'records.saved.duplicate', { kind }) } : {}),
      edit: { command: 'customer.edit', args: { customerId: String(entry.entityId) } },
      ...(entry.undoneAt === null ? { undo: { command: 'undo.entry', args: { entryId: String(entry.id) } } } : {}),
    },
    l,
  );
  return output(card, viaAction, { kind: duplicate ? 'info' : 'success', text: t(l, 'records.customer.createdTitle', { name }) });
}

async function editForm(rc: RecordContext, customer: Customer): Promise<CardModel> {
  const l = rc.cmd.locale;
  return recordFormCard.build(
    {
      title: t(l, 'records.form.editTitle', { kind: `${t(l, 'records.kind.customer')}「${customer.name}」` }),
      inputs: await customerFormInputs(rc, { salesChannel: customer.salesChannelId === null ? '' : String(customer.salesChannelId), region: customer.region ?? '', industry: customer.industry ?? '' }),
      submitLabel: t(l, 'records.form.save'),
      submit: { command: 'customer.update', args: { customerId: String(customer.id) } },
    },
    l,
  );
}

/** Channel, region and industry of a customer the person may see; the name and owner stay. */
async function update(rc: RecordContext, customer: Customer, values: Record<string, string>): Promise<CommandOutput> {
  // The edit form is the whole set: a field it leaves out is emptied (and a channel is required).
  const changed = { salesChannel: values.salesChannel ?? '', region: values.region ?? '', industry: values.industry ?? '' };
  const updated = updateCustomer(rc.cmd.deps, rc.actor, { customerId: customer.id, values: changed });
  const kind = t(rc.cmd.locale, 'records.kind.customer');
  return output(await profile(rc,await updated), true, { kind: 'success', text: t(rc.cmd.locale, 'records.saved.updatedTitle', { kind }) });
}

async function show(rc: RecordContext, customer: Customer, typed: string, viaAction: boolean, aliases: string[] = []): Promise<CommandOutput> {
  const l = rc.cmd.locale;
  const notices: string[] = [];
  if (typed !== customer.name) notices.push(t(l, 'records.customer.exists', { name: typed, existing: customer.name }));
  const { added, taken } = await (aliases.length > 0 ? addCustomerAliases(rc.cmd.deps, rc.actor, { customerId: customer.id, aliases }) : { added: [], taken: [] });
  for (const alias of taken) notices.push(t(l, 'records.customer.aliasTaken', { alias }));
  if (added.length > 0) notices.push(t(l, 'records.customer.aliasAdded', { aliases: added.join('、') }));
  const fresh = await rc.services.customers.get(customer.id) ?? customer;
  return output(await profile(rc,fresh,notices.join('\n')||undefined), viaAction);
}

/** 客户 <名称> [渠道] [地区] [行业] [别名X]: shows a customer the person may see, or creates one. */
export function createCustomerCommand(): CommandDefinition {
  /** The customer a button names, if this person may see it. */
  const visibleCustomer = async (rc: RecordContext, args: Record<string, string>) => {
    const customer = await rc.services.customers.get(Number(args.customerId));
    if (!customer || !canSeeUser(rc.actor.scope, customer.ownerUserId)) throw refuse('FORBIDDEN', 'records.error.customerForbidden');
    return customer;
  };
  return defineCommand({
    name: 'customer',
    words: ['客户', '/customer', 'customer'],
    summary: 'command.customer.summary',
    examples: ['客户 华为', '客户 小米科技有限公司 直销 北京 别名小米'],
    examplesEn: ['customer Huawei'],
    actions: {
      form: async (cmd) => ({ send: [cardReply(await newCustomerForm(recordContext(cmd),{}))] }),
      async show(cmd, { args }) {
        const rc = recordContext(cmd);
        return output(await profile(rc,await visibleCustomer(rc,args)), true);
      },
      async edit(cmd, { args }) {
        const rc = recordContext(cmd);
        return { send: [cardReply(await editForm(rc, await visibleCustomer(rc, args)))] };
      },
      async update(cmd, { args }, formValues) {
        const rc = recordContext(cmd);
        return update(rc, await visibleCustomer(rc, args), formValues);
      },
      create: (cmd, { args }, formValues) =>
        create(recordContext(cmd), { ...formValues, ...(args.name ? { name: args.name, aliases: args.aliases ?? '' } : {}) }, args.token ?? null, true),
    },
    async onText(cmd, text) {
      const rc = recordContext(cmd);
      const parsed = parseCustomer(text);
      if (!parsed.ok) throw parseRefusal(parsed.problem);
      const { name, aliases, words } = parsed.value;
      if (name === null) return output(await newCustomerForm(rc,{}), false);

      const resolution = await resolveCustomer(rc.services.customers, name, rc.actor.scope);
      if (resolution.kind === 'found') return await show(rc, resolution.customer, name, false, aliases);
      if (resolution.kind === 'hidden') throw refuse('FORBIDDEN', 'records.error.customerHidden', { name });

      let salesChannelWord: string | undefined;
      for (const word of words) if (!salesChannelWord && (await rc.services.salesChannels.findByWord(word))) salesChannelWord = word;
      const [region = '', industry = ''] = words.filter((w) => w !== salesChannelWord);
      const values = { name, salesChannel: salesChannelWord ?? '', region, industry, aliases: aliases.join(',') };
      if (resolution.kind === 'none' && salesChannelWord) return create(rc, values, null, false);
      if (resolution.kind === 'none') return output(await newCustomerForm(rc,values), false);

      const l = cmd.locale;
      const salesChannel = salesChannelWord ? await rc.services.salesChannels.findByWord(salesChannelWord) : undefined;
      const card = choiceCard.build(
        {
          title: t(l, 'records.customer.nearTitle'),
          intro: t(l, 'records.customer.nearIntro', { name }),
          choices: resolution.candidates.map((c) => ({ label: t(l, 'records.customer.pick', { name: c.name }), action: { command: 'customer.show', args: { customerId: String(c.id) } } })),
          form: {
            inputs: await customerFormInputs(rc, { ...values, salesChannel: salesChannel ? String(salesChannel.id) : '' }),
            submitLabel: t(l, 'records.customer.createOnly'),
            submit: { command: 'customer.create', args: { name, aliases: values.aliases, token: newSubmissionToken() } },
          },
        },
        l,
      );
      return output(card, false);
    },
  });
}
