import type { FormInput } from '../../domain/card-model.js';
import { t } from '../../domain/messages/index.js';
import { canSeeUser } from '../../domain/org/acting-user.js';
import { normaliseName } from '../../domain/records/customer-name.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import type { Customer } from '../../db/repositories/customer-repository.js';
import { inputError, type RecordContext } from './record-context.js';
import { text } from './form-fields.js';

/** Channel (required: every customer is analysed per channel), region and industry. */
export function customerFormInputs(rc: RecordContext, values: Record<string, string>): FormInput[] {
  const locale = rc.cmd.locale;
  return [
    {
      name: 'channel',
      label: t(locale, 'records.field.channel'),
      kind: 'select',
      required: true,
      ...(values.channel ? { value: values.channel } : {}),
      options: rc.services.channels.list().map((c) => ({ label: c.name, value: String(c.id) })),
    },
    { name: 'region', label: t(locale, 'records.field.region'), kind: 'text', ...(values.region ? { value: values.region } : {}) },
    { name: 'industry', label: t(locale, 'records.field.industry'), kind: 'text', ...(values.industry ? { value: values.industry } : {}) },
  ];
}

/** A channel from a select value (its id) or a typed word (直销, 代理...). */
export function channelFrom(rc: RecordContext, raw: string | null): number | null {
  if (raw === null) return null;
  const byId = /^\d+$/.test(raw) ? rc.services.channels.get(Number(raw)) : undefined;
  const channel = byId ?? rc.services.channels.findByWord(raw);
  if (!channel) {
    const options = rc.services.channels.list().map((c) => c.name).join('、');
    throw inputError(rc.cmd, 'records.error.channelUnknown', { input: raw, options });
  }
  return channel.id;
}

/**
 * Creates the customer a confirmation card asked about (inside the caller's transaction), owned by
 * the person confirming. If the name was taken meanwhile, the existing customer is used when visible.
 */
export function createCustomerIn(
  rc: RecordContext,
  name: string,
  values: Record<string, string>,
  source: RecordSource,
  aliases: string[] = [],
): Customer {
  if (!normaliseName(name)) throw inputError(rc.cmd, 'records.error.customerMissing');
  const existing = rc.services.customers.findByName(name);
  if (existing) {
    if (!canSeeUser(rc.cmd.scope(), existing.ownerUserId)) throw inputError(rc.cmd, 'records.error.customerHidden', { name });
    return existing;
  }
  const channelId = channelFrom(rc, text(values, 'channel'));
  if (channelId === null) throw inputError(rc.cmd, 'records.error.channelRequired');
  const customer = rc.services.customers.create(rc.actor, {
    name,
    aliases,
    channelId,
    region: text(values, 'region'),
    industry: text(values, 'industry'),
    ownerUserId: rc.cmd.user.id,
    source,
  });
  rc.services.entries.insert({
    userId: rc.actor.userId,
    kind: 'customer',
    entity: 'customer',
    entityId: customer.id,
    submissionToken: null,
    channel: rc.actor.channel,
    createdAt: rc.actor.now,
  });
  return customer;
}
