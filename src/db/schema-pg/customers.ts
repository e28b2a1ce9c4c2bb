// The PostgreSQL twin of ../schema/customers.ts, whose comments describe the tables; test/unit/db/schema-parity.test.ts keeps them alike.
import { pgTable, text, integer, boolean, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { epochMs, timestamps, jsonb } from './columns.js';
import { departments, users } from './org.js';
import { RECORD_SOURCES } from '../../domain/records/vocabulary.js';

export { RECORD_SOURCES, type RecordSource } from '../../domain/records/vocabulary.js';

export const salesChannels = pgTable(
  'sales_channels',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('sales_channels_code_unique').on(t.code), uniqueIndex('sales_channels_name_unique').on(t.name)],
);

export const customers = pgTable(
  'customers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    salesChannelId: integer('sales_channel_id').references(() => salesChannels.id),
    region: text('region'),
    industry: text('industry'),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id),
    poolDepartmentId: integer('pool_department_id').references(() => departments.id),
    source: text('source', { enum: RECORD_SOURCES }).notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    confidential: boolean('confidential').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('customers_normalized_name_unique').on(t.normalizedName),
    index('customers_owner_idx').on(t.ownerUserId),
    index('customers_channel_idx').on(t.salesChannelId),
    index('customers_created_idx').on(t.createdAt),
  ],
);

export const customerAliases = pgTable(
  'customer_aliases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    normalizedAlias: text('normalized_alias').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [uniqueIndex('customer_aliases_normalized_unique').on(t.normalizedAlias), index('customer_aliases_customer_idx').on(t.customerId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('contacts_customer_idx').on(t.customerId), index('contacts_created_idx').on(t.createdAt)],
);
