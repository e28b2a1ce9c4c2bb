import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_TEMPLATES } from '../../cards/index.js';
import { kpiRankingCard } from '../../cards/kpi-ranking.js';
import { cardToText, type CardModel, type Reply } from '../../src/domain/card-model.js';
import { createGroupBindRepository } from '../../src/db/repositories/group-binds.js';
import { renderFeishuCard } from '../../src/platforms/feishu/render-card.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import { admin, buttonAction, latestCard, userIdOf } from '../helpers/assessment.js';
import { allLinks, appLinkProblem, linksInCard, linksInJson, miniAppRoutes, platformLinks } from '../helpers/card-links.js';
import { launchChromium } from '../helpers/chromium.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { sandboxChat, type SandboxMessage } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Every link in every card the service sends opens the page it promises, for the person it was sent
 * to. The cards are produced the real way — chat commands, card clicks and the scheduled jobs on a
 * seeded temp database with a fixed clock — read from each recipient's sandbox transcript, and
 * rendered through the Feishu and DingTalk renderers; every URL found there is opened in Chromium
 * through the dev login as the card's recipient and its page is checked for the card's content.
 *
 * A new template in cards/ fails this file until CARD_KINDS says how its links are checked.
 */

/** Tuesday 1 December 2026, 10:00 in Shanghai: November and ISO week 2026-W48 have just closed. */
const NOW_ISO = '2026-12-01T10:00:00+08:00';
const NOW = Date.parse(NOW_ISO);
const WEEK = '2026-W48';
const MONTH = '2026-11';
/** Not the test server: every link is rewritten from this origin to the server the browser can reach. */
const PUBLIC_BASE_URL = 'https://kpi.example.com';

interface SentCard {
  /** The recipient's employee number (the person who logs in to open its links). */
  to: string;
  card: CardModel;
}

interface OpenContext {
  page: Page;
  sent: SentCard;
  url: string;
  t: TestApp;
}

/** A template without links (and why), or what its links open and how that page is checked. */
type CardKind = { noLinks: string } | { opens: string; check(ctx: OpenContext): Promise<void> };

const textOf = (card: CardModel) => cardToText(card);
const param = (url: string, name: string) => new URLSearchParams(url.split('?')[1] ?? '').get(name);

