import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SALES_TEMPLATE } from '../../src/domain/kpi/default-template.js';
import { writeXlsx } from '../../src/features/imports/tabular.js';
import { kpiRecords } from '../helpers/kpi-records.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface ScorecardsBody {
  scorecards: { employeeNo: string; template: string; total: string | null; grade: string | null; orgRank: number | null; teamRank: number | null; departmentRank: number | null; lines: { line: string; target: string | null; status: string }[] }[];
}

describe('KPI admin API', () => {
  let app: TestApp;
  beforeEach(async () => {
    await app?.close();
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  const scorecards = async (period: string) => {
    const res = await app.app.inject({ method: 'GET', url: `/admin/kpi/scorecards?period=${period}`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ScorecardsBody;
  };
  const lineOf = (body: ScorecardsBody, employeeNo: string, line: string) => body.scorecards.find((s) => s.employeeNo === employeeNo)?.lines.find((l) => l.line === line);

  it('needs the admin token', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/admin/kpi/templates' })).statusCode).toBe(401);
    expect((await app.app.inject({ method: 'GET', url: '/admin/kpi/templates', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
  });

  it('ships the default sales template and lists the indicator library', async () => {
    const templates = (await app.app.inject({ method: 'GET', url: '/admin/kpi/templates', headers: auth })).json() as { templates: { code: string; versions: { version: number }[] }[] };
    expect(templates.templates.map((t) => t.code)).toEqual(['sales-monthly']);
    const indicators = (await app.app.inject({ method: 'GET', url: '/admin/kpi/indicators', headers: auth })).json() as { indicators: { key: string; name: { zh: string } }[] };
    expect(indicators.indicators.find((i) => i.key === 'collection_rate')?.name.zh).toBe('回款率');
  });

  it('an edit is a new version from the next period: November keeps v1, December uses v2', async () => {
    const content = { ...DEFAULT_SALES_TEMPLATE, lines: DEFAULT_SALES_TEMPLATE.lines.map((l) => (l.id === 'visits' ? { ...l, target: 60 } : l)) };
    const res = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates/sales-monthly/versions', headers: auth, payload: { content, note: '拜访目标提高到 60' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, effectiveFrom: '2026-12-01' });

    const november = await scorecards('2026-11');
    expect(november.scorecards.find((s) => s.employeeNo === 'S101')?.template).toBe('sales-monthly@1');
    expect(lineOf(november, 'S101', 'visits')?.target).toBe('40');
    const december = await scorecards('2026-12');
    expect(december.scorecards.find((s) => s.employeeNo === 'S101')?.template).toBe('sales-monthly@2');
    expect(lineOf(december, 'S101', 'visits')?.target).toBe('60');
  });

  it('refuses to change a closed period and refuses invalid content, in Chinese first, changing nothing', async () => {
    const closed = await app.app.inject({
      method: 'POST',
      url: '/admin/kpi/templates/sales-monthly/versions',
      headers: auth,
      payload: { content: DEFAULT_SALES_TEMPLATE, effectiveFrom: '2026-10-01' },
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().message).toMatch(/^已结束的周期不能修改/);

    const bad = { ...DEFAULT_SALES_TEMPLATE, lines: DEFAULT_SALES_TEMPLATE.lines.map((l) => (l.id === 'visits' ? { ...l, weight: 0 } : l)) };
    const invalid = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates/sales-monthly/versions', headers: auth, payload: { content: bad } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toContain('visits：计分行的权重必须大于 0');

    const midMonth = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates/sales-monthly/versions', headers: auth, payload: { content: DEFAULT_SALES_TEMPLATE, effectiveFrom: '2026-12-15' } });
    expect(midMonth.statusCode).toBe(400);
    expect(midMonth.json().message).toContain('生效日期必须是考核周期的第一天');

    const template = (await app.app.inject({ method: 'GET', url: '/admin/kpi/templates/sales-monthly', headers: auth })).json() as { versions: unknown[] };
    expect(template.versions).toHaveLength(1);
  });

  it('creates a template and assigns it to a department, which beats the role assignment', async () => {
    const content = {
      name: '华东一组拜访考核',
      periodType: 'month',
      lines: [{ id: 'visits', indicator: 'visits', weight: 100, target: 20, rule: { kind: 'linear', cap: 1.5 } }],
    };
    const created = await app.app.inject({ method: 'POST', url: '/admin/kpi/templates', headers: auth, payload: { code: 'east-visits', content } });
    expect(created.statusCode, created.body).toBe(201);
    const assigned = await app.app.inject({ method: 'PUT', url: '/admin/kpi/templates/east-visits/assignment', headers: auth, payload: { department: '销售部/华东一组' } });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const zhang = await kpiRecords(app.db, 'S101');
    await zhang.visits([await zhang.customer()], 25);
    const body = await scorecards('2026-11');
    const s101 = body.scorecards.find((s) => s.employeeNo === 'S101');
    // 25 / 20 = 125% → 125 points, clamped to the template's default total range 0–120.
    expect(s101).toMatchObject({ template: 'east-visits@1', total: '120', grade: 'S' });
    expect(body.scorecards.find((s) => s.employeeNo === 'S201')?.template).toBe('sales-monthly@1');
    // Alone at the top of the org, of 华东一组 and of 销售部; everyone else (no records) is not ranked.
    expect(s101).toMatchObject({ orgRank: 1, teamRank: 1, departmentRank: 1 });
    expect(body.scorecards.find((s) => s.employeeNo === 'S201')).toMatchObject({ orgRank: null, teamRank: null, departmentRank: null });

    // The assignment applies from November on: October (closed) is still scored as it was.
    expect(assigned.json()).toEqual({ ok: true, effectiveFrom: '2026-11-01' });
    const october = await scorecards('2026-10');
    expect(october.scorecards.find((s) => s.employeeNo === 'S101')?.template).toBe('sales-monthly@1');
    const backdated = await app.app.inject({
      method: 'PUT',
      url: '/admin/kpi/templates/east-visits/assignment',
      headers: auth,
      payload: { department: '销售部/华东一组', effectiveFrom: '2026-10-01' },
    });
    expect(backdated.statusCode).toBe(400);
    expect(backdated.json().message).toMatch(/^已结束的周期不能修改/);

    const unknown = await app.app.inject({ method: 'PUT', url: '/admin/kpi/templates/east-visits/assignment', headers: auth, payload: { department: '不存在' } });
    expect(unknown.statusCode).toBe(400);
  });

  it('sets a personal target that the rep then sees on their card', async () => {
    const zhang = await kpiRecords(app.db, 'S101');
    const customer = await zhang.customer();
    const deal = await zhang.deal(customer, 10_000_000, 'won');
    await zhang.payment(deal, customer, 8_200_000, '2026-11-20');
    await zhang.survey(customer, 5, '2026-11-20', 'customer'); // so no line is left out and the weights stay 30/25/15/10/10/10
    const res = await app.app.inject({ method: 'PUT', url: '/admin/kpi/targets', headers: auth, payload: { period: '2026-11', targets: [{ employeeNo: 'S101', line: 'payments', target: 4_100_000 }] } });
    expect(res.statusCode, res.body).toBe(200);
    const text = replyText((await sandboxChat(app.app, 'S101').say('业绩 如何计算')).at(-1)!);
    expect(text).toContain('回款额 8.2万 / 目标 4.1万 = 200%，封顶 120%，得分 120 × 权重 30% = 36（个人目标）');

    const unknownLine = await app.app.inject({ method: 'PUT', url: '/admin/kpi/targets', headers: auth, payload: { period: '2026-11', targets: [{ employeeNo: 'S101', line: 'happiness', target: 1 }] } });
    expect(unknownLine.statusCode).toBe(400);
    expect(unknownLine.json().message).toMatch(/^模板「销售业务员月度考核」里没有指标行「happiness」/);
    const notAssessed = await app.app.inject({ method: 'PUT', url: '/admin/kpi/targets', headers: auth, payload: { period: '2026-11', targets: [{ employeeNo: 'H001', line: 'payments', target: 1 }] } });
    expect(notAssessed.statusCode).toBe(400);
    const nobody = await app.app.inject({ method: 'PUT', url: '/admin/kpi/targets', headers: auth, payload: { period: '2026-11', targets: [{ employeeNo: 'X999', line: 'payments', target: 1 }] } });
    expect(nobody.json().message).toMatch(/^没有工号为 X999 的员工/);
    const listed = (await app.app.inject({ method: 'GET', url: '/admin/kpi/targets?period=2026-11', headers: auth })).json() as { targets: unknown[] };
    expect(listed.targets).toEqual([{ employeeNo: 'S101', line: 'payments', target: 4_100_000 }]);

    const closed = await app.app.inject({ method: 'PUT', url: '/admin/kpi/targets', headers: auth, payload: { period: '2026-10', targets: [{ employeeNo: 'S101', line: 'payments', target: 1 }] } });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().message).toMatch(/^周期 2026-10 已结束/);
  });

  it('imports targets from CSV in 元 and %, and from XLSX', async () => {
    const csv = '工号,周期,指标,目标\nS102,2026-11,回款额,12万\nS102,2026-11,conversion,35%\nS103,2026-11,visits,45\n';
    const res = await app.app.inject({ method: 'POST', url: '/admin/kpi/targets/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, imported: 3 });
    const body = await scorecards('2026-11');
    expect(lineOf(body, 'S102', 'payments')?.target).toBe('12000000');
    expect(lineOf(body, 'S102', 'conversion')?.target).toBe('0.35');
    expect(lineOf(body, 'S103', 'visits')?.target).toBe('45');

    const xlsx = await writeXlsx('targets', ['employee_no', 'period', 'line', 'target'], [['S104', '2026-11', 'revenue', '18,000.50']]);
    const res2 = await app.app.inject({
      method: 'POST',
      url: '/admin/kpi/targets/import',
      headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: xlsx,
    });
    expect(res2.statusCode, res2.body).toBe(200);
    expect(lineOf(await scorecards('2026-11'), 'S104', 'revenue')?.target).toBe('1800050');
  });

  it('rejects a bad import with every row error and writes nothing', async () => {
    const csv = '工号,周期,指标,目标\nS102,2026-11,回款额,12万\nS999,2026-11,回款额,1\nS102,2026-13,回款额,1\nS102,2026-11,幸福感,1\nS102,2026-11,visits,-3\nS102,2026-10,visits,3\nS102,2026-11,payments,1.234\n';
    const res = await app.app.inject({ method: 'POST', url: '/admin/kpi/targets/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(422);
    const errors = (res.json() as { errors: { row: number; field: string; message: string }[] }).errors;
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, '工号'],
      [4, '周期'],
      [5, '指标'],
      [6, '目标'],
      [7, '周期'],
      [8, '目标'],
    ]);
    expect(errors[2]?.message).toContain('没有指标「幸福感」');
    expect(errors[5]?.message).toContain('最多两位小数');
    const targets = (await app.app.inject({ method: 'GET', url: '/admin/kpi/targets?period=2026-11', headers: auth })).json() as { targets: unknown[] };
    expect(targets.targets).toEqual([]);
  });
});
