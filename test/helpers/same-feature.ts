import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect } from 'vitest';
import { asc, getTableName, inArray } from 'drizzle-orm';
import { tablesOf } from '../../src/db/dialect.js';
import { seedCustomer } from './records.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * For the tests that drive one feature through two doors (H5 and chat) on two apps seeded alike:
 * what each app stored, with what differs by door or by row number only set aside.
 */
const DOOR_OR_ID = new Set(['id', 'entityId', 'createdAt', 'updatedAt', 'changedAt', 'at', 'source', 'submissionToken']);

export function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !DOOR_OR_ID.has(k)).map(([k, v]) => [k, stable(v)]));
  return value;
}

/**
 * The records, audit rows (of the given entities) and journal rows of an app, door and ids aside, in
 * id order (either database: each table is looked up by name among the app database's own tables).
 */
export async function storedRecords(t: TestApp, tables: SQLiteTable[], entities: string[]) {
  const own = Object.values(tablesOf(t.db)) as SQLiteTable[];
  const records = [];
  for (const table of tables) {
    const ownTable = own.find((candidate) => getTableName(candidate) === getTableName(table)) as SQLiteTable & { id: never };
    records.push(await t.db.select().from(ownTable).orderBy(asc(ownTable.id)));
  }
  const { auditLog, recordEntries } = tablesOf(t.db);
  return stable({
    records,
    audit: await t.db.select().from(auditLog).where(inArray(auditLog.entity, entities)).orderBy(asc(auditLog.id)),
    journal: await t.db.select().from(recordEntries).orderBy(asc(recordEntries.id)),
  });
}

/** The H5 answer and the chat answer are the same refusal: the same key, the same words. */
export function expectSameRefusal(h5: LightMyRequestResponse, chatText: string | undefined, key: string, status = 400) {
  expect(h5.statusCode, h5.body).toBe(status);
  expect(h5.json()).toMatchObject({ key });
  // A refused input reads "输入有误：…" in chat, a refused permission "没有权限：…"; a state refusal is its own sentence.
  const message = h5.json().message as string;
  expect(chatText).toBe(status === 400 ? `输入有误：${message}` : status === 403 ? `没有权限：${message}` : message);
}

/** Two apps seeded alike, each with 华为技术有限公司 (alias 华为, owned by S101) under the same id. */
export async function twinAppsWithCustomer(): Promise<{ h5App: TestApp; chatApp: TestApp; customerId: number }> {
  const [h5App, chatApp] = await Promise.all([createTestApp(), createTestApp()]);
  const [a, b] = await Promise.all([h5App, chatApp].map((t) => seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] })));
  expect(b?.id).toBe(a?.id);
  return { h5App, chatApp, customerId: a!.id };
}

/** twinAppsWithCustomer() fresh for each test of the calling describe, closed after it. */
export function useTwinApps(): { h5App: TestApp; chatApp: TestApp; customerId: number } {
  const twins = {} as { h5App: TestApp; chatApp: TestApp; customerId: number };
  beforeEach(async () => {
    Object.assign(twins, await twinAppsWithCustomer());
  });
  afterEach(async () => {
    await Promise.all([twins.h5App.close(), twins.chatApp.close()]);
  });
  return twins;
}
