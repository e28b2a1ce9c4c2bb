import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../../src/db/dialect.js';
import { nth, type Journey, type Seen } from '../../helpers/journeys/types.js';
import { webClient, type WebClient } from '../../helpers/web-session.js';
import { closeNovember } from './flows-assessment.js';

/**
 * The assessment steps typed instead of clicked: what a DingTalk tenant with no card template
 * (markdown / ActionCard robot messages, whose buttons only open URLs) does. The flow table runs it
 * with `noCardTemplate` on every transport; Feishu has no fallback, so there it shows the typed
 * commands beside the card buttons.
 */

/** The hash routes of the H5 app (src/web/public/js/app.js): a link must open one of its pages. */
const APP_ROUTES = [...readFileSync(new URL('../../../src/web/public/js/app.js', import.meta.url), 'utf8').matchAll(/\{ path: '([^']+)'/g)].map((m) => m[1]);

const status = async (j: Journey): Promise<string> =>
  (await queryRows<{ status: string }>(j.t.db, sql`SELECT a.status FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组' AND a.period_key = '2026-11'`))[0]!.status;

/**
 * Every action of a message is reachable: as a callback button (a card), or (the DingTalk fallback)
 * as a link button, which is followed as the recipient would: the H5 shell answers 200, the link's
 * hash route is a page of the app, and the person logs in there with the platform's code.
 */
async function reachable(j: Journey, employeeNo: string, seen: Seen, labels: string[], typed: string[] = []): Promise<WebClient | undefined> {
  if (j.platform === 'feishu') {
    expect(seen.buttons.map((b) => b.label)).toEqual(expect.arrayContaining(labels));
    return undefined;
  }
  // No template: no callback buttons; a link button per action, and the typed command for each in the text.
  expect(seen.buttons).toEqual([]);
  for (const command of typed) expect(seen.text).toContain(command);
  const links = seen.links ?? [];
  expect(links.map((l) => l.label), seen.text).toEqual(expect.arrayContaining(labels));
  for (const link of links) {
    const url = new URL(link.url);
    expect(url.origin).toBe('https://kpi.example.com');
    const page = await j.t.app.inject({ method: 'GET', url: url.pathname });
    expect(page.statusCode, `${link.label}: GET ${url.pathname}`).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('app.js');
    expect(APP_ROUTES, link.url).toContain(url.hash.replace(/^#/, '').split('?')[0]);
  }
  const login = await j.t.app.inject({ method: 'POST', url: `/api/login/${j.platform}`, payload: { code: j.loginCode(employeeNo) } });
  expect(login.statusCode, login.body).toBe(200);
  return webClient(j.t.app, login);
}

/** The manager submits the review: 提交审批 on the card, or (no callback buttons) on the H5 page its link opens. */
async function submitReview(j: Journey, review: Seen): Promise<void> {
  const web = await reachable(j, 'S100', review, ['提交审批']);
  if (!web) {
    expect((await j.click('S100', review, '提交审批')).toast).toMatchObject({ kind: 'success' });
  } else {
    const id = new URLSearchParams((review.links ?? []).find((l) => l.label === '提交审批')!.url.split('?')[1]).get('id');
    const detail = await web.get(`/api/assessments/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const { version } = (detail.json() as { assessment: { version: number } }).assessment;
    const submitted = await web.post(`/api/assessments/${id}/submit`, { version });
    expect(submitted.statusCode, submitted.body).toBe(200);
  }
  await j.deliverQueued();
}

export async function typedAssessmentCommands(j: Journey): Promise<void> {
  await closeNovember(j);
  await submitReview(j, nth(j, 'S100', '华东一组 2026-11 考核复核'));

  const approval = nth(j, 'H001', '华东一组 2026-11 考核审批');
  await reachable(j, 'H001', approval, ['通过', '驳回'], ['通过 华东一组 2026-11', '驳回 华东一组 2026-11 理由']);

  // A rep cannot approve by typing any more than by clicking.
  const [refused] = await j.say('S101', '通过 华东一组 2026-11');
  expect(refused?.text).toContain('只有 HR 可以审批');
  expect(await status(j)).toBe('pending_approval');

  const [rejected] = await j.say('H001', '驳回 华东一组 2026-11 请附客户证明');
  expect(rejected?.text).toContain('已驳回');
  expect(await status(j)).toBe('in_review');
  await j.deliverQueued();
  const review2 = nth(j, 'S100', '考核复核', 2);
  expect(review2.text).toContain('请附客户证明');
  await submitReview(j, review2);

  const [approved] = await j.say('A001', '通过 华东一组 2026-11');
  expect(approved?.text).toContain('已通过');
  expect(await status(j)).toBe('approved');
  await j.deliverQueued();

  const result = nth(j, 'S101', '2026-11 考核结果');
  await reachable(j, 'S101', result, ['确认', '申诉'], ['确认 2026-11', '申诉 2026-11 理由']);
  const [acknowledged] = await j.say('S101', '确认 2026-11');
  expect(acknowledged?.text).toContain('已确认');
  const [appealed] = await j.say('S102', '申诉 2026-11 11 月 30 日的回款漏算了');
  expect(appealed?.text).toContain('申诉已提交');
  await j.deliverQueued();
  // The manager gets the appeal, exactly as after a click on 申诉.
  expect(nth(j, 'S100', '考核申诉').text).toContain('11 月 30 日的回款漏算了');

  const steps = await queryRows<{ action: string; source: string }>(
    j.t.db,
    sql`SELECT action, source FROM audit_log WHERE action IN ('assessment.approve', 'assessment.reject', 'assessment.result.acknowledge', 'assessment.result.appeal') ORDER BY id`,
  );
  expect(steps).toEqual(['assessment.reject', 'assessment.approve', 'assessment.result.acknowledge', 'assessment.result.appeal'].map((action) => ({ action, source: j.platform })));
}
