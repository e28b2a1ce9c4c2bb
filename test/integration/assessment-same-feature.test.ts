import type { LightMyRequestResponse } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/dialect.js';
import type { CardModel } from '../../src/domain/card-model.js';
import { admin, buttonAction, flush, latestCard, seedNovember, userIdOf } from '../helpers/assessment.js';
import { sandboxChat, type SandboxMessage } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin } from '../helpers/web-session.js';

/**
 * Every H5 write route of the assessment cycle and its chat card action call the same feature
 * (src/features/assessment): for the same wrong person both doors give the same refusal and change
 * nothing; for the same input they store the same rows and the same audit rows (only the audit's
 * source differs: sandbox or h5). Each door runs on its own app, brought to the same state the same
 * way, on the same fixed clock (1 December 2026, November just closed).
 */
type Stage = 'in_review' | 'pending_approval' | 'published' | 'appealed';
const STAGES: Stage[] = ['in_review', 'pending_approval', 'published', 'appealed'];

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

const all = (db: Db, query: SQL) => queryRows<Record<string, unknown>>(db, query);

/** What the cycle stores: the rows of the cycle, the audit log, and the sends queued (card updates apart). */
async function stored(db: Db) {
  return {
    assessments: await all(db, sql`SELECT * FROM assessments ORDER BY id`),
    results: await all(db, sql`SELECT * FROM assessment_results ORDER BY id`),
    appeals: await all(db, sql`SELECT * FROM assessment_appeals ORDER BY id`),
    cards: await all(db, sql`SELECT assessment_id, result_id, kind, user_id, platform, idempotency_key, assessment_version FROM assessment_cards ORDER BY id`),
    audit: await all(db, sql`SELECT at, actor_user_id, source, action, entity, entity_id, before, after FROM audit_log ORDER BY id`),
    sends: await all(db, sql`SELECT idempotency_key, target, payload FROM outbox WHERE idempotency_key NOT LIKE 'assessment:update:%' ORDER BY idempotency_key`),
  };
}
const updates = async (db: Db) => (await all(db, sql`SELECT idempotency_key AS key FROM outbox WHERE idempotency_key LIKE 'assessment:update:%'`)).map((r) => r.key as string);

/**
 * A fresh app with November's assessment of 华东一组 brought to `stage` through the chat; `breach`:
 * the admin first raises the D minimum to 100%, so approving takes an acknowledgement.
 */
