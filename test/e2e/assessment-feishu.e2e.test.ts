import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { FEISHU_TEST_APP, feishuDemoOrgRows, feishuEnv, feishuIdsOf } from '../helpers/feishu.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi, startServerProcess, tempDir, type ServerProcess } from '../helpers/feishu-server-process.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { createFeishuEventClient } from '../simulators/feishu/event-client.js';
import { startFeishuSimulator, type FeishuSimulator, type SentRecord } from '../simulators/feishu/server.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

interface FeishuButton {
  label: string;
  value: { command: string; args: Record<string, string> };
}

/** Every button (and form submit) in a Feishu card JSON, with the value Feishu would call back with. */
function buttonsIn(node: unknown): FeishuButton[] {
  if (Array.isArray(node)) return node.flatMap(buttonsIn);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own: FeishuButton[] = [];
  if (record.tag === 'button') {
    const behaviors = record.behaviors as { value: FeishuButton['value'] }[];
    own.push({ label: (record.text as { content: string }).content, value: behaviors[0]!.value });
  }
  return [...own, ...Object.values(record).flatMap(buttonsIn)];
}

/** The content of every markdown element in a Feishu card JSON. */
function markdownIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(markdownIn);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [...(record.tag === 'markdown' && typeof record.content === 'string' ? [record.content] : []), ...Object.values(record).flatMap(markdownIn)];
}

const title = (content: unknown): string => ((content as { header?: { title?: { content?: string } } }).header?.title?.content ?? '');
const textOf = (content: unknown): string => JSON.stringify(content);

/**
 * The assessment cycle end to end: the real server process, Feishu played by the simulator. Cards are
 * pushed through the outbox to the simulator; clicks are signed card callbacks; the other copies of a
 * decided card are replaced through Feishu's message PATCH.
 */