/** The weekly ranking's rows as the card shows them: "1. 张三 78.4(B) · 本月 …". */
function rankingRows(card: CardModel): { name: string; total: string }[] {
  return textOf(card)
    .split('\n')
    .flatMap((line) => {
      const m = /^(?:\d+|—)\. (\S+) (\S+?)\(/.exec(line);
      return m ? [{ name: m[1] as string, total: m[2] as string }] : [];
    });
}

async function expectRankingPage({ page, sent, url }: OpenContext): Promise<void> {
  const week = /\d{4}-W\d{2}/.exec(sent.card.title)?.[0];
  expect(param(url, 'period'), 'the link names the card’s week').toBe(week);
  await page.waitForSelector(`#ranking[data-period="${week}"] tbody tr`);
  const [from, to] = sent.card.subtitle?.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  const heading = await page.textContent('#ranking h2');
  expect(heading).toContain(week);
  expect(heading).toContain(`${from} ~ ${to}`);
  const rows = rankingRows(sent.card);
  expect(rows.length).toBeGreaterThan(0);
  const shown = await page.$$eval('#ranking tbody tr', (trs) => trs.map((tr) => ({ name: tr.children[1]?.textContent ?? '', total: tr.children[3]?.textContent ?? '' })));
  for (const row of rows) expect(shown, `${row.name} as the card ranks them`).toContainEqual(row);
}

/** The team group's weekly post: the team page on its week, each rep shown with the post's total. */
async function expectGroupRankingPage({ page, sent, url }: OpenContext): Promise<void> {
  const week = /\d{4}-W\d{2}/.exec(sent.card.title)?.[0];
  expect(param(url, 'period'), 'the link names the post’s week').toBe(week);
  await page.waitForSelector(`#ranking[data-period="${week}"] tbody tr`);
  const rows = [...textOf(sent.card).matchAll(/\*\*(\S+)\*\* (\S+) 分/g)].map((m) => ({ name: m[1] as string, total: m[2] as string }));
  expect(rows.length).toBeGreaterThan(0);
  const shown = await page.$$eval('#ranking tbody tr', (trs) => trs.map((tr) => ({ name: tr.children[1]?.textContent ?? '', total: tr.children[3]?.textContent ?? '' })));
  for (const row of rows) expect(shown, `${row.name} as the post ranks them`).toContainEqual(row);
}

async function expectWeekDashboard({ page, sent, url }: OpenContext): Promise<void> {
  const week = /\d{4}-W\d{2}/.exec(sent.card.title)?.[0];
  expect(param(url, 'period')).toBe(week);
  await page.waitForSelector('#scorecard [data-total]');
  const [from, to] = sent.card.subtitle?.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  expect(await page.textContent('#scorecard')).toContain(`${from} ~ ${to}`);
  const totalField = sent.card.elements.flatMap((e) => (e.type === 'fields' ? e.fields : [])).find((f) => f.label === '本周总分');
  expect(await page.textContent('#scorecard [data-total]')).toBe(/^[\d.]+/.exec(totalField?.value ?? '')?.[0] ?? '—');
  expect(await page.textContent('button[data-period].active')).toBe(week);
}

async function expectMonthDashboard({ page, sent, url }: OpenContext): Promise<void> {
  const month = /\d{4}-\d{2}/.exec(sent.card.title)?.[0];
  expect(param(url, 'period'), 'the link names the assessed month').toBe(month);
  expect(param(url, 'userId'), 'the rep’s own dashboard').toBeNull();
  await page.waitForSelector('#scorecard [data-total]');
  expect(await page.textContent('button[data-period].active')).toBe(month);
}

async function expectRepDashboard({ page, sent, url, t }: OpenContext): Promise<void> {
  const userId = Number(param(url, 'userId'));
  const { name } = t.db.$client.prepare('SELECT name FROM users WHERE id = ?').get(userId) as { name: string };
  expect(textOf(sent.card), 'the alert is about the rep it links to').toContain(name);
  await page.waitForSelector('#viewing');
  expect(await page.textContent('#viewing')).toBe(`${name} 的业绩`);
  await page.waitForSelector('#scorecard');
}

/** The manager's Monday card: the team page for its week, and per rep 查看 (that rep's dashboard on the month). */
async function expectRankingOrRep(ctx: OpenContext): Promise<void> {
  if (ctx.url.includes('#/team')) return expectRankingPage(ctx);
  expect(param(ctx.url, 'period'), 'the rep’s page on the card’s month').toMatch(/^\d{4}-\d{2}$/);
  await expectRepDashboard(ctx);
  const { name } = ctx.t.db.$client.prepare('SELECT name FROM users WHERE id = ?').get(Number(param(ctx.url, 'userId'))) as { name: string };
  expect(await ctx.page.textContent('#scorecard h2')).toContain(`${name}的考核`);
}

async function expectAssessmentPage({ page, sent, url, t }: OpenContext): Promise<void> {
  const id = Number(param(url, 'id'));
  const row = t.db.$client.prepare('SELECT a.period_key AS period, d.name AS department FROM assessments a JOIN departments d ON d.id = a.department_id WHERE a.id = ?').get(id) as
    | { period: string; department: string }
    | undefined;
  expect(row, `assessment ${id} exists`).toBeDefined();
  expect(sent.card.title).toContain(row!.department);
  expect(sent.card.title).toContain(row!.period);
  await page.waitForSelector('#assessment h2');
  expect(await page.textContent('#assessment h2')).toBe(`${row!.department} · ${row!.period}`);
  const names = (t.db.$client.prepare('SELECT u.name FROM assessment_results r JOIN users u ON u.id = r.user_id WHERE r.assessment_id = ?').all(id) as { name: string }[]).map((r) => r.name);
  const shown = await page.textContent('#reps');
  for (const name of names) {
    expect(textOf(sent.card)).toContain(name);
    expect(shown).toContain(name);
  }
}

async function expectVisitPage({ page, sent, url, t }: OpenContext): Promise<void> {
  const id = Number(param(url, 'id'));
  const visit = t.db.$client.prepare('SELECT c.name AS customer, v.notes, v.visit_date AS date FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id = ?').get(id) as { customer: string; notes: string; date: string };
  expect(textOf(sent.card)).toContain(visit.date);
  await page.waitForSelector('#visit-form');
  expect(await page.inputValue('#v-customer')).toBe(visit.customer);
  expect(await page.inputValue('#v-notes')).toBe(visit.notes);
  expect(await page.inputValue('#v-date')).toBe(visit.date);
}

/**
 * Every card template in cards/ → how its links are checked. The real flow below must produce each
 * kind; a kind with links has every one opened, a kind without has its rendered cards walked to
 * prove there is none.
 */
const CARD_KINDS: Record<string, CardKind> = {
  'weekly-kpi': { opens: 'dashboard on the card’s week: that week’s dates and the card’s total', check: expectWeekDashboard },
  'weekly-ranking': { opens: 'team page for the card’s week (its reps with the card’s totals, the week and its dates), and each rep’s dashboard (查看)', check: expectRankingOrRep },
  alert: { opens: 'the subject rep’s dashboard, as their manager sees it', check: expectRepDashboard },
  'alert-digest': { opens: 'each subject rep’s dashboard, as their manager sees it', check: expectRepDashboard },
  'assessment-review': { opens: 'the assessment page: its department, period and reps', check: expectAssessmentPage },
  'assessment-approval': { opens: 'the assessment page: its department, period and reps', check: expectAssessmentPage },
  'record-saved': { opens: 'the visit’s form (customer, date, notes) from a saved visit; other records carry no link', check: expectVisitPage },
  'assessment-result': { opens: 'the rep’s own dashboard on the assessed month', check: expectMonthDashboard },
  'assessment-appeal': { noLinks: 'resolve form only' },
  'assessment-export': { noLinks: '导出 Excel buttons; the file arrives as a message' },
  help: { noLinks: 'command list' },
  'kpi-scorecard': { noLinks: 'buttons to other chat commands' },
  'kpi-ranking': { noLinks: 'buttons to other chat commands' },
  'kpi-targets': { noLinks: 'buttons to other chat commands' },
  'record-form': { noLinks: 'form' },
  choice: { noLinks: 'buttons and form' },
  info: { noLinks: 'read-only text and buttons' },
  'next-step-reminder': { noLinks: '完成 / 改期 / 记拜访 buttons' },
  'next-step-reschedule': { noLinks: 'date form' },
  // The sandbox has no group chats; its "group" here is the manager's own conversation (a sandbox chatId is a user id).
  'group-ranking': { opens: 'the team page on the post’s week, each rep with the post’s total', check: expectGroupRankingPage },
  'win-announcement': { noLinks: '点赞 button' },
};

/** Sends everything queued, the assessment cards' in-place updates included (they are outbox rows too). */
async function deliverAll(t: TestApp): Promise<void> {
  for (;;) {
    const counts = await t.app.botDeps.outbox.tick(500);
    if (counts.sent + counts.retried + counts.failed === 0) return;
  }
}

/** November for both teams, and a week 48 with different activity per rep (so the ranking has an order). */
async function seed(t: TestApp): Promise<void> {
  const plan: [string, number, number, number][] = [
    ['S101', 12, 9_000_000, 5],
    ['S102', 6, 4_000_000, 0],
    ['S103', 9, 6_500_000, 2],
    ['S104', 3, 1_000_000, 1],
    ['S105', 10, 7_500_000, 0],
    ['S201', 8, 5_000_000, 3],
    ['S202', 4, 2_000_000, 0],
  ];
  for (const [employeeNo, visits, paid, week48Visits] of plan) {
    const rep = await kpiRecords(t.db, employeeNo);
    const customers = [await rep.customer(), await rep.customer(), await rep.customer()];
    await rep.visits(customers, visits, '2026-11-16');
    await rep.visits(customers, week48Visits, '2026-11-25');
    const deal = await rep.deal(customers[0] as number, paid, 'won', '2026-11-10');
    await rep.payment(deal, customers[0] as number, paid / 2, '2026-11-18');
    await rep.payment(deal, customers[0] as number, paid / 2, '2026-11-26');
  }
  // Everyone in 华南二组 but S201 visited today: its manager gets one alert, as the single alert card;
  // 华东一组's several go out as one alert digest.
  for (const employeeNo of ['S200', 'S202', 'S203', 'S204', 'S205']) {
    const rep = await kpiRecords(t.db, employeeNo);
    await rep.visits([await rep.customer()], 1, '2026-12-01');
  }
}

/** Chat, jobs and clicks, the way people and the scheduler reach each card. Returns what click responses carried. */
async function runRealFlows(t: TestApp): Promise<SentCard[]> {
  const fromClicks: SentCard[] = [];
  const keep = (to: string, response: { card?: CardModel; sent?: Reply[] }) => {
    if (response.card) fromClicks.push({ to, card: response.card });
    for (const reply of response.sent ?? []) if (reply.type === 'card') fromClicks.push({ to, card: reply.card });
  };
  const job = async (name: string, period: string) => {
    const res = await admin(t.app, 'POST', `/admin/jobs/${name}/run`, { period });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'succeeded' });
  };

  const zhang = sandboxChat(t.app, 'S101');
  for (const text of ['帮助', '客户 华为技术 直销', '拜访 华为技术 聊了采购计划', '拜访', '拜访 小米科技 聊了合作', '记录', '我的', '业绩', '排行', '目标']) await zhang.say(text);
  await sandboxChat(t.app, 'S100').say('排行');
  // 华东一组's group (see CARD_KINDS): a 喜报 for a won deal, and the weekly post after the weekly job.
  const department = t.db.$client.prepare("SELECT id FROM departments WHERE name = '华东一组'").get() as { id: number };
  await createGroupBindRepository(t.db).bind({ platform: 'sandbox', chatId: String((await userIdOf(t.db, 'S100'))), departmentId: department.id, boundByUserId: (await userIdOf(t.db, 'S100')), now: t.clock.now });
  await zhang.say('成交 华为技术 8万');
  // A next step due today: its reminder, and the 改期 form it opens.
  await zhang.say('拜访 华为技术 谈了报价 下一步 12-01 发报价单');

  await job('weekly-report', WEEK);
  await job('alerts', '2026-12-01');
  await job('assessment', MONTH);
  await job('next-step-reminders', '2026-12-01');
  await deliverAll(t);
  // The click replaces the reminder in place with the 改期 form, so the reminder is kept as it was sent.
  const reminder = await latestCard(t.app, 'S101', 'next-step-reminder');
  keep('S101', { card: reminder.card });
  keep('S101', await zhang.click(reminder, buttonAction(reminder.card, '改期')));

  // 华东一组: the manager adjusts and submits, HR approves, a rep appeals.
  const manager = sandboxChat(t.app, 'S100');
  const review = await latestCard(t.app, 'S100', 'assessment-review');
  keep('S100', await manager.click(review, buttonAction(review.card, '保存调整'), { rep: String((await userIdOf(t.db, 'S101'))), points: '+3', reason: '大客户攻坚' }));
  const adjusted = await latestCard(t.app, 'S100', 'assessment-review');
  keep('S100', await manager.click(adjusted, buttonAction(adjusted.card, '提交审批')));
  await deliverAll(t);
  const approvals = (await sandboxChat(t.app, 'H001').transcript()).filter((m) => m.payload.type === 'card' && m.payload.card.template === 'assessment-approval' && m.payload.card.title.includes('华东一组'));
  const approval = approvals.at(-1) as SandboxMessage & { payload: { card: CardModel } };
  keep('H001', await sandboxChat(t.app, 'H001').click(approval, buttonAction(approval.payload.card, '通过')));
  await deliverAll(t);
  const li = sandboxChat(t.app, 'S102');
  const result = await latestCard(t.app, 'S102', 'assessment-result');
  const appealForm = await li.click(result, buttonAction(result.card, '申诉'));
  keep('S102', appealForm);
  keep('S102', await li.click(result, buttonAction(appealForm.card!, '提交申诉'), { reason: '11 月 26 日的回款漏算了' }));
  await deliverAll(t);
  await sandboxChat(t.app, 'H001').say('导出');
  return fromClicks;
}

