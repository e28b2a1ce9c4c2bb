import { choiceCard } from '../../../cards/choice.js';
import { infoCard } from '../../../cards/info.js';
import { inTransaction } from '../../db/client.js';
import { createCustomerOwnerRepository, type OwnedCustomer } from '../../db/repositories/customer-owner-repository.js';
import { createOpenNextStepQueries } from '../../db/repositories/open-next-steps.js';
import { cardReply, type CardModel } from '../../domain/card-model.js';
import { businessDateOf } from '../../domain/period.js';
import { t, type Locale } from '../../i18n/index.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';
import { refuse } from '../records/refusals.js';
import { notifyUser } from './notify.js';
import { assertMayReassign } from './people.js';

/** The card's command: the form's submit answers `handover.assign` with the leaver in its args. */
export const ASSIGN_COMMAND = 'handover.assign';
export const ALL_CUSTOMERS = 'all';

/**
 * A leaver's handover list: the customers a deactivated rep still owns, shown to their manager (or
 * the admins when nobody manages them) with one form: which customer (or all) and which rep of the
 * team. Nothing is orphaned: the list is read from the database (inactive owners), so a card lost or
 * an import made from the CLI is caught by the daily pool job.
 */
export async function leaverHandoverCard(deps: AppDeps, managerId: number, leaverId: number, locale: Locale): Promise<CardModel | null> {
  const customers = await createCustomerOwnerRepository(deps.db).ownedBy(leaverId);
  const leaver = (await deps.org.getUser(leaverId))?.name ?? '—';
  if (customers.length === 0) {
    return infoCard.build({ title: t(locale, 'handover.leaver.doneTitle', { leaver }), sections: [{ text: t(locale, 'handover.leaver.doneText', { leaver }) }] }, locale);
  }
  const team = await teamReps(deps, managerId, leaverId);
  const names = customers.map((c) => c.name).join('、');
  return choiceCard.build(
    {
      title: t(locale, 'handover.leaver.title', { leaver, count: customers.length }),
      intro: t(locale, 'handover.leaver.intro', { leaver, customers: names }),
      choices: [],
      form: {
        inputs: [
          { name: 'customer', label: t(locale, 'handover.leaver.customer'), kind: 'select', required: true, value: ALL_CUSTOMERS, options: [{ label: t(locale, 'handover.leaver.all'), value: ALL_CUSTOMERS }, ...customers.map((c) => ({ label: c.name, value: String(c.id) }))] },
          { name: 'rep', label: t(locale, 'handover.leaver.rep'), kind: 'select', required: true, options: team.map((u) => ({ label: u.name, value: String(u.id) })) },
        ],
        submitLabel: t(locale, 'handover.leaver.submit'),
        submit: { command: ASSIGN_COMMAND, args: { leaverId: String(leaverId) } },
      },
    },
    locale,
  );
}

/** Active people of the manager's team (the manager too) who may take customers over. */
async function teamReps(deps: AppDeps, managerId: number, leaverId: number) {
  const team = await deps.org.teamOf(managerId);
  team.add(managerId);
  return (await deps.org.listUsers({ activeOnly: true })).filter((u) => team.has(u.id) && u.id !== leaverId && u.roles.includes('rep'));
}

/** Who gets a leaver's list: their manager when active, otherwise every admin. */
async function handlersOf(deps: AppDeps, leaverId: number): Promise<number[]> {
  const managerId = await deps.org.managerOf(leaverId);
  const manager = managerId === null ? undefined : await deps.org.getUser(managerId);
  if (manager?.active) return [manager.id];
  return (await deps.org.activeUsersWithRole('admin')).map((a) => a.id);
}

/**
 * Queues the handover card of every leaver who still owns customers, once per leaver and
 * deactivation (the outbox key carries both). Called after an org import or sync and by the daily job.
 */
export async function queueLeaverHandovers(deps: AppDeps): Promise<{ queued: number; leavers: number }> {
  const leavers = await createCustomerOwnerRepository(deps.db).leaversWithCustomers();
  const resolver = await createRecipientResolver(deps);
  let queued = 0;
  for (const leaver of leavers) {
    for (const handlerId of await handlersOf(deps, leaver.userId)) {
      const recipient = resolver.resolve(handlerId);
      if (!recipient) continue;
      const card = await leaverHandoverCard(deps, handlerId, leaver.userId, await deps.org.localeOf(handlerId));
      if (!card) continue;
      const key = `leaver-handover:user-${leaver.userId}:${leaver.deactivatedAt ?? 0}:to-${handlerId}`;
      queued += (await deps.outbox.enqueue([{ idempotencyKey: key, platform: recipient.platform, target: { kind: 'user', recipient }, payload: cardReply(card) }])).queued;
    }
  }
  return { queued, leavers: leavers.length };
}

/**
 * 分配给… on a leaver's handover card: one customer or all of them to a rep of the team. Each move is
 * a `customer.leaver` stretch in the history and an audit row; the new rep is told. Returns the
 * card to show in place of the clicked one (what is left, or done).
 */
export async function assignLeaverCustomers(deps: AppDeps, actor: Actor, input: { leaverId: number; customer: string; toUserId: number }): Promise<{ assigned: number; to: string; card: CardModel | null }> {
  const owners = createCustomerOwnerRepository(deps.db);
  const held = await owners.ownedBy(input.leaverId);
  const picked: OwnedCustomer[] = input.customer === ALL_CUSTOMERS ? held : held.filter((c) => String(c.id) === input.customer);
  if (picked.length === 0) throw refuse('CONFLICT', 'handover.error.nothingLeft');
  const to = await deps.org.getUser(input.toUserId);
  if (!to?.active) throw refuse('NOT_FOUND', 'handover.error.personUnknown', { name: String(input.toUserId) });
  assertMayReassign(actor, input.leaverId, to.id, { customer: picked[0]?.name ?? '', to: to.name });
  const leaver = (await deps.org.getUser(input.leaverId))?.name ?? '—';
  const today = businessDateOf(actor.now, deps.config.timezone);
  await inTransaction(deps.db, async () => {
    for (const customer of picked) {
      const moved = await owners.transfer(auditOf(actor), customer.id, { ownerUserId: to.id }, 'leaver');
      const steps = await createOpenNextStepQueries(deps.db).countForCustomer(customer.id, today);
      const params = { customer: customer.name, from: leaver, by: actor.user.name, deals: moved.length, steps };
      await notifyUser(deps, to.id, `leaver-assign:${customer.id}:${actor.now}`, { title: 'handover.notice.toTitle', body: 'handover.notice.toText', params });
    }
  });
  return { assigned: picked.length, to: to.name, card: await leaverHandoverCard(deps, actor.user.id, input.leaverId, actor.locale) };
}
