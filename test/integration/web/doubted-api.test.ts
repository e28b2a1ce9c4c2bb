import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tablesOf } from '../../../src/db/dialect.js';
import { kpiRecords } from '../../helpers/kpi-records.js';
import { sandboxChat } from '../../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

interface Doubted {
  kind: 'visit' | 'training';
  id: number;
  date: string;
  subject: string;
  repName: string;
  doubtedByName: string | null;
}

/** Records a manager marked 存疑 on the digest, listed on the H5 team page (GET /api/team/doubted). */
describe('H5 API: records flagged 存疑', () => {
  let t: TestApp;
  const ids = { visit: 0, training: 0, other: 0, plain: 0 };

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-11-30T09:00:00+08:00' });
    const zhang = await kpiRecords(t.db, 'S101');
    await zhang.visits([await zhang.customer()], 2, '2026-11-25');
    await zhang.training(120, '2026-11-24');
    const liu = await kpiRecords(t.db, 'S201');
    await liu.visits([await liu.customer()], 1, '2026-11-26');
    const { trainings, visits } = tablesOf(t.db);
    const visitRows = await t.db.select().from(visits).orderBy(asc(visits.id));
    const trainingRows = await t.db.select().from(trainings).orderBy(asc(trainings.id));
    Object.assign(ids, { visit: visitRows[0]!.id, plain: visitRows[1]!.id, other: visitRows[2]!.id, training: trainingRows[0]!.id });
    // The digest's 存疑 buttons, clicked by each rep's own manager.
    const doubt = (manager: string, kind: string, id: number) => sandboxChat(t.app, manager).click(undefined, { command: 'verify.doubt', args: { kind, id: String(id) } });
    expect((await doubt('S100', 'visit', ids.visit)).toast?.kind).toBe('success');
    expect((await doubt('S100', 'training', ids.training)).toast?.kind).toBe('success');
    expect((await doubt('S200', 'visit', ids.other)).toast?.kind).toBe('success');
  });
  afterEach(async () => t.close());

  const listOf = async (employeeNo: string) => (await devLogin(t.app, employeeNo)).get('/api/team/doubted');

  it('the manager sees their team\'s doubted visits and training, not the unflagged visit nor another team\'s', async () => {
    const res = await listOf('S100');
    expect(res.statusCode, res.body).toBe(200);
    const records = (res.json() as { records: Doubted[] }).records;
    expect(records.map((r) => [r.kind, r.id]).sort()).toEqual([
      ['training', ids.training],
      ['visit', ids.visit],
    ]);
    expect(records.find((r) => r.kind === 'visit')).toMatchObject({ date: '2026-11-25', subject: 'S101客户1', repName: '张三', doubtedByName: '王经理' });
    expect(records.find((r) => r.kind === 'training')).toMatchObject({ date: '2026-11-24', subject: '产品培训', repName: '张三' });

    const other = (await listOf('S200')).json() as { records: Doubted[] };
    expect(other.records.map((r) => r.id)).toEqual([ids.other]);
    expect(((await listOf('H001')).json() as { records: Doubted[] }).records).toHaveLength(3);
  });

  it('a confirmed record leaves the list', async () => {
    await sandboxChat(t.app, 'S100').click(undefined, { command: 'verify.confirm', args: { kind: 'visit', id: String(ids.visit) } });
    const records = ((await listOf('S100')).json() as { records: Doubted[] }).records;
    expect(records.map((r) => r.kind)).toEqual(['training']);
  });

  it('a rep, of another team or of this one, is refused', async () => {
    for (const rep of ['S201', 'S101']) {
      const res = await listOf(rep);
      expect(res.statusCode, rep).toBe(403);
      expect(res.body).not.toContain('S101客户1');
    }
  });
});
