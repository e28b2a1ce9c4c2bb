import { asc, count } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { tablesOf } from '../../src/db/dialect.js';
import { createNextStepRepository } from '../../src/db/repositories/next-step-repository.js';
import { createOrgRepository } from '../../src/db/repositories/org-repository.js';
import { createOutboxStore } from '../../src/db/repositories/outbox-store.js';
import { createRecordRepository } from '../../src/db/repositories/record-repository.js';
import { ensureDefaultSalesChannels } from '../../src/db/repositories/sales-channel-repository.js';
import { createSurveyLinkRepository } from '../../src/db/repositories/survey-link-repository.js';
import type { Actor } from '../../src/features/actor.js';
import type { AppDeps } from '../../src/features/deps.js';
import { readJsonRows } from '../../src/features/imports/tabular.js';
import { completeNextStep, listMyNextSteps, rescheduleNextStep } from '../../src/features/next-steps/steps.js';
import { importOrg } from '../../src/features/org/import.js';
import { createCustomer } from '../../src/features/records/customers.js';
import { saveDeal } from '../../src/features/records/deals.js';
import { savePayment } from '../../src/features/records/payments.js';
import { undoEntry } from '../../src/features/records/undo.js';
import { saveVisit, updateVisit } from '../../src/features/records/visits.js';
import { createSurveyLink } from '../../src/features/surveys/survey-links.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { seedDemoActivity } from '../../src/seed/demo-activity.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { createTestDb } from '../helpers/test-app.js';
import { openFreshPgDb } from './app-db.js';

/**
 * Records, next steps, survey links and the demo seed on PostgreSQL, through the features the chat
 * and H5 doors call; the same journey runs on SQLite and both databases must end the same.
 */
const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const ZONE = 'Asia/Shanghai';

async function withOrg(db: Db): Promise<AppDeps> {
  const imported = await importOrg(db, readJsonRows(DEMO_ORG_ROWS), { now: NOW, actorUserId: null, source: 'cli' });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  await ensureDefaultSalesChannels(db, NOW);
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: 'test-admin-token-0123456789', SANDBOX_ENABLED: 'true' });
  const logger = pino({ level: 'silent' });
  const clock = () => NOW;
  const outbox = createOutbox({ store: createOutboxStore(db), channels: new Map(), clock, logger, settings: { maxAttempts: 3, leaseMs: 60_000, concurrency: 1 } });
  return { config, db, clock, logger, org: createOrgRepository(db), outbox, platforms: [] };
}

async function actorOf(deps: AppDeps, employeeNo: string): Promise<Actor> {
  const user = await deps.org.getUserByEmployeeNo(employeeNo);
  if (!user) throw new Error(`no user ${employeeNo}`);
  return { user, scope: await deps.org.dataScopeOf(user), locale: 'zh', source: 'h5', now: NOW };
}