async function everyCardSent(t: TestApp): Promise<SentCard[]> {
  const sent: SentCard[] = [];
  for (const { employee_no: employeeNo } of DEMO_ORG_ROWS) {
    for (const message of await sandboxChat(t.app, employeeNo as string).transcript()) {
      if (message.direction === 'out' && message.payload.type === 'card') sent.push({ to: employeeNo as string, card: message.payload.card });
    }
  }
  return sent;
}

describe('every link in every card opens its page for the card’s recipient', () => {
  let t: TestApp;
  let server: string;
  let browser: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;
  let sent: SentCard[] = [];
  const pageErrors: string[] = [];
  const routes = miniAppRoutes();
  const opened = new Map<string, string[]>();

  beforeAll(async () => {
    // Every link is opened by a freshly logged-in recipient: one dev login per link, ~35 in a minute,
    // above the per-address login limit a real person never reaches.
    t = await createTestApp({ env: { PUBLIC_BASE_URL, RATE_LIMIT_LOGIN_PER_MINUTE: '1000' }, now: NOW_ISO });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const shell = await fetch(`${server}/app/`);
    if (shell.status !== 200) throw new Error(`/app/ answers ${shell.status}: build the mini-app first (npm run build:web)`);
    await seed(t);
    const fromClicks = await runRealFlows(t);
    sent = [...(await everyCardSent(t)), ...fromClicks];
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await t?.close();
    const lines = Object.entries(CARD_KINDS).map(([kind, how]) => {
      const urls = opened.get(kind);
      return `  ${kind.padEnd(20)} ${'noLinks' in how ? `no links (${how.noLinks})` : `opens ${how.opens} — ${urls?.length ?? 0} URL(s) opened`}`;
    });
    console.log(`Card kinds covered by card-links.e2e (${Object.keys(CARD_KINDS).length}):\n${lines.join('\n')}`);
  });

  /** Opens a card URL as its recipient: the link itself first (not logged in), then the dev login, then the page. */
  async function openAs(employeeNo: string, url: string): Promise<Page> {
    expect(url.startsWith(`${PUBLIC_BASE_URL}/`), `${url} is under PUBLIC_BASE_URL`).toBe(true);
    const local = `${server}${url.slice(PUBLIC_BASE_URL.length)}`;
    await browser.clearCookies();
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(`${url} as ${employeeNo}: ${error.message}`));
    await page.clock.setFixedTime(new Date(NOW));
    const response = await page.goto(local);
    expect(response?.status(), `${url} answers 200`).toBe(200);
    await page.click(`button[data-employee-no="${employeeNo}"]`);
    await page.waitForSelector('#nav a');
    return page;
  }

  it('every template registered in cards/ has a row in CARD_KINDS, and every card sent is of a known template', () => {
    expect(Object.keys(CARD_KINDS).sort()).toEqual(CARD_TEMPLATES.map((template) => template.id).sort());
    expect([...new Set(sent.map((s) => s.card.template))].filter((template) => !(template in CARD_KINDS))).toEqual([]);
  });

  it('Feishu and DingTalk (card data, in-place updates cut to 1 KB, robot and webhook markdown) carry exactly the links of the neutral card', () => {
    // Fewer than one card per alert since alerts to one manager come as one digest.
    expect(sent.length).toBeGreaterThan(40);
    for (const { to, card } of sent) {
      const neutral = linksInCard(card);
      const rendered = platformLinks(card, PUBLIC_BASE_URL);
      for (const [platform, links] of Object.entries(rendered)) expect(links, `${card.template} to ${to} on ${platform}`).toEqual(neutral);
    }
  });

  it('every link in a sent card is a page of the mini-app under PUBLIC_BASE_URL', () => {
    const problems = sent.flatMap(({ card }) => allLinks(card, PUBLIC_BASE_URL).flatMap((url) => appLinkProblem(url, PUBLIC_BASE_URL, routes) ?? []));
    expect(problems).toEqual([]);
  });

  it('every template rendered from its sample data: links only where CARD_KINDS says, each a page of the mini-app', () => {
    for (const template of CARD_TEMPLATES) {
      const kind = CARD_KINDS[template.id];
      for (const locale of ['zh', 'en'] as const) {
        const links = allLinks(template.build(template.example, locale), PUBLIC_BASE_URL);
        if (!kind || 'noLinks' in kind) {
          expect(links, `${template.id} sample (${locale})`).toEqual([]);
        } else {
          expect(links.length, `${template.id} sample (${locale}) has its link`).toBeGreaterThan(0);
          expect(links.map((url) => appLinkProblem(url, PUBLIC_BASE_URL, routes)).filter(Boolean), `${template.id} sample (${locale})`).toEqual([]);
        }
      }
    }
  });

  for (const [kind, how] of Object.entries(CARD_KINDS)) {
    const title = 'noLinks' in how ? `${kind}: sent for real, and has no links (${how.noLinks})` : `${kind}: every link opens ${how.opens}`;
    it(title, async () => {
      const cards = sent.filter((s) => s.card.template === kind);
      expect(cards.length, `the real flow sends a ${kind} card`).toBeGreaterThan(0);
      if ('noLinks' in how) {
        for (const { card, to } of cards) expect(allLinks(card, PUBLIC_BASE_URL), `${kind} to ${to}`).toEqual([]);
        return;
      }
      const targets = new Map<string, SentCard & { url: string }>();
      for (const s of cards) for (const url of allLinks(s.card, PUBLIC_BASE_URL)) targets.set(`${s.to} ${url}`, { ...s, url });
      expect(targets.size, `${kind} cards carry links`).toBeGreaterThan(0);
      for (const target of targets.values()) {
        const page = await openAs(target.to, target.url);
        try {
          await how.check({ page, sent: target, url: target.url, t });
          expect(await page.locator('#main .error:not([hidden])').count(), `${target.url} as ${target.to} shows no error`).toBe(0);
        } finally {
          await page.close();
        }
      }
      opened.set(kind, [...targets.keys()]);
      expect(pageErrors).toEqual([]);
    }, 90_000);
  }

  it('Feishu’s "view all" link on a card cut at 30 KB opens the mini-app', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({ text: `${i + 1}. 业务员${i + 1} ${(90 - i / 100).toFixed(2)} 分 B`, isMe: false }));
    const big = kpiRankingCard.build({ ...kpiRankingCard.example, rows }, 'zh');
    const links = linksInJson(renderFeishuCard(big, { publicBaseUrl: PUBLIC_BASE_URL }).card);
    expect(links).toHaveLength(1);
    expect(appLinkProblem(links[0] as string, PUBLIC_BASE_URL, routes)).toBeNull();
    const page = await openAs('S101', links[0] as string);
    try {
      await page.waitForSelector('#scorecard');
    } finally {
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
