import type { Db } from '../../src/db/client.js';
import { createCustomerRepository } from '../../src/db/repositories/customer-repository.js';
import { createOrgRepository } from '../../src/db/repositories/org-repository.js';
import { createSalesChannelRepository } from '../../src/db/repositories/sales-channel-repository.js';
import { asc, eq } from 'drizzle-orm';
import { tablesOf } from '../../src/db/dialect.js';
import { cardModelSchema, type CardAction, type CardModel } from '../../src/domain/card-model.js';
import { mapCardText, plainText } from '../../src/platforms/markdown-escape.js';
import { findButton, type SandboxMessage } from './sandbox-chat.js';

export async function userIdOf(db: Db, employeeNo: string): Promise<number> {
  const user = await createOrgRepository(db).getUserByEmployeeNo(employeeNo);
  if (!user) throw new Error(`no user ${employeeNo}`);
  return user.id;
}

/** A customer owned by the given employee, created the way an import would. */
export async function seedCustomer(db: Db, input: { name: string; owner: string; salesChannel?: string; aliases?: string[]; region?: string }) {
  const salesChannel = await createSalesChannelRepository(db).findByWord(input.salesChannel ?? '直销');
  return createCustomerRepository(db).create(
    { userId: null, source: 'import', now: Date.parse('2026-11-01T09:00:00+08:00') },
    {
      name: input.name,
      aliases: input.aliases ?? [],
      salesChannelId: salesChannel?.id ?? null,
      region: input.region ?? null,
      industry: null,
      ownerUserId: await userIdOf(db, input.owner),
      source: 'import',
    },
  );
}

export function cardOf(message: SandboxMessage | undefined): CardModel {
  if (!message || message.payload.type !== 'card') throw new Error(`expected a card, got ${JSON.stringify(message?.payload)}`);
  // Every card a command sends must be valid for every platform renderer.
  cardModelSchema.parse(message.payload.card);
  // As a person reads it: the user-text marks (src/domain/user-text.ts) removed.
  return mapCardText(message.payload.card, plainText);
}

export function formOf(card: CardModel) {
  const form = card.elements.find((e) => e.type === 'form');
  if (!form || form.type !== 'form') throw new Error(`card ${card.template} has no form`);
  const action: CardAction = { command: form.submit.action.command, args: form.submit.action.args ?? {} };
  return { ...form, submit: { ...form.submit, action } };
}

/** The audit rows of one entity kind, oldest first (either database). */
export async function auditRows(db: Db, entity: string) {
  const { auditLog } = tablesOf(db);
  return db.select().from(auditLog).where(eq(auditLog.entity, entity)).orderBy(asc(auditLog.id));
}

/** The record journal, oldest first (either database). */
export async function entryRows(db: Db) {
  const { recordEntries } = tablesOf(db);
  return db.select().from(recordEntries).orderBy(asc(recordEntries.id));
}

/** The action a button on the card sends, by (part of) its label. */
export function buttonAction(card: CardModel, label: string): CardAction {
  const button = findButton(card, label);
  return { command: button.action.command, args: button.action.args ?? {} };
}
