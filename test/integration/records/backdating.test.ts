import { afterEach, describe, expect, it } from 'vitest';
import { approveNovemberEastTeam } from '../../helpers/assessment.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

/** Back-dating is bounded: BACKDATE_DAYS (7) calendar days in Asia/Shanghai, never into a locked period. */
describe('back-dated entries', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  const visitCount = async () => (await rowsInIdOrder(t.db, 'visits')).length;

  async function start(now: string) {
    t = await createTestApp({ now });
    const customerId = (await seedCustomer(t.db,{ name: '华为技术有限公司',owner: 'S101',aliases: ['华为'] })).id;
    await seedCustomer(t.db, { name: '腾讯科技', owner: 'S100', aliases: ['腾讯'] });
    return customerId;
  }

  it('across a month boundary: 7 days back is accepted, 8 refused with the message, in chat and from H5', async () => {
    const customerId = await start('2026-12-03T10:00:00+08:00');
    const chat = sandboxChat(t.app, 'S101');
    expect(replyText((await chat.say('拜访 华为 11月26日 聊了预算'))[0]!)).toContain('已记录拜访');
    expect(await visitCount()).toBe(1);
    const [refused] = await chat.say('拜访 华为 11月25日 聊了预算');
    expect(replyText(refused!)).toBe('输入有误：日期 2026-11-25 太早了（最多补录 7 天内的记录）。如需更正，请由主管或 HR 填写原因，作为锁定后更正录入');
    expect(await visitCount()).toBe(1);

    const rep = await devLogin(t.app, 'S101');
    expect((await rep.post('/api/visits', { customerId, visitDate: '2026-11-26' })).statusCode).toBe(201);
    const old = await rep.post('/api/visits', { customerId, visitDate: '2026-11-25' });
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect(old.json().message).toContain('2026-11-25');
    // A rep's reason does not make it a correction: only HR and managers may.
    expect((await rep.post('/api/visits', { customerId, visitDate: '2026-11-25', correctionReason: '忘记记了' })).statusCode).toBe(400);
    expect(await visitCount()).toBe(2);
  });

  it('on 1 January (ISO week 2026-W53, still 31 December in UTC) the bound counts back into last year', async () => {
    const customerId = await start('2027-01-01T00:30:00+08:00');
    const chat = sandboxChat(t.app, 'S101');
    expect(replyText((await chat.say('拜访 华为 2026-12-25 年终拜访'))[0]!)).toContain('日期: 2026-12-25');
    expect(replyText((await chat.say('拜访 华为 2026-12-24 年终拜访'))[0]!)).toContain('日期 2026-12-24 太早了');
    const rep = await devLogin(t.app, 'S101');
    expect((await rep.post('/api/visits', { customerId, visitDate: '2026-12-25' })).statusCode).toBe(201);
    expect((await rep.post('/api/visits', { customerId, visitDate: '2026-12-24' })).statusCode).toBe(400);
    expect((await rowsInIdOrder(t.db, 'visits')).map((v) => v.visitDate)).toEqual(['2026-12-25', '2026-12-25']);
  });

  it('refuses a date in an approved (locked) period even within the bound, naming the correction path', async () => {
    const customerId = await start('2026-12-01T08:00:00+08:00');
    await approveNovemberEastTeam(t.app, t.db);
    const before = await visitCount();
    const [refused] = await sandboxChat(t.app, 'S101').say('拜访 华为 11月30日 补录');
    expect(replyText(refused!)).toContain('日期 2026-11-30 所在的考核周期 2026-11 已审批锁定');
    const rep = await devLogin(t.app, 'S101');
    const locked = await rep.post('/api/visits', { customerId, visitDate: '2026-11-30' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ error: 'INVALID_STATE' });
    expect(await visitCount()).toBe(before);
    // December is open.
    expect((await rep.post('/api/visits', { customerId, visitDate: '2026-12-01' })).statusCode).toBe(201);
  });

  it('lets a manager enter a back-dated entry with a reason, as an audited post-lock correction', async () => {
    await start('2026-12-03T10:00:00+08:00');
    const manager = await devLogin(t.app, 'S100');
    const customerId = (await rowsInIdOrder(t.db, 'customers')).find((c) => c.name === '腾讯科技')!.id;
    expect((await manager.post('/api/visits', { customerId, visitDate: '2026-11-20' })).statusCode).toBe(400);
    const corrected = await manager.post('/api/visits', { customerId, visitDate: '2026-11-20', correctionReason: '出差期间漏记' });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const audit = (await auditRows(t.db, 'visit')).find((r) => r.action === 'record.post_lock_correction');
    expect(audit).toMatchObject({ entityId: String(corrected.json().visit.id), after: { date: '2026-11-20', reason: '出差期间漏记' } });
  });
});
