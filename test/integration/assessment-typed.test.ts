import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/dialect.js';
import { cardToText } from '../../src/domain/card-model.js';
import { admin, buttonAction, flush, latestCard, seedNovember, userIdOf } from '../helpers/assessment.js';
import { sandboxChat, type SandboxMessage } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** What a person reads in the bot's answer to a typed message. */
const answerOf = (messages: SandboxMessage[]): string =>
  messages.filter((m) => m.direction === 'out').map((m) => (m.payload.type === 'text' ? m.payload.text : cardToText(m.payload.card))).join('\n');

/**
 * The assessment steps typed instead of clicked (a DingTalk tenant with no card template has no
 * buttons that call back): 通过 / 驳回 by HR, 确认 / 申诉 by the rep, through the sandbox chat.
 */
describe('typed assessment commands', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await seedNovember(t.db);
    const run = await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
    expect(run.statusCode, run.body).toBe(200);
    await flush(t.app);
    const review = await latestCard(t.app, 'S100', 'assessment-review');
    expect((await sandboxChat(t.app, 'S100').click(review, buttonAction(review.card, '提交审批'))).toast?.kind).toBe('success');
    await flush(t.app);
  });
  afterEach(async () => t.close());

  const status = async () => (await queryRows<{ status: string }>(t.db, sql`SELECT a.status FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组'`))[0]!.status;
  const resultStatus = async (employeeNo: string) => (await queryRows<{ status: string }>(t.db, sql`SELECT status FROM assessment_results WHERE user_id = ${await userIdOf(t.db, employeeNo)}`))[0]!.status;

  it('通过 华东一组 2026-11 approves; then 确认 2026-11 acknowledges and 申诉 2026-11 理由 appeals', async () => {
    // A rep cannot approve by typing any more than by clicking.
    expect(answerOf(await sandboxChat(t.app, 'S101').say('通过 华东一组 2026-11'))).toContain('只有 HR 可以审批');
    expect(await status()).toBe('pending_approval');

    expect(answerOf(await sandboxChat(t.app, 'H001').say('通过 华东一组 2026-11'))).toContain('已通过');
    expect(await status()).toBe('approved');
    await flush(t.app);

    expect(answerOf(await sandboxChat(t.app, 'S101').say('确认 2026-11'))).toContain('已确认');
    expect(await resultStatus('S101')).toBe('acknowledged');

    expect(answerOf(await sandboxChat(t.app, 'S102').say('申诉 2026-11 回款额少算了一笔 3 万'))).toContain('申诉已提交');
    expect(await resultStatus('S102')).toBe('appealed');
    const [appeal] = await queryRows<{ reason: string }>(t.db, sql`SELECT reason FROM assessment_appeals`);
    expect(appeal!.reason).toBe('回款额少算了一笔 3 万');
    await flush(t.app);
    // The manager gets the appeal card, exactly as after a click on 申诉.
    expect(cardToText((await latestCard(t.app, 'S100', 'assessment-appeal')).card)).toContain('回款额少算了一笔 3 万');
  });

  it('驳回 华东一组 2026-11 理由 sends the review back to the manager with the reason', async () => {
    expect(answerOf(await sandboxChat(t.app, 'H001').say('驳回 华东一组 2026-11 请附客户证明'))).toContain('已驳回');
    expect(await status()).toBe('in_review');
    await flush(t.app);
    expect(cardToText((await latestCard(t.app, 'S100', 'assessment-review')).card)).toContain('请附客户证明');
  });

  it('answers how to type it when the period, the department or the reason is missing', async () => {
    const hr = sandboxChat(t.app, 'H001');
    expect(answerOf(await hr.say('通过 2026-11'))).toContain('通过 华东一组 2026-11');
    expect(answerOf(await hr.say('驳回 华东一组 2026-11'))).toContain('驳回 华东一组 2026-11 理由');
    expect(answerOf(await sandboxChat(t.app, 'S101').say('申诉 2026-11'))).toContain('申诉 2026-11 理由');
    expect(answerOf(await hr.say('通过 华南组 2026-11'))).toContain('考核不存在');
    expect(await status()).toBe('pending_approval');
  });

  it('the full help lists the typed commands each role may use: 确认 / 申诉 for the rep, 通过 / 驳回 for HR', async () => {
    const fullHelp = async (employeeNo: string) => {
      const chat = sandboxChat(t.app, employeeNo);
      const [reply] = await chat.say('帮助');
      if (reply?.payload.type !== 'card') throw new Error('help is a card');
      // The six most used first; the rest behind 全部命令.
      const all = await chat.click(reply, buttonAction(reply.payload.card, '全部命令'));
      return cardToText(all.card!);
    };
    const rep = await fullHelp('S101');
    for (const example of ['确认 2026-11', '申诉 2026-11 理由']) expect(rep).toContain(example);
    for (const hrOnly of ['通过 华东一组 2026-11', '驳回 华东一组 2026-11 理由']) expect(rep).not.toContain(hrOnly);
    const hr = await fullHelp('H001');
    for (const example of ['通过 华东一组 2026-11', '驳回 华东一组 2026-11 理由']) expect(hr).toContain(example);
  });
});

describe('paging a card', () => {
  it('上一页 / 下一页 go through the normal card-action path and answer with the card at that page', async () => {
    const t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    try {
      await seedNovember(t.db);
      await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
      await flush(t.app);
      const review = await latestCard(t.app, 'S100', 'assessment-review');
      const submit = buttonAction(review.card, '提交审批');
      const paged = await sandboxChat(t.app, 'S100').click(review, { command: 'assessment.reviewPage', args: { id: submit.args.id as string, v: submit.args.v as string, page: '1' } });
      expect(paged.toast).toBeUndefined();
      expect(paged.card?.title).toBe(review.card.title);
      expect(cardToText(paged.card!)).toContain('张三');
      // A rep cannot page through their manager's review.
      const stranger = await sandboxChat(t.app, 'S101').click(undefined, { command: 'assessment.reviewPage', args: { id: submit.args.id as string, v: '1', page: '0' } });
      expect(stranger.toast?.kind).toBe('error');
    } finally {
      await t.close();
    }
  });
});
