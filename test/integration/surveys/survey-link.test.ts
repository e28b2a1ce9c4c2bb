import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { signSurveyToken } from '../../../src/features/surveys/survey-token.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { replyText, sandboxChat } from '../../helpers/sandbox-chat.js';
import { buttonAction, cardOf, seedCustomer, userIdOf } from '../../helpers/records.js';
import { pathOf, submitSurvey, surveyUrlIn } from '../../helpers/survey.js';

/**
 * Issue 17, the customer's own answer: the rep asks for a link in chat, the customer opens it with no
 * login and answers once. Expired, used and tampered links show a page saying so and store nothing.
 */
describe('survey link lifecycle', () => {
  let t: TestApp;
  const DAY = 86_400_000;
  const answers = async () => {
    const { satisfactionSurveys } = tablesOf(t.db);
    return t.db.select().from(satisfactionSurveys).orderBy(asc(satisfactionSurveys.id));
  };
  const links = async () => t.db.select().from(tablesOf(t.db).surveyLinks);

  beforeEach(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://kpi.example.com', SURVEY_SECRET: 'survey-secret-for-tests-0123456789abcdef' } });
    await seedCustomer(t.db, { name: '华为技术有限公司', owner: 'S101', aliases: ['华为'] });
  });
  afterEach(async () => t.close());

  async function linkPath(text = '满意度调查 华为 李总'): Promise<string> {
    const replies = await sandboxChat(t.app, 'S101').say(text);
    return pathOf(surveyUrlIn(replies));
  }

  it('good: the rep gets a forwardable link; the customer answers once and it is stored as customer', async () => {
    const replies = await sandboxChat(t.app, 'S101').say('满意度调查 华为 李总');
    expect(replyText(replies[0]!)).toContain('满意度调查链接已生成');
    expect(replyText(replies[0]!)).toContain('14 天内有效');
    expect(replyText(replies[0]!)).toContain('有效期至: 2026-12-11');
    const url = surveyUrlIn([replies[1]!]);
    expect(url).toMatch(/^https:\/\/kpi\.example\.com\/s\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(replyText(replies[1]!)).toBe(`李总您好，诚邀您花 1 分钟评价我们的服务：${url}`);

    const page = await t.app.inject({ method: 'GET', url: pathOf(url) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('客户满意度调查');
    expect(page.body).toContain('华为技术有限公司（李总）您好，张三 想听听您对我们服务的评价');

    const done = await submitSurvey(t.app, pathOf(url), { score: '4', nps: '9', comment: '交付准时', website: '' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('感谢您的评价');
    expect(await answers()).toMatchObject([
      { score: 4, nps: 9, comment: '交付准时', verification: 'customer', source: 'h5', repUserId: await userIdOf(t.db, 'S101'), createdByUserId: null, surveyedOn: '2026-11-27' },
    ]);
    expect(await links()).toMatchObject([{ contactName: '李总', answeredAt: t.clock.now, surveyId: (await answers())[0]!.id }]);
  });

  it('used: a second answer (or a reload) shows 已经提交过了 and stores nothing', async () => {
    const path = await linkPath();
    await submitSurvey(t.app, path, { score: '5', nps: '10' });
    const again = await submitSurvey(t.app, path, { score: '1', nps: '0', comment: '改主意了' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已经提交过了');
    expect((await t.app.inject({ method: 'GET', url: path })).body).toContain('已经提交过了');
    expect(await answers()).toMatchObject([{ score: 5, nps: 10, comment: null }]);
  });

  it('expired: open until 14 days have passed on the injected clock, then 链接已过期 and nothing stored', async () => {
    const path = await linkPath();
    t.clock.advance(14 * DAY - 60_000);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    t.clock.advance(60_000);
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('链接已过期');
    const post = await submitSurvey(t.app, path, { score: '5', nps: '10' });
    expect(post.statusCode).toBe(410);
    expect(await answers()).toEqual([]);
    expect(await links()).toMatchObject([{ answeredAt: null, surveyId: null }]);
  });

  it('tampered: an edited signature, an unknown id, another key or a bare id show 链接无效 and store nothing', async () => {
    const path = await linkPath();
    const token = path.slice('/s/'.length);
    const [id, mac] = token.split('.') as [string, string];
    const flipped = `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const otherId = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
    // The same 16-byte mac spelled with another spare bit: its 22nd character carries 4 unused bits.
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const alias = `${id}.${mac.slice(0, -1)}${B64URL[B64URL.indexOf(mac.slice(-1)) ^ 1]}`;
    expect(Buffer.from(alias.split('.')[1]!, 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
    const bad = [
      flipped,
      alias,
      signSurveyToken({ surveySecret: t.config.surveySecret, webSessionSecret: undefined }, otherId),
      signSurveyToken({ surveySecret: 'another-secret-another-secret-0123456789', webSessionSecret: undefined }, id),
      id,
      `${token}x`,
    ];
    for (const tampered of bad) {
      const page = await t.app.inject({ method: 'GET', url: `/s/${tampered}` });
      expect(page.statusCode, tampered).toBe(404);
      expect(page.body).toContain('链接无效');
      const post = await submitSurvey(t.app, `/s/${tampered}`, { score: '1', nps: '0', comment: '伪造' });
      expect(post.statusCode, tampered).toBe(404);
    }
    expect(await answers()).toEqual([]);
    // The real link still works afterwards.
    expect((await submitSurvey(t.app, path, { score: '3', nps: '7' })).statusCode).toBe(200);
  });

  it('the honeypot: a filled hidden field is refused with a page, nothing stored, the link stays open', async () => {
    const path = await linkPath();
    const bot = await submitSurvey(t.app, path, { score: '5', nps: '10', comment: 'buy now', website: 'http://spam.example' });
    expect(bot.statusCode).toBe(400);
    expect(bot.body).toContain('无法提交');
    expect(await answers()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
  });

  it('a missing score shows the form again with the typed comment kept, and stores nothing', async () => {
    const path = await linkPath();
    const page = await submitSurvey(t.app, path, { nps: '8', comment: '<b>很好</b>' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('请选择满意度评分和推荐意愿后再提交');
    expect(page.body).toContain('&lt;b&gt;很好&lt;/b&gt;');
    expect(await answers()).toEqual([]);
  });

  it('English: by Accept-Language or the ?lang toggle', async () => {
    const path = await linkPath('满意度调查 华为');
    const byHeader = await t.app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    expect(byHeader.body).toContain('Customer satisfaction survey');
    expect(byHeader.body).toContain(`href="${path}?lang=zh"`);
    const byToggle = await t.app.inject({ method: 'GET', url: `${path}?lang=en`, headers: { 'accept-language': 'zh-CN' } });
    expect(byToggle.body).toContain('How likely are you to recommend us');
    const thanks = await submitSurvey(t.app, `${path}?lang=en`, { score: '5', nps: '10' });
    expect(thanks.body).toContain('Thank you for your feedback');
  });

  it('a won deal offers the survey; its button makes the link for that customer', async () => {
    const chat = sandboxChat(t.app, 'S101');
    const replies = await chat.say('成交 华为 5万');
    const offer = replies.find((m) => replyText(m).includes('恭喜成交'));
    const { messages } = await chat.click(offer, buttonAction(cardOf(offer), '发满意度调查'));
    const path = pathOf(surveyUrlIn(messages));
    expect((await t.app.inject({ method: 'GET', url: path })).body).toContain('华为技术有限公司您好');
  });

  it('a rep-typed 满意度 is stored as self and the reply says it may not count', async () => {
    const [reply] = await sandboxChat(t.app, 'S101').say('满意度 华为 5');
    expect(replyText(reply!)).toContain('销售自填（自评）');
    expect(replyText(reply!)).toContain('模板要求客户答卷时，自评不计入');
    expect(await answers()).toMatchObject([{ verification: 'self', source: 'chat' }]);
  });

  it('a customer the rep may not see gets no link', async () => {
    await seedCustomer(t.db, { name: '比亚迪', owner: 'S201' });
    const [reply] = await sandboxChat(t.app, 'S101').say('满意度调查 比亚迪');
    expect(replyText(reply!)).not.toContain('/s/');
    expect(await links()).toEqual([]);
  });
});
