import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiRecords } from '../helpers/kpi-records.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { devLogin } from '../helpers/web-session.js';

/**
 * Chat's 排行 and the H5 team page rank through one feature (teamRanking): for the same lead and
 * period they give the same ranks, in the same order, and leave out the same reps without data.
 */
describe('one ranking for chat and H5', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    // Three reps with data: 李四 > 张三 in 华东一组, 刘洋 in another team; the rest have none.
    const zhang = await kpiRecords(app.db, 'S101');
    const z = await zhang.customer('2026-11-03T10:00:00+08:00');
    await zhang.visits([z], 20, '2026-11-10');
    await zhang.payment(await zhang.deal(z, 5_000_000, 'won', '2026-11-05'), z, 5_000_000, '2026-11-12');
    const li = await kpiRecords(app.db, 'S102');
    const l = await li.customer('2026-11-02T10:00:00+08:00');
    await li.visits([l], 50, '2026-11-11');
    await li.payment(await li.deal(l, 20_000_000, 'won', '2026-11-06'), l, 12_000_000, '2026-11-12');
    const liu = await kpiRecords(app.db, 'S201');
    const c = await liu.customer('2026-11-05T10:00:00+08:00');
    await liu.visits([c], 7, '2026-11-25');
  });
  afterAll(async () => app.close());

  /** The ranked rows of a 排行 card as "rank name", and the names listed apart as without data. */
  async function chatRanking(employeeNo: string) {
    const text = replyText((await sandboxChat(app.app, employeeNo).say('排行 本月')).at(-1)!);
    const rows = [...text.matchAll(/^(?:\*\*)?(\d+)\. (\S+) /gm)].map((m) => `${m[1]} ${m[2]}`);
    const apart = /^本期无数据，不参与排名：(.*)$/m.exec(text)?.[1]?.split(/[、，,]\s*/).filter(Boolean) ?? [];
    return { rows, apart };
  }

  async function h5Ranking(employeeNo: string) {
    const reps = (await (await devLogin(app.app, employeeNo)).get('/api/team/ranking?period=month')).json().reps as { rank: number | null; name: string }[];
    return { rows: reps.filter((r) => r.rank !== null).map((r) => `${r.rank} ${r.name}`), apart: reps.filter((r) => r.rank === null).map((r) => r.name) };
  }

  it('a manager: the same ranked rows and the same reps without data, in the team only', async () => {
    const chat = await chatRanking('S100');
    const h5 = await h5Ranking('S100');
    expect(chat.rows).toEqual(['1 李四', '2 张三']);
    expect(h5.rows).toEqual(chat.rows);
    expect([...h5.apart].sort()).toEqual([...chat.apart].sort());
    expect(h5.apart).toContain('赵敏');
    expect([...h5.rows, ...h5.apart].join()).not.toContain('刘洋');
  });

  it('HR: the whole org, the same order in both doors', async () => {
    const chat = await chatRanking('H001');
    const h5 = await h5Ranking('H001');
    expect(chat.rows.map((r) => r.split(' ')[1])).toEqual(expect.arrayContaining(['李四', '张三', '刘洋']));
    expect(h5.rows).toEqual(chat.rows);
    expect([...h5.apart].sort()).toEqual([...chat.apart].sort());
  });
});
