import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { tablesOf, type Tables } from '../../../src/db/dialect.js';
import { splitCommandWord } from '../../../src/domain/commands/normalise.js';
import { businessDateOf } from '../../../src/domain/records/business-date.js';
import { complaintEntry } from '../../../src/domain/records/entries/complaint.js';
import { contactEntry } from '../../../src/domain/records/entries/contact.js';
import { dealEntry } from '../../../src/domain/records/entries/deal.js';
import type { EntryParser } from '../../../src/domain/records/entries/entry-parser.js';
import { opportunityEntry } from '../../../src/domain/records/entries/opportunity.js';
import { paymentEntry } from '../../../src/domain/records/entries/payment.js';
import { surveyEntry } from '../../../src/domain/records/entries/survey.js';
import { trainingEntry } from '../../../src/domain/records/entries/training.js';
import { visitEntry } from '../../../src/domain/records/entries/visit.js';
import { t as translate } from '../../../src/i18n/index.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { fuzzText } from '../../unit/domain/commands/fuzz-inputs.js';

/** The record commands' words (src/bot/commands/*) and the parsers behind them. */
const PARSERS: Record<string, EntryParser<unknown>> = {
  拜访: visitEntry as EntryParser<unknown>,
  visit: visitEntry as EntryParser<unknown>,
  成交: dealEntry as EntryParser<unknown>,
  回款: paymentEntry as EntryParser<unknown>,
  商机: opportunityEntry as EntryParser<unknown>,
  满意度: surveyEntry as EntryParser<unknown>,
  投诉: complaintEntry as EntryParser<unknown>,
  培训: trainingEntry as EntryParser<unknown>,
  联系人: contactEntry as EntryParser<unknown>,
};
const TABLES = ['visits', 'deals', 'payments', 'contacts', 'satisfactionSurveys', 'complaints', 'trainings', 'customers', 'customerAliases', 'recordEntries'] as const;
type TableWithId = SQLiteTable & { id: AnySQLiteColumn };

/**
 * ~300 generated chat messages through the whole bot (sandbox door, pipeline, features, database):
 * none answers with a 5xx or an internal error, and a message writes rows only when its text parses
 * as a valid entry, the stored record carrying what was parsed.
 */
describe('chat pipeline fuzz', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
    await seedCustomer(t.db, { name: '腾讯科技', owner: 'S201', aliases: ['腾讯'] });
  });
  afterAll(async () => t.close());

  const counts = async (): Promise<Record<(typeof TABLES)[number], number>> => {
    const tables = tablesOf(t.db);
    const entries = await Promise.all(TABLES.map(async (name) => [name, (await t.db.select({ n: count() }).from(tables[name] as SQLiteTable))[0]?.n ?? 0] as const));
    return Object.fromEntries(entries) as Record<(typeof TABLES)[number], number>;
  };
  const internalError = [translate('zh', 'common.internalError'), translate('en', 'common.internalError')];
  const message = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(PARSERS), '签单', '/deal', '收款', 'csat', '/opp'), fuzzText(8)).map(([word, rest]) => `${word} ${rest}`) },
    { weight: 1, arbitrary: fuzzText(10) },
    // Valid entries in every run, so the "writes only what parsed" check is never vacuous by chance.
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('拜访 华为 聊了采购计划', '投诉 华为 交付延迟', '回款 华为 3万'), fc.nat(999)).map(([text, n]) => `${text}${n}`) },
  );

  it('answers every message, and writes only what a valid entry parsed to (300 runs)', async () => {
    let eventNo = 0;
    let wrote = 0;
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const before = await counts();
        eventNo += 1;
        const res = await t.app.inject({ method: 'POST', url: '/sandbox/api/messages', payload: { employeeNo: 'S101', text, eventId: `fuzz-${eventNo}` } });
        expect(res.statusCode, `${text}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode !== 200) return; // a refused body (too long, say) is a 4xx that stores nothing
        for (const reply of internalError) expect(res.body, text).not.toContain(reply);
        const after = await counts();
        if (JSON.stringify(after) === JSON.stringify(before)) return;
        // Something was written: it must be exactly one entry that the parser accepts.
        wrote += 1;
        expect(after.recordEntries, `${text} wrote without an entry`).toBe(before.recordEntries + 1);
        const { word, rest } = splitCommandWord(text);
        const parser = PARSERS[word] ?? PARSERS[{ 签单: '成交', '/deal': '成交', 收款: '回款', csat: '满意度', '/opp': '商机' }[word] ?? ''];
        expect(parser, `${text} wrote through "${word}"`).toBeDefined();
        const parsed = parser!.parseText(rest, { today: businessDateOf(t.clock.now, t.config.timezone), maxAmountFen: t.config.maxAmountFen });
        expect(parsed.ok, `${text} wrote but does not parse`).toBe(true);
        const { recordEntries } = tablesOf(t.db);
        const entry = (await t.db.select().from(recordEntries).orderBy(desc(recordEntries.id)).limit(1))[0]!;
        expect(entry.kind).toBe(parser!.kind);
        const table = tablesOf(t.db)[entityTable(entry.entity)] as TableWithId;
        const row = (await t.db.select().from(table).where(eq(table.id, entry.entityId)))[0] as Record<string, unknown>;
        const draft = (parsed as { value: Record<string, unknown> }).value;
        for (const key of STORED) {
          if (key in draft && draft[key] !== null && key in row) expect(row[key], `${text}: ${key}`).toEqual(draft[key]);
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: some generated messages were valid entries and were stored.
    expect(wrote).toBeGreaterThan(0);
  }, 240_000);
});

/** Draft fields stored under the same name (the table's column property). */
const STORED = ['visitDate', 'amountFen', 'wonOn', 'paidOn', 'surveyedOn', 'trainedOn', 'notes', 'score', 'nps'];

function entityTable(entity: string): keyof Tables {
  const tables: Record<string, keyof Tables> = { visit: 'visits', deal: 'deals', payment: 'payments', contact: 'contacts', satisfaction_survey: 'satisfactionSurveys', complaint: 'complaints', training: 'trainings', customer: 'customers' };
  const table = tables[entity];
  if (!table) throw new Error(`unknown entity ${entity}`);
  return table;
}
