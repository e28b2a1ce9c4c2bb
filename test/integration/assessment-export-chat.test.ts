import type { Channel } from '../../src/platforms/channel.js';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/dialect.js';
import { cardToText, type CardModel } from '../../src/domain/card-model.js';
import { approveNovemberEastTeam, buttonAction, flush } from '../helpers/assessment.js';
import { replyText, sandboxChat, type SandboxMessage } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { approvedResults, readDepartmentSheet } from '../helpers/workbook.js';

type FileMessage = { type: 'file'; file: { id: number; name: string; mimeType: string; size: number; url: string } };

const fileOf = (messages: SandboxMessage[]) => messages.map((m) => m.payload as unknown as FileMessage).filter((p) => p.type === 'file');
const textsOf = (messages: SandboxMessage[]) => messages.filter((m) => m.payload.type === 'text').map((m) => replyText(m));

describe('导出: the approved assessment results as a file in the sandbox chat', () => {
  let t: TestApp;
  const storedFiles = async () => (await queryRows<{ n: number }>(t.db, sql`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM sandbox_files`))[0]!.n;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    await approveNovemberEastTeam(t.app, t.db);
  });
  afterEach(async () => t.close());

  it('HR gets an .xlsx file whose numbers are the approved results, downloadable from the sandbox page', async () => {
    const messages = await sandboxChat(t.app, 'H001').say('导出 2026-11');
    const [file] = fileOf(messages);
    expect(file).toMatchObject({ file: { name: 'assessment-2026-11.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    // The answer comes first; the file follows once the event's transaction has committed.
    expect(textsOf(messages)).toEqual(['正在发送 2026-11 考核结果文件（1 个部门，5 人），请稍候：assessment-2026-11.xlsx']);

    const download = await t.app.inject({ method: 'GET', url: file!.file.url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('assessment-2026-11.xlsx');
    expect(download.rawPayload.length).toBe(file!.file.size);
    const { sheets, rows } = await readDepartmentSheet(download.rawPayload, '华东一组');
    // Only approved departments: 华南二组 is still awaiting its review.
    expect(sheets).toEqual(['华东一组', '绩效工资']); // the payroll sheet comes last (issue 18)
    const expected = await approvedResults(t.db, '2026-11', '华东一组');
    // 王经理 (S100) leads the team: their own result waits for 销售部's review, one level up.
    expect(expected.map((r) => r.employeeNo)).toEqual(['S101', 'S102', 'S103', 'S104', 'S105']);
    expect(rows).toEqual(expected);
    // Different months gave different totals: the comparison is not between equal rows.
    expect(new Set(rows.map((r) => r.total)).size).toBeGreaterThanOrEqual(5);

    const page = await t.app.inject({ method: 'GET', url: '/sandbox' });
    expect(page.body).toContain("p.type === 'file'");
  });

  it('admins may use the English slash form; a redelivered event sends one file', async () => {
    const first = await sandboxChat(t.app, 'A001').say('/export 2026-11', 'evt-export-1');
    expect(fileOf(first)).toHaveLength(1);
    const again = await sandboxChat(t.app, 'A001').say('/export 2026-11', 'evt-export-1');
    expect(again).toEqual([]);
    expect(await storedFiles()).toBe(1);
  });

  it('on a channel that cannot send files, HR is pointed to the admin download (no link, no token)', async () => {
    const sandbox = t.app.platformChannels.get('sandbox') as Channel;
    delete sandbox.sendFile;
    const messages = await sandboxChat(t.app, 'H001').say('导出 2026-11');
    expect(fileOf(messages)).toEqual([]);
    expect(textsOf(messages)).toEqual(['当前平台不支持机器人发送文件。2026-11 考核结果 Excel 可由 HR 在管理后台下载（考核导出）。']);
    expect(textsOf(messages).join()).not.toContain(t.config.adminToken);
    expect(await storedFiles()).toBe(0);
  });

  it('a rep or a manager is refused and no file is made', async () => {
    for (const employeeNo of ['S101', 'S100']) {
      const messages = await sandboxChat(t.app, employeeNo).say('导出 2026-11');
      expect(textsOf(messages)).toEqual(['你没有权限执行此操作。']);
      expect(fileOf(messages)).toEqual([]);
    }
    expect(await storedFiles()).toBe(0);
  });

  it('a period without approved results, a malformed period and no period get clear answers', async () => {
    const hr = sandboxChat(t.app, 'H001');
    expect(textsOf(await hr.say('导出 2026-10'))).toEqual(['2026-10 没有已审批的考核结果，无法导出。已审批的期间：2026-11']);
    expect(textsOf(await hr.say('导出 2026-13'))).toEqual(['输入有误：期间格式应为 YYYY-MM，例如 2026-11']);
    expect(await storedFiles()).toBe(0);
  });

  it('导出 alone lists the approved periods on a card; its 导出 Excel button sends the file after the click is answered', async () => {
    const hr = sandboxChat(t.app, 'H001');
    const [message] = await hr.say('导出');
    expect(message?.payload.type).toBe('card');
    const card = (message!.payload as { card: CardModel }).card;
    expect(card.template).toBe('assessment-export');
    expect(cardToText(card)).toMatch(/2026-11\*{0,2} · 1 个部门 · 5 人/);
    const out = await hr.click(message, buttonAction(card, '导出 Excel'));
    expect(out.toast).toEqual({ kind: 'success', text: '正在发送 2026-11 考核结果文件（1 个部门，5 人），请稍候：assessment-2026-11.xlsx' });
    // The click was answered from local data; the file is delivered after the answer, through the outbox.
    await flush(t.app);
    const [file] = fileOf(await hr.transcript());
    const download = await t.app.inject({ method: 'GET', url: file!.file.url });
    expect((await readDepartmentSheet(download.rawPayload, '华东一组')).rows).toEqual(await approvedResults(t.db, '2026-11', '华东一组'));
    // A rep clicking the same button is refused.
    expect((await sandboxChat(t.app, 'S101').click(undefined, buttonAction(card, '导出 Excel'))).toast).toEqual({ kind: 'error', text: '你没有权限执行此操作。' });
    expect(await storedFiles()).toBe(1);
  });

  it('a period generated but not yet approved cannot be exported', async () => {
    const fresh = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
    try {
      const run = await fresh.app.inject({ method: 'POST', url: '/admin/jobs/assessment/run', headers: { authorization: `Bearer ${fresh.config.adminToken}` }, payload: { period: '2026-11' } });
      expect(run.statusCode).toBe(200);
      expect(textsOf(await sandboxChat(fresh.app, 'H001').say('导出 2026-11'))).toEqual(['2026-11 没有已审批的考核结果，无法导出。已审批的期间：（暂无）']);
      expect(textsOf(await sandboxChat(fresh.app, 'H001').say('导出'))).toEqual(['请写明期间，例如：导出 2026-11。已审批可导出的期间：（暂无）']);
    } finally {
      await fresh.close();
    }
  });
});
