import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerAliases, customers, dealStageHistory, deals, visits } from '../../../src/db/schema/index.js';
import type { CardModel } from '../../../src/domain/card-model.js';
import { buttonAction, cardOf, formOf, seedCustomer } from '../../helpers/records.js';
import { expectSameRefusal, storedRecords as stored, twinAppsWithCustomer } from '../../helpers/same-feature.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import type { TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';
import { rowsInIdOrder } from '../../helpers/table-rows.js';

/**
 * Every H5 record write and its chat command call the same feature: two apps seeded alike, the same
 * input through H5 in one and through the chat in the other, then the same rows, the same audit rows
 * and the same journal rows (ids, timestamps and the door — door, audit source, token — aside),
 * and the same refusal (key and words) for the same bad input, with nothing stored.
 */

const editForm = (followUps: { type: string; card?: CardModel }[] | undefined) => formOf(followUps?.[0]?.card as CardModel);
const prefilled = (form: ReturnType<typeof formOf>) => Object.fromEntries(form.inputs.map((i) => [i.name, i.value ?? '']));

describe('H5 routes and chat commands store records through the same features', () => {
  let h5App: TestApp;
  let chatApp: TestApp;
  let customerId: number;

  beforeEach(async () => {
    ({ h5App, chatApp, customerId } = await twinAppsWithCustomer());
  });
  afterEach(async () => {
    await Promise.all([h5App.close(), chatApp.close()]);
  });

  it('POST /api/visits and 拜访 (saveVisit): same visit, audit and journal rows; same refusals', async () => {
    const web = await devLogin(h5App.app, 'S101');
    const chat = sandboxChat(chatApp.app, 'S101');
    const [form] = await chat.say('拜访');
    const submit = formOf(cardOf(form)).submit.action;

    const future = { visitDate: '2026-12-30', kind: 'phone', notes: '确认预算' };
    expectSameRefusal(await web.post('/api/visits', { customerId, ...future }), (await chat.click(form, submit, { customer: '华为', ...future })).toast?.text, 'records.error.dateFuture');
    const tooLong = { visitDate: '2026-11-26', kind: 'phone', notes: 'x'.repeat(501) };
    expectSameRefusal(await web.post('/api/visits', { customerId, ...tooLong }), (await chat.click(form, submit, { customer: '华为', ...tooLong })).toast?.text, 'records.error.tooLong');
    expect(await rowsInIdOrder(h5App.db, 'visits')).toEqual([]);
    expect(await rowsInIdOrder(chatApp.db, 'visits')).toEqual([]);

    const input = { visitDate: '2026-11-26', kind: 'phone', notes: '确认预算', nextStep: '发报价', nextStepDue: '2026-12-02' };
    expect((await web.post('/api/visits', { customerId, ...input })).statusCode).toBe(201);
    expect((await chat.click(form, submit, { customer: '华为', ...input })).toast?.kind).toBe('success');
    const h5Rows = (await stored(h5App, [visits, customers], ['visit', 'customer']));
    expect(h5Rows).toEqual((await stored(chatApp, [visits, customers], ['visit', 'customer'])));
    expect(h5Rows).toMatchObject({ records: [[{ customerId, visitDate: '2026-11-26', kind: 'phone', nextStepDue: '2026-12-02' }], [{}]], journal: [{ kind: 'visit', entity: 'visit' }] });
    expect((await rowsInIdOrder(h5App.db, 'visits'))[0]?.source).toBe('h5');
    expect((await rowsInIdOrder(chatApp.db, 'visits'))[0]?.source).toBe('card');
  });

  it('another team’s customer is refused the same way by POST /api/visits and a forged 拜访 pick', async () => {
    const [h5Other, chatOther] = [h5App, chatApp].map((t) => seedCustomer(t.db, { name: '腾讯科技有限公司', owner: 'S201' }));
    const web = await devLogin(h5App.app, 'S101');
    const pick = { command: 'visit.pick', args: { customerId: String((await chatOther!).id), token: 'forged', 'v.customer': 'x', 'v.visitDate': '2026-11-26' } };
    const refused = await sandboxChat(chatApp.app, 'S101').click(undefined, pick);
    expectSameRefusal(await web.post('/api/visits', { customerId: (await h5Other!).id, visitDate: '2026-11-26' }), refused.toast?.text, 'records.error.customerForbidden', 404);
    expect((await stored(h5App, [visits], ['visit']))).toEqual((await stored(chatApp, [visits], ['visit'])));
    expect(await rowsInIdOrder(h5App.db, 'visits')).toEqual([]);
  });

  it('PATCH /api/visits/:id and the visit’s edit form (updateVisit): same change, same audit; same refusal', async () => {
    // The same visit in both apps to start from.
    await sandboxChat(h5App.app, 'S101').say('拜访 华为 聊了预算');
    const chat = sandboxChat(chatApp.app, 'S101');
    const [saved] = await chat.say('拜访 华为 聊了预算');
    const visitId = (await rowsInIdOrder(h5App.db, 'visits'))[0]!.id;
    const web = await devLogin(h5App.app, 'S101');
    const form = editForm((await chat.click(saved, buttonAction(cardOf(saved), '编辑'))).sent as never);

    const bad = { visitDate: '2026-12-01' };
    expectSameRefusal(await web.patch(`/api/visits/${visitId}`, bad), (await chat.click(undefined, form.submit.action, { ...prefilled(form), ...bad })).toast?.text, 'records.error.dateFuture');

    const change = { visitDate: '2026-11-26', kind: 'video', notes: '确认了预算', nextStep: '发方案' };
    expect((await web.patch(`/api/visits/${visitId}`, change)).json().visit).toMatchObject(change);
    expect((await chat.click(undefined, form.submit.action, { ...prefilled(form), ...change })).toast?.text).toBe('已修改拜访 ✓');
    const h5Rows = (await stored(h5App, [visits], ['visit']));
    expect(h5Rows).toEqual((await stored(chatApp, [visits], ['visit'])));
    expect(h5Rows).toMatchObject({ audit: [{ action: 'visit.create' }, { action: 'visit.update', before: { notes: '聊了预算' }, after: { notes: '确认了预算', kind: 'video' } }] });
  });

  it('POST /api/deals and 商机 (saveOpportunity): same deal, stage history, audit and journal; same refusal', async () => {
    const web = await devLogin(h5App.app, 'S101');
    const chat = sandboxChat(chatApp.app, 'S101');
    const [form] = await chat.say('商机');
    const submit = formOf(cardOf(form)).submit.action;

    expectSameRefusal(await web.post('/api/deals', { customerId, amount: '-5万' }), (await chat.click(form, submit, { customer: '华为', amount: '-5万' })).toast?.text, 'records.error.amountNegative');
    const pastClose = { amount: '5万', expectedCloseDate: '2026-11-01' };
    expectSameRefusal(await web.post('/api/deals', { customerId, ...pastClose }), (await chat.click(form, submit, { customer: '华为', ...pastClose })).toast?.text, 'records.error.dueInPast');
    expect(await rowsInIdOrder(h5App.db, 'deals')).toEqual([]);

    const input = { amount: '1.2万', stage: 'proposal', expectedCloseDate: '2026-12-31', title: 'ERP 升级' };
    expect((await web.post('/api/deals', { customerId, ...input })).statusCode).toBe(201);
    expect((await chat.click(form, submit, { customer: '华为', ...input })).toast?.kind).toBe('success');
    const h5Rows = (await stored(h5App, [deals, dealStageHistory], ['deal', 'deal_stage']));
    expect(h5Rows).toEqual((await stored(chatApp, [deals, dealStageHistory], ['deal', 'deal_stage'])));
    expect(h5Rows).toMatchObject({ records: [[{ amountFen: 1_200_000, stage: 'proposal' }], [{ fromStage: null, toStage: 'proposal' }]], journal: [{ kind: 'opportunity' }] });
  });

  it('POST /api/customers and 客户 (createCustomer): same customer, audit and journal; same refusals', async () => {
    const web = await devLogin(h5App.app, 'S101');
    const chat = sandboxChat(chatApp.app, 'S101');
    const [form] = await chat.say('客户');
    const submit = formOf(cardOf(form)).submit.action;
    const online = (await web.get('/api/channels')).json().salesChannels.find((c: { name: string }) => c.name === '线上').id as number;

    expectSameRefusal(await web.post('/api/customers', { name: '京东', salesChannelId: 9999 }), (await chat.click(form, submit, { name: '京东', salesChannel: '9999' })).toast?.text, 'records.error.channelUnknown');
    expectSameRefusal(
      await web.post('/api/customers', { name: '华为技术', salesChannelId: online }),
      (await chat.click(form, submit, { name: '华为技术', salesChannel: String(online) })).toast?.text,
      'records.customer.exists',
      409,
    );

    const input = { name: '京东', region: '北京', industry: '电商' };
    expect((await web.post('/api/customers', { ...input, salesChannelId: online })).statusCode).toBe(201);
    expect((await chat.click(form, submit, { ...input, salesChannel: String(online) })).toast?.kind).toBe('success');
    const h5Rows = (await stored(h5App, [customers, customerAliases], ['customer', 'customer_alias']));
    expect(h5Rows).toEqual((await stored(chatApp, [customers, customerAliases], ['customer', 'customer_alias'])));
    expect(h5Rows).toMatchObject({ records: [[{}, { name: '京东', salesChannelId: online, region: '北京', industry: '电商' }], [{}]], journal: [{ kind: 'customer' }] });
  });

  it('PATCH /api/customers/:id and the customer’s edit form (updateCustomer): same change and audit; same refusal', async () => {
    const web = await devLogin(h5App.app, 'S101');
    const chat = sandboxChat(chatApp.app, 'S101');
    const online = (await web.get('/api/channels')).json().salesChannels.find((c: { name: string }) => c.name === '线上').id as number;
    const update = { command: 'customer.update', args: { customerId: String(customerId) } };

    expectSameRefusal(await web.patch(`/api/customers/${customerId}`, { salesChannelId: 9999 }), (await chat.click(undefined, update, { salesChannel: '9999' })).toast?.text, 'records.error.channelUnknown');

    expect((await web.patch(`/api/customers/${customerId}`, { salesChannelId: online, region: '天津', industry: '消费电子' })).statusCode).toBe(200);
    expect((await chat.click(undefined, update, { salesChannel: String(online), region: '天津', industry: '消费电子' })).toast?.kind).toBe('success');
    const h5Rows = (await stored(h5App, [customers], ['customer']));
    expect(h5Rows).toEqual((await stored(chatApp, [customers], ['customer'])));
    expect(h5Rows).toMatchObject({ records: [[{ salesChannelId: online, region: '天津', industry: '消费电子' }]], audit: [{ action: 'customer.create' }, { action: 'customer.update' }] });
  });

  it('each H5 write route and its chat command import the same feature function', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const importsOf = (file: string) => {
      const source = readFileSync(resolve(root, file), 'utf8');
      return [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)].flatMap(([, names, from]) =>
        (names as string).split(',').map((n) => `${n.trim()} from ${(from as string).replace(/^(\.\.\/)+/, '')}`),
      );
    };
    const routes = importsOf('src/web/api/record-routes.ts');
    const pairs: [string, string, string][] = [
      ['saveVisit', 'features/records/visits.js', 'src/bot/commands/visit.ts'],
      ['updateVisit', 'features/records/visits.js', 'src/bot/commands/visit.ts'],
      ['saveOpportunity', 'features/records/deals.js', 'src/bot/commands/opportunity.ts'],
      ['createCustomer', 'features/records/customers.js', 'src/bot/commands/customer.ts'],
      ['updateCustomer', 'features/records/customers.js', 'src/bot/commands/customer.ts'],
    ];
    for (const [feature, module, command] of pairs) {
      expect(routes, feature).toContain(`${feature} from ${module}`);
      expect(importsOf(command), feature).toContain(`${feature} from ${module}`);
    }
  });
});