async function appAt(stage: Stage, breach = false): Promise<TestApp> {
  const t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
  apps.push(t);
  await seedNovember(t.db);
  if (breach) expect((await (await devLogin(t.app, 'A001')).put('/api/admin/distribution-rules', { minBottomPercent: 100 })).statusCode).toBe(200);
  expect((await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' })).statusCode).toBe(200);
  await flush(t.app);
  const reached = STAGES.indexOf(stage);
  if (reached >= 1) await click(t, 'S100', await latestCard(t.app, 'S100', 'assessment-review'), '提交审批');
  if (reached >= 2) await click(t, 'H001', await eastApproval(t, 'H001'), '通过');
  if (reached >= 3) {
    const result = await latestCard(t.app, 'S102', 'assessment-result');
    const form = await click(t, 'S102', result, '申诉');
    await click(t, 'S102', result, '提交申诉', { reason: '11 月 28 日的回款漏算了', indicator: 'payments_collected' }, form.card);
  }
  return t;
}

async function eastApproval(t: TestApp, employeeNo: string): Promise<SandboxMessage & { card: CardModel }> {
  const found = (await sandboxChat(t.app, employeeNo).transcript()).filter((m) => m.payload.type === 'card' && m.payload.card.template === 'assessment-approval' && m.payload.card.title.includes('华东一组')).at(-1);
  expect(found).toBeDefined();
  return { ...(found as SandboxMessage), card: (found as { payload: { card: CardModel } }).payload.card };
}

/** `employeeNo` clicks `label` on a card (its own message, or another's card forwarded: no message); delivers what it queued. */
async function click(t: TestApp, employeeNo: string, message: SandboxMessage & { card: CardModel }, label: string, form: Record<string, string> = {}, onCard: CardModel = message.card, own = true) {
  const out = await sandboxChat(t.app, employeeNo).click(own ? message : undefined, buttonAction(onCard, label), form);
  await flush(t.app);
  return out;
}

const firstRow = async <T>(t: TestApp, query: SQL) => (await queryRows<T>(t.db, query))[0]!;
const eastId = async (t: TestApp) => (await firstRow<{ id: number }>(t, sql`SELECT a.id FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组'`)).id;
const resultId = async (t: TestApp, employeeNo: string) => (await firstRow<{ id: number }>(t, sql`SELECT id FROM assessment_results WHERE user_id = ${await userIdOf(t.db, employeeNo)}`)).id;
const appealId = async (t: TestApp) => (await firstRow<{ id: number }>(t, sql`SELECT id FROM assessment_appeals`)).id;
const version = async (t: TestApp) => (await firstRow<{ version: number }>(t, sql`SELECT version FROM assessments WHERE id = ${await eastId(t)}`)).version;

interface Door {
  /** Through the card `employeeNo` acts on (own: their copy; not own: someone else's, forwarded). */
  chat(t: TestApp, employeeNo: string, own: boolean): Promise<{ toast?: { kind: string; text: string } }>;
  page(t: TestApp, employeeNo: string): Promise<LightMyRequestResponse>;
}

const ADJUST = { points: '+3', reason: '大客户攻坚' };
const REJECT_REASON = '张三的调整需附客户证明';
const APPEAL = { reason: '11 月 28 日的回款漏算了', indicator: 'payments_collected' };
const RESOLVE = { outcome: 'adjust', points: '+2', reason: '补算回款' };
const SEND_BACK_REASON = '张三的调整缺少依据';
const ACKNOWLEDGEMENT = '本组本月整体达标，D 级要求不适用';

/** HR opens the approval card's reason form (`opens`: 驳回 or 通过 outside the distribution; nothing stored); `who` submits it. */
async function onApprovalForm(t: TestApp, opens: string, who: string, submit: string, form: Record<string, string>, own: boolean) {
  const card = await eastApproval(t, 'H001');
  const opened = await sandboxChat(t.app, 'H001').click(card, buttonAction(card.card, opens));
  return click(t, who, card, submit, form, opened.card, own);
}

/** Each write route, its chat action, the stage it acts on, who may, and a wrong person. */
const ROUTES: { name: string; stage: Stage; breach?: boolean; right: string; wrong: string; door: Door }[] = [
  {
    name: 'adjust',
    stage: 'in_review',
    right: 'S100',
    wrong: 'S200',
    door: {
      chat: async (t, who, own) => click(t, who, await latestCard(t.app, 'S100', 'assessment-review'), '保存调整', { rep: String((await userIdOf(t.db, 'S101'))), ...ADJUST }, undefined, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/adjust`, { repUserId: (await userIdOf(t.db, 'S101')), ...ADJUST }),
    },
  },
  {
    name: 'submit',
    stage: 'in_review',
    right: 'S100',
    wrong: 'S200',
    door: {
      chat: async (t, who, own) => click(t, who, await latestCard(t.app, 'S100', 'assessment-review'), '提交审批', {}, undefined, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/submit`, { version: await version(t) }),
    },
  },
  {
    name: 'approve',
    stage: 'pending_approval',
    right: 'H001',
    wrong: 'S100',
    door: {
      chat: async (t, who, own) => click(t, who, await eastApproval(t, 'H001'), '通过', {}, undefined, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/decision`, { version: await version(t), decision: 'approve' }),
    },
  },
  {
    name: 'reject',
    stage: 'pending_approval',
    right: 'H001',
    wrong: 'S101',
    door: {
      chat: async (t, who, own) => {
        const card = await eastApproval(t, 'H001');
        // H001 opens the reason form (nothing stored); whoever acts submits it.
        const form = await sandboxChat(t.app, 'H001').click(card, buttonAction(card.card, '驳回'));
        return click(t, who, card, '确认驳回', { reason: REJECT_REASON }, form.card, own);
      },
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/decision`, { version: await version(t), decision: 'reject', reason: REJECT_REASON }),
    },
  },
  {
    name: 'withdraw',
    stage: 'pending_approval',
    right: 'S100',
    wrong: 'S200',
    door: {
      chat: async (t, who, own) => click(t, who, await latestCard(t.app, 'S100', 'assessment-review'), '撤回', {}, undefined, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/withdraw`, { version: await version(t) }),
    },
  },
  {
    name: 'send-back',
    stage: 'pending_approval',
    right: 'H001',
    wrong: 'S101',
    door: {
      chat: async (t, who, own) => onApprovalForm(t, '驳回', who, '确认驳回', { reason: SEND_BACK_REASON, rep: String((await userIdOf(t.db, 'S101'))) }, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/decision`, { version: await version(t), decision: 'send-back', repUserIds: [(await userIdOf(t.db, 'S101'))], reason: SEND_BACK_REASON }),
    },
  },
  {
    name: 'approve outside the distribution',
    stage: 'pending_approval',
    breach: true,
    right: 'H001',
    wrong: 'S100',
    door: {
      chat: async (t, who, own) => onApprovalForm(t, '通过', who, '确认通过', { acknowledgement: ACKNOWLEDGEMENT }, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessments/${await eastId(t)}/decision`, { version: await version(t), decision: 'approve', acknowledgement: ACKNOWLEDGEMENT }),
    },
  },
  {
    name: 'acknowledge',
    stage: 'published',
    right: 'S101',
    wrong: 'S102',
    door: {
      chat: async (t, who, own) => click(t, who, await latestCard(t.app, 'S101', 'assessment-result'), '确认', {}, undefined, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessment-results/${await resultId(t, 'S101')}/acknowledge`, {}),
    },
  },
  {
    name: 'appeal',
    stage: 'published',
    right: 'S102',
    wrong: 'S101',
    door: {
      chat: async (t, who, own) => {
        const result = await latestCard(t.app, 'S102', 'assessment-result');
        const form = await sandboxChat(t.app, 'S102').click(result, buttonAction(result.card, '申诉'));
        return click(t, who, result, '提交申诉', APPEAL, form.card, own);
      },
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/assessment-results/${await resultId(t, 'S102')}/appeal`, { reason: APPEAL.reason, indicatorKey: APPEAL.indicator }),
    },
  },
  {
    name: 'resolve',
    stage: 'appealed',
    right: 'H001',
    wrong: 'S200',
    door: {
      chat: async (t, who, own) => click(t, who, await latestCard(t.app, 'H001', 'assessment-appeal'), '处理申诉', RESOLVE, undefined, own),
      page: async (t, who) => (await devLogin(t.app, who)).post(`/api/appeals/${await appealId(t)}/resolve`, RESOLVE),
    },
  },
];

describe('the H5 routes and the chat cards of the assessment cycle call the same features', () => {
  it.each(ROUTES)('$name: the same refusal for $wrong through both doors, nothing stored', async ({ stage, breach, wrong, door }) => {
    const t = await appAt(stage, breach);
    const before = await stored(t.db);
    const chat = await door.chat(t, wrong, false);
    const page = await door.page(t, wrong);
    expect(page.statusCode, page.body).toBe(403);
    // Chat names the kind of refusal first (没有权限：), the H5 shows it beside the action.
    expect(chat.toast).toEqual({ kind: 'error', text: `没有权限：${page.json().message as string}` });
    expect(await stored(t.db)).toEqual(before);
  });

  it('approve outside the distribution without an acknowledgement: the same refusal through both doors, nothing stored', async () => {
    const t = await appAt('pending_approval', true);
    const before = await stored(t.db);
    const card = await eastApproval(t, 'H001');
    const chat = await click(t, 'H001', card, '通过');
    const page = await (await devLogin(t.app, 'H001')).post(`/api/assessments/${await eastId(t)}/decision`, { version: await version(t), decision: 'approve' });
    expect(page.statusCode, page.body).toBe(400);
    // The chat asks on the card (a warning with the reason form) where the page answers 400: the same words.
    expect(chat.toast).toEqual({ kind: 'warning', text: page.json().message });
    expect(await stored(t.db)).toEqual(before);
  });

  it.each(ROUTES)('$name: the same rows and audit rows for the same input through both doors', async ({ stage, breach, right, door }) => {
    const [viaChat, viaPage] = await Promise.all([appAt(stage, breach), appAt(stage, breach)]);
    const before = await stored(viaChat.db);
    expect(await stored(viaPage.db)).toEqual(before);

    expect((await door.chat(viaChat, right, true)).toast?.kind).toBe('success');
    const page = await door.page(viaPage, right);
    expect(page.statusCode, page.body).toBe(200);
    await flush(viaPage.app);

    const [chatRows, pageRows] = [await stored(viaChat.db), await stored(viaPage.db)];
    const added = (rows: typeof chatRows) => rows.audit.slice(before.audit.length);
    expect(added(chatRows).length).toBeGreaterThan(0);
    expect(new Set(added(chatRows).map((r) => r.source))).toEqual(new Set(['sandbox']));
    expect(new Set(added(pageRows).map((r) => r.source))).toEqual(new Set(['h5']));
    const sameSource = (rows: typeof chatRows) => ({ ...rows, audit: rows.audit.map((r) => ({ ...r, source: r.source === 'h5' ? 'sandbox' : r.source })) });
    expect(sameSource(pageRows)).toEqual(sameSource(chatRows));
    // Copies replaced: the page updates every copy; the chat all but the clicked one, which its answer replaces.
    const [chatUpdates, pageUpdates] = [await updates(viaChat.db), await updates(viaPage.db)];
    expect(pageUpdates).toEqual(expect.arrayContaining(chatUpdates));
    expect(pageUpdates.length - chatUpdates.length).toBeLessThanOrEqual(1);
  });
});
