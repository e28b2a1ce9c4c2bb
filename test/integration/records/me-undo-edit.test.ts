import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { auditRows, buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

describe('我的 / 撤销 / 编辑 through the sandbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  it('我的 sums this week only (Mon 11-23 .. Sun 11-29)', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('拜访 华为 周一 演示');
    await chat.say('拜访 华为 上周五 初次拜访');
    await chat.say('成交 华为 5万');
    await chat.say('回款 华为 2万');
    await chat.say('培训 产品知识 1.5小时');
    const [reply] = await chat.say('我的');
    const text = replyText(reply!);
    expect(text).toContain('我的本周记录（2026-11-23 ~ 2026-11-29）');
    expect(text).toContain('拜访 1 次 · 成交 1 单 ¥50,000.00 · 回款 ¥20,000.00 · 进行中商机 0 个 · 培训 1.5 小时');
    expect(text).toContain('2026-11-23 华为技术有限公司 上门 演示');
    expect(text).not.toContain('初次拜访');
  });

  it('撤销 removes my last entry, then the one before; the audit keeps what was there', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('拜访 华为 第一次');
    await chat.say('拜访 华为 第二次');
    const [undone] = await chat.say('撤销');
    expect(replyText(undone!)).toBe('已撤销拜访：华为技术有限公司 2026-11-27 上门');
    expect((await rowsInIdOrder(t.db, 'visits')).map((v) => v.notes)).toEqual(['第一次']);
    await chat.say('撤销');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
    const [nothing] = await chat.say('撤销');
    expect(replyText(nothing!)).toContain('没有可撤销的记录');
    expect((await auditRows(t.db, 'visit')).map((r) => r.action)).toEqual(['visit.create', 'visit.create', 'visit.undo', 'visit.undo']);
  });

  it('撤销 only works within 10 minutes', async () => {
    const chat = sandboxChat(t.app, 'S101');
    await chat.say('拜访 华为 聊了');
    t.clock.advance(10 * 60 * 1000 + 1);
    const [reply] = await chat.say('撤销');
    expect(replyText(reply!)).toContain('没有可撤销的记录');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(1);
  });

  it('the undo button on the confirmation undoes that entry once, and refuses after 10 minutes', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [saved] = await chat.say('成交 华为 5万');
    const undo = buttonAction(cardOf(saved), '撤销');
    const first = await chat.click(saved, undo);
    expect(first.toast?.text).toContain('已撤销成交');
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(0);
    const second = await chat.click(saved, undo);
    expect(second.toast?.text).toBe('这条记录已经撤销过了。');

    const [later] = await chat.say('拜访 华为 聊了');
    t.clock.advance(11 * 60 * 1000);
    const expired = await chat.click(later, buttonAction(cardOf(later), '撤销'));
    expect(expired.toast?.text).toContain('超过 10 分钟');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(1);
  });

  it('a deal with payments cannot be undone until the payment is', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [saved] = await chat.say('成交 华为 5万');
    await chat.say('回款 华为 1万');
    const res = await chat.click(saved, buttonAction(cardOf(saved), '撤销'));
    expect(res.toast?.text).toBe('这笔成交已有回款，不能撤销；请先撤销回款');
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(1);
    await chat.say('撤销');
    expect(await rowsInIdOrder(t.db, 'payments')).toHaveLength(0);
    await chat.click(saved, buttonAction(cardOf(saved), '撤销'));
    expect(await rowsInIdOrder(t.db, 'deals')).toHaveLength(0);
  });

  it('undoing a visit that created a customer: first the visit, then the customer', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [ask] = await chat.say('拜访 字节跳动 聊了');
    await chat.click(ask, formOf(cardOf(ask)).submit.action, { salesChannel: '1' });
    expect(await rowsInIdOrder(t.db, 'customers')).toHaveLength(2);
    await chat.say('撤销');
    expect(await rowsInIdOrder(t.db, 'visits')).toHaveLength(0);
    const [second] = await chat.say('撤销');
    expect(replyText(second!)).toBe('已撤销客户：字节跳动');
    expect((await rowsInIdOrder(t.db, 'customers')).map((c) => c.name)).toEqual(['华为技术有限公司']);
    expect((await rowsInIdOrder(t.db, 'recordEntries')).every((e) => e.undoneAt !== null)).toBe(true);
  });

  it('编辑 opens the stored record as a form and saves the change with an audit of before and after', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const [saved] = await chat.say('拜访 华为 聊了预算');
    const edit = await chat.click(saved, buttonAction(cardOf(saved), '编辑'));
    const editCard = edit.sent[0];
    expect(editCard?.type).toBe('card');
    const form = formOf(editCard!.type === 'card' ? editCard!.card : (undefined as never));
    expect(form.inputs.find((i) => i.name === 'notes')?.value).toBe('聊了预算');
    const res = await chat.click(undefined, form.submit.action, { visitDate: '2026-11-26', kind: 'phone', notes: '确认了预算' });
    expect(res.toast?.text).toBe('已修改拜访 ✓');
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ visitDate: '2026-11-26', kind: 'phone', notes: '确认了预算' }]);
    const update = (await auditRows(t.db, 'visit')).find((r) => r.action === 'visit.update');
    expect(update?.before).toMatchObject({ notes: '聊了预算' });
    expect(update?.after).toMatchObject({ notes: '确认了预算' });
    const future = await chat.click(undefined, form.submit.action, { visitDate: '2026-12-01', kind: 'phone', notes: 'x' });
    expect(future.toast?.kind).toBe('error');
    expect(await rowsInIdOrder(t.db, 'visits')).toMatchObject([{ visitDate: '2026-11-26' }]);
  });
});
