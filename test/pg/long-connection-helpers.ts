import pg from 'pg';
import { dingtalkUserId } from '../helpers/dingtalk.js';
import { E2E_ADMIN_TOKEN } from '../helpers/feishu-server-process.js';
import { feishuIdsOf } from '../helpers/feishu.js';

/**
 * What test/pg/long-connections.pg.test.ts builds on: an org of reps who each own one customer (so
 * each `拜访` event stores a visit of its own), a seeded random for the simulators' connection picks
 * (a run is reproducible), and plain pg reads of the shared database.
 */

/** mulberry32: the simulators' "at random", the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** Rep i (0-based): employee number, and a customer name without digits (the command parser reads digits as amounts). */
export function rep(i: number): { employeeNo: string; customer: string } {
  return { employeeNo: `L${String(i + 1).padStart(3, '0')}`, customer: `长连${STEMS[i % 10]}${BRANCHES[Math.floor(i / 10) % 12]}公司` };
}

export function orgRows(reps: number): Record<string, string>[] {
  const rows: Record<string, string>[] = [{ department: '销售部', name: '长连经理', employee_no: 'L000', roles: 'manager', is_leader: '是' }];
  for (let i = 0; i < reps; i += 1) {
    const { employeeNo } = rep(i);
    const feishu = feishuIdsOf(employeeNo);
    rows.push({
      department: '销售部',
      name: `长连业务员${STEMS[i % 10]}${BRANCHES[Math.floor(i / 10) % 12]}`,
      employee_no: employeeNo,
      roles: 'rep',
      manager_employee_no: 'L000',
      feishu_open_id: feishu.open_id,
      feishu_union_id: feishu.union_id,
      feishu_user_id: feishu.user_id,
      dingtalk_user_id: dingtalkUserId(employeeNo),
    });
  }
  return rows;
}

export async function importCustomers(url: string, reps: number): Promise<void> {
  const rows = Array.from({ length: reps }, (_, i) => ({ 客户名称: rep(i).customer, 渠道: '直销', 负责人工号: rep(i).employeeNo }));
  const response = await fetch(`${url}/admin/customers/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ rows }),
  });
  if (!response.ok) throw new Error(`customer import failed: ${response.status} ${await response.text()}`);
}

export async function queryPg<T extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Visits stored per customer of the long-connection org (customers without a visit are absent). */
export async function visitsPerCustomer(databaseUrl: string): Promise<Map<string, number>> {
  const rows = await queryPg<{ name: string; n: number }>(databaseUrl, "SELECT c.name, count(*)::int AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name LIKE '长连%' GROUP BY c.name");
  return new Map(rows.map((r) => [r.name, r.n]));
}

/** Inbound events of a platform by status, and outbox rows not yet sent: both settle once all work is done. */
export async function unfinishedWork(databaseUrl: string, platform: string): Promise<{ events: Record<string, number>; outboxUnsent: number }> {
  const events = await queryPg<{ status: string; n: number }>(databaseUrl, 'SELECT status, count(*)::int AS n FROM processed_events WHERE platform = $1 GROUP BY status', [platform]);
  const [outbox] = await queryPg<{ n: number }>(databaseUrl, "SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'");
  return { events: Object.fromEntries(events.map((e) => [e.status, e.n])), outboxUnsent: outbox?.n ?? 0 };
}

/**
 * Polls an async condition every 50 ms; fails after timeoutMs (a waiting budget, not a measurement).
 * `state`, when given, describes what was still missing, for the failure message.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000, state?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${state ? `: ${await state()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