describe('assessment cycle over Feishu', () => {
  let sim: FeishuSimulator;
  let server: ServerProcess;
  let temp: ReturnType<typeof tempDir>;
  const feishu = createFeishuEventClient(FEISHU_TEST_APP);

  beforeAll(async () => {
    sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
    temp = tempDir();
    server = await startServerProcess({ ...feishuEnv(sim.url), PUBLIC_BASE_URL: 'https://kpi.example.com' }, join(temp.dir, 'e2e.db'));
    await importOrgThroughAdminApi(server.url, feishuDemoOrgRows());
    // October's records, written as the records commands would.
    const db = openDatabase(server.dbPath);
    try {
      for (const [employeeNo, visits, paid] of [['S101', 12, 9_000_000], ['S102', 6, 4_000_000], ['S103', 9, 6_500_000]] as const) {
        const rep = await kpiRecords(db, employeeNo);
        const customers = [await rep.customer('2026-09-01T10:00:00+08:00'), await rep.customer('2026-09-01T10:00:00+08:00')];
        await rep.visits(customers, visits, '2026-10-15');
        const deal = await rep.deal(customers[0] as number, paid, 'won', '2026-10-10');
        await rep.payment(deal, customers[0] as number, paid, '2026-10-20');
      }
    } finally {
      db.$client.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    temp?.cleanup();
  });

  async function adminApi(method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  /** Waits for the n-th card (1-based) whose title contains `titlePart` sent to the employee. */
  async function cardTo(employeeNo: string, titlePart: string, n = 1): Promise<SentRecord> {
    const openId = feishuIdsOf(employeeNo).open_id;
    const deadline = Date.now() + 60_000; // a waiting budget
    for (;;) {
      const cards = sim.sent.filter((r) => r.receiveId === openId && r.msgType === 'interactive' && title(r.content).includes(titlePart));
      if (cards.length >= n) return cards[n - 1] as SentRecord;
      if (Date.now() > deadline) throw new Error(`no card "${titlePart}" #${n} to ${employeeNo}; sent: ${sim.sent.map((r) => `${r.receiveId}:${title(r.content)}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function patchOf(messageId: string): Promise<unknown> {
    const deadline = Date.now() + 60_000; // a waiting budget
    for (;;) {
      const patch = sim.patches.filter((p) => p.messageId === messageId).at(-1);
      if (patch) return patch.content;
      if (Date.now() > deadline) throw new Error(`message ${messageId} was never updated`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A signed card callback: `employeeNo` clicks `label` on a card (its JSON is `card`, the message is `messageId`). */
  async function click(employeeNo: string, card: unknown, messageId: string, label: string, formValue?: Record<string, string>) {
    const button = buttonsIn(card).find((b) => b.label === label);
    if (!button) throw new Error(`no button ${label} in ${textOf(card).slice(0, 200)}`);
    const response = await feishu.post(
      `${server.url}/webhooks/feishu/cards`,
      feishu.cardAction({ operator: feishuIdsOf(employeeNo), value: button.value, messageId, ...(formValue ? { formValue } : {}) }),
    );
    expect(response.status).toBe(200);
    return response.json as { toast?: { type: string; content: string }; card?: { type: string; data: unknown } };
  }

  function status(): string {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return (db.prepare("SELECT a.status FROM assessments a JOIN departments d ON d.id = a.department_id WHERE d.name = '华东一组' AND a.period_key = '2026-10'").get() as { status: string }).status;
    } finally {
      db.close();
    }
  }

  it('close → review → submit → non-HR refused → 驳回 → resubmit → 通过 → result cards → appeal → upheld, audited in order; an injected appeal reason arrives inert', async () => {
    const run = await adminApi('POST', '/admin/jobs/assessment/run', { period: '2026-10' });
    // 华东一组, 华南二组, and 销售部 where 周总监 reviews the two leaders' own results.
    expect(run.json).toMatchObject({ status: 'succeeded', result: { details: { created: 3 } } });

    // The manager's review card arrives in Feishu; they adjust through the form, then submit.
    const review = await cardTo('S100', '华东一组 2026-10 考核复核');
    const listed = (await adminApi('GET', '/admin/assessments/2026-10')).json as { assessments: { departmentName: string; results: { userId: number; employeeNo: string }[] }[] };
    const repId = String(listed.assessments.find((a) => a.departmentName === '华东一组')!.results.find((r) => r.employeeNo === 'S101')!.userId);
    const adjusted = await click('S100', review.content, review.messageId, '保存调整', { rep: repId, points: '+2', reason: '大客户攻坚' });
    expect(adjusted.toast).toMatchObject({ type: 'success' });
    const submitted = await click('S100', adjusted.card!.data, review.messageId, '提交审批');
    expect(submitted.toast).toMatchObject({ type: 'success' });
    // Submitted: the manager may only take it back (撤回) until HR decides.
    const left = buttonsIn(submitted.card!.data);
    expect(left).toHaveLength(1);
    expect(JSON.stringify(left)).toContain('撤回');

    // Both HR users get the approval card; a rep clicking 通过 is refused and nothing changes.
    const hr1 = await cardTo('H001', '考核审批');
    const hr2 = await cardTo('A001', '考核审批');
    expect(textOf(hr1.content)).toContain('大客户攻坚');
    const intruder = await click('S101', hr1.content, hr1.messageId, '通过');
    expect(intruder.toast).toMatchObject({ type: 'error' });
    expect(intruder.card).toBeUndefined();
    expect(status()).toBe('pending_approval');

    // HR rejects with a reason; the other HR user's copy is patched to the outcome, without buttons.
    const form = await click('H001', hr1.content, hr1.messageId, '驳回');
    const rejected = await click('H001', form.card!.data, hr1.messageId, '确认驳回', { reason: '调整需附客户证明' });
    expect(rejected.toast).toMatchObject({ type: 'success' });
    expect(status()).toBe('in_review');
    const hr2Patched = await patchOf(hr2.messageId);
    expect(buttonsIn(hr2Patched)).toEqual([]);
    expect(textOf(hr2Patched)).toContain('调整需附客户证明');

    // Back to the manager with the reason; resubmit; the new round is approved by the other HR user.
    const review2 = await cardTo('S100', '考核复核', 2);
    expect(textOf(review2.content)).toContain('调整需附客户证明');
    expect((await click('S100', review2.content, review2.messageId, '提交审批')).toast).toMatchObject({ type: 'success' });
    const round2 = await cardTo('A001', '考核审批', 2);
    const round2Other = await cardTo('H001', '考核审批', 2);
    const approved = await click('A001', round2.content, round2.messageId, '通过');
    expect(approved.toast).toMatchObject({ type: 'success' });
    expect(buttonsIn(approved.card!.data)).toEqual([]);
    expect(status()).toBe('approved');
    expect(textOf(await patchOf(round2Other.messageId))).toContain('已由 系统管理员');
    // A late second click on the decided card is told who decided.
    const late = await click('H001', round2Other.content, round2Other.messageId, '通过');
    expect(late.toast).toMatchObject({ type: 'info', content: expect.stringContaining('已由 系统管理员') });

    // Every rep of the team gets their result card; S102 appeals; the manager and HR get the appeal.
    // 王经理 (S100) is a rep too, but his own result is in 销售部's review, one level up: not in this round.
    for (const rep of ['S101', 'S102', 'S103', 'S104', 'S105']) await cardTo(rep, '2026-10 考核结果');
    const result = await cardTo('S102', '2026-10 考核结果');
    const appealForm = await click('S102', result.content, result.messageId, '申诉');
    const appealed = await click('S102', appealForm.card!.data, result.messageId, '提交申诉', { reason: '10 月 30 日的回款漏算了', indicator: 'payments_collected' });
    expect(appealed.toast, appealed.toast?.content).toMatchObject({ type: 'success' });
    const appealToHr = await cardTo('H001', '考核申诉');
    const appealToManager = await cardTo('S100', '考核申诉');
    expect(textOf(appealToHr.content)).toContain('10 月 30 日的回款漏算了');
    const upheld = await click('H001', appealToHr.content, appealToHr.messageId, '处理申诉', { outcome: 'uphold', reason: '回款 11 月到账，计入 11 月' });
    expect(upheld.toast).toMatchObject({ type: 'success' });
    expect(buttonsIn(await patchOf(appealToManager.messageId))).toEqual([]);

    const audit = await adminApi('GET', '/admin/audit?period=2026-10');
    const steps = (audit.json.entries as { action: string; source: string }[]).filter((e) => !['assessment.generate', 'assessment.result.publish'].includes(e.action));
    expect(steps.map((e) => e.action)).toEqual(['assessment.adjust', 'assessment.submit', 'assessment.reject', 'assessment.submit', 'assessment.approve', 'assessment.result.appeal', 'assessment.appeal.resolve']);
    expect(new Set(steps.map((e) => e.source))).toEqual(new Set(['feishu']));

    // An appeal reason with a link and an @all reaches HR inert: shown as typed, neither a link nor a mention.
    const injected = '[点此查看](https://evil.example) <at id=all></at>';
    const s103 = await cardTo('S103', '2026-10 考核结果');
    const s103Form = await click('S103', s103.content, s103.messageId, '申诉');
    const s103Appealed = await click('S103', s103Form.card!.data, s103.messageId, '提交申诉', { reason: injected, indicator: 'payments_collected' });
    expect(s103Appealed.toast, s103Appealed.toast?.content).toMatchObject({ type: 'success' });
    const injectedToHr = await cardTo('H001', '考核申诉', 2);
    const markdown = markdownIn(injectedToHr.content).join('\n');
    expect(markdown).not.toMatch(/<at|\]\(|https:\/\//);
    expect(markdown.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))).toContain(injected);
  });
});