/** Row counts of the record tables. */
async function counts(db: Db) {
  const t = tablesOf(db);
  const n = async (table: typeof t.visits | typeof t.deals | typeof t.payments | typeof t.customers | typeof t.satisfactionSurveys | typeof t.trainings) =>
    (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { customers: await n(t.customers), visits: await n(t.visits), deals: await n(t.deals), payments: await n(t.payments), surveys: await n(t.satisfactionSurveys), trainings: await n(t.trainings) };
}

async function auditTrail(db: Db) {
  const { auditLog } = tablesOf(db);
  const rows = await db.select({ action: auditLog.action, entity: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.id));
  return rows.filter((r) => ['visit', 'deal', 'deal_stage', 'payment', 'survey_link', 'customer'].includes(r.entity)).map((r) => r.action);
}

/** A rep's week: a customer, a visit with a next step, a 5万 deal, a payment, a survey link; an edit, an undo, a refusal. */
async function repJourney(db: Db) {
  const deps = await withOrg(db);
  const rep = await actorOf(deps, 'S101');
  const { customer } = await createCustomer(deps, rep, { values: { name: '华为技术有限公司', salesChannel: '直销', aliases: '华为' }, source: 'h5' });
  const customerId = customer!.id;

  const visit = await saveVisit(deps, rep, { customer: { id: customerId }, values: { visitDate: '2026-11-26', notes: '聊了预算', nextStep: '发报价', nextStepDue: '2026-11-30' }, source: 'h5' });
  const visitId = visit.record!.id;
  const deal = await saveDeal(deps, rep, { customer: { id: customerId }, values: { amount: '5万', wonOn: '2026-11-26' }, source: 'h5' });
  const payment = await savePayment(deps, rep, { customer: { id: customerId }, values: { amount: '2万', paidOn: '2026-11-27' }, source: 'h5' });
  const records = createRecordRepository(db);
  const paidBeforeUndo = (await records.wonDealsOf(customerId)).map((d) => ({ amountFen: d.amountFen, paidFen: d.paidFen }));

  const link = await createSurveyLink(deps, rep, { customer: customerId, contact: '李总' });
  const [stored] = await db.select().from(tablesOf(db).surveyLinks);
  const storedLink = await createSurveyLinkRepository(db).get(stored!.id);

  const stepsBefore = (await listMyNextSteps(deps, rep)).map((s) => s.visitId);
  await rescheduleNextStep(deps, rep, { visitId, date: '2026-12-02' });
  const rescheduled = await createNextStepRepository(db).get(visitId);
  await completeNextStep(deps, rep, { visitId });
  const stepsAfter = (await listMyNextSteps(deps, rep)).map((s) => s.visitId);

  const edited = await updateVisit(deps, rep, { id: visitId, values: { notes: '改了：确认预算' } });
  await undoEntry(deps, rep, { entryId: payment.entry.id });
  const paidAfterUndo = (await records.wonDealsOf(customerId)).map((d) => d.paidFen);

  const before = await counts(db);
  const refusal = await saveVisit(deps, rep, { customer: { id: customerId }, values: { visitDate: '2026-11-01', notes: '太早了' }, source: 'h5' }).then(
    () => 'saved',
    (error: Error) => error.message,
  );
  return {
    deal: { amountFen: deal.record!.amountFen, stage: deal.record!.stage },
    paymentFen: payment.record!.amountFen,
    paidBeforeUndo,
    paidAfterUndo,
    linkCustomer: link.customer.id === customerId,
    storedLink: { contact: storedLink?.contactName, answered: storedLink?.answeredAt, expiresIn: storedLink ? storedLink.expiresAt - storedLink.createdAt : null },
    stepsBefore: stepsBefore.includes(visitId),
    rescheduled: { due: rescheduled?.due, status: rescheduled?.status, customer: rescheduled?.customer },
    stepsAfter: stepsAfter.includes(visitId),
    editedNotes: edited.notes,
    references: await records.referencesToCustomer(customerId),
    refusal,
    unchangedByRefusal: JSON.stringify(await counts(db)) === JSON.stringify(before),
    counts: await counts(db),
    audit: await auditTrail(db),
  };
}

describe('records on PostgreSQL, through the features', () => {
  let pg: Awaited<ReturnType<typeof openFreshPgDb>>;
  let seeded: Awaited<ReturnType<typeof openFreshPgDb>>;
  const sqlite = createTestDb();
  const sqliteSeeded = createTestDb();
  beforeAll(async () => {
    pg = await openFreshPgDb('records');
    seeded = await openFreshPgDb('records_seed');
  });
  afterAll(async () => {
    await pg.close();
    await seeded.close();
    sqlite.cleanup();
    sqliteSeeded.cleanup();
  });

  it('saves, edits, undoes and refuses the way SQLite does: money in fen, audit rows, next steps', async () => {
    const onPg = await repJourney(pg.db);
    expect(onPg.deal).toEqual({ amountFen: 5_000_000, stage: 'won' });
    expect(onPg.paymentFen).toBe(2_000_000);
    expect(onPg.paidBeforeUndo).toEqual([{ amountFen: 5_000_000, paidFen: 2_000_000 }]);
    expect(onPg.paidAfterUndo).toEqual([0]);
    expect(onPg.linkCustomer).toBe(true);
    expect(onPg.storedLink).toEqual({ contact: '李总', answered: null, expiresIn: 14 * 24 * 3_600_000 });
    expect(onPg.stepsBefore).toBe(true);
    expect(onPg.rescheduled).toEqual({ due: '2026-12-02', status: 'rescheduled', customer: '华为技术有限公司' });
    expect(onPg.stepsAfter).toBe(false);
    expect(onPg.editedNotes).toBe('改了：确认预算');
    expect(onPg.references).toBe(2);
    expect(onPg.refusal).not.toBe('saved');
    expect(onPg.unchangedByRefusal).toBe(true);
    expect(onPg.counts).toMatchObject({ customers: 1, visits: 1, deals: 1, payments: 0 });
    expect(onPg.audit).toEqual(expect.arrayContaining(['customer.create', 'visit.create', 'visit.update', 'deal.create', 'payment.create', 'payment.undo', 'survey_link.create']));

    expect(onPg).toEqual(await repJourney(sqlite.db));
  });

  it('seeds the demo activity with the same rows as on SQLite', async () => {
    const seed = async (db: Db) => {
      await withOrg(db);
      const rows = await seedDemoActivity(db, NOW, ZONE);
      return { rows, counts: await counts(db), again: await seedDemoActivity(db, NOW, ZONE) };
    };
    const onPg = await seed(seeded.db);
    expect(onPg.rows).toBeGreaterThan(100);
    expect(onPg.again).toBe(0);
    expect(onPg).toEqual(await seed(sqliteSeeded.db));
  });
});
