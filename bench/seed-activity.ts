import type { Db } from '../src/db/client.js';
import { ensureDefaultSalesChannels } from '../src/db/repositories/sales-channel-repository.js';
import { ensureDefaultKpiTemplate } from '../src/db/repositories/kpi-template-repository.js';
import { businessDateOf, parsePeriodKey, type Period } from '../src/domain/period.js';
import { syntheticOrgRows } from '../src/seed/synthetic.js';
import { importOrg } from '../src/features/org/import.js';
import { readJsonRows } from '../src/features/imports/tabular.js';
import { createRandom } from '../src/seed/random.js';

/**
 * Seeds the benchmark data: a synthetic org of `reps` reps and `rows` activity rows (customers,
 * visits, deals, payments, surveys, complaints, training), all dated inside `spanKey` (a month: every row is in the scored period; a year: one month in twelve;
 * 'from..to', e.g. '2022..2026': five years), with prepared statements in one transaction. Deterministic for the same sizes.
 */
/** Share of the activity rows per table (sums to 1). */
const MIX = { customers: 0.05, visits: 0.6, deals: 0.15, payments: 0.1, surveys: 0.05, complaints: 0.03, trainings: 0.02 };

export async function seedActivity(db: Db, reps: number, rows: number, spanKey: string): Promise<{ repIds: number[]; rows: number; }> {
  const now = Date.parse('2026-12-02T09:00:00+08:00');
  await ensureDefaultSalesChannels(db, now);
  await ensureDefaultKpiTemplate(db, now);
  const imported = await importOrg(db, readJsonRows(syntheticOrgRows(reps)), { now, actorUserId: null, source: 'cli' });
  if (!imported.ok) throw new Error(`org import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const client = db.$client;
  const repIds = (client.prepare("SELECT user_id AS id FROM user_roles WHERE role = 'rep' ORDER BY user_id").all() as { id: number }[]).map((r) => r.id);
  const channelIds = (client.prepare('SELECT id FROM sales_channels').all() as { id: number }[]).map((r) => r.id);
  const random = createRandom(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const period = spanOf(spanKey);
  // Dates computed once per day, not per row: five years of rows would spend most of the seed in luxon.
  const dates = Array.from({ length: period.days }, (_, i) => businessDateOf(period.start + i * 86_400_000 + 43_200_000, period.zone));
  const day = () => dates[Math.floor(random() * period.days)] as string;
  const instant = () => period.start + Math.floor(random() * (period.end - period.start));

  const counts = Object.fromEntries(Object.entries(MIX).map(([k, share]) => [k, Math.round(rows * share)])) as Record<keyof typeof MIX, number>;
  counts.visits += rows - Object.values(counts).reduce((a, b) => a + b, 0);

  const insertCustomer = client.prepare(
    `INSERT INTO customers (name, normalized_name, sales_channel_id, owner_user_id, source, created_by_user_id, tags, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'import', ?, '[]', ?, ?)`,
  );
  const insertVisit = client.prepare(`INSERT INTO visits (rep_user_id, customer_id, visit_date, kind, source, created_at, updated_at) VALUES (?, ?, ?, 'onsite', 'import', ?, ?)`);
  const insertDeal = client.prepare(
    `INSERT INTO deals (customer_id, rep_user_id, amount_fen, stage, sales_channel_id, won_on, lost_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertPayment = client.prepare(`INSERT INTO payments (deal_id, rep_user_id, customer_id, amount_fen, paid_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'import', ?, ?)`);
  const insertSurvey = client.prepare(`INSERT INTO satisfaction_surveys (customer_id, rep_user_id, score, surveyed_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, 'import', ?, ?)`);
  const insertComplaint = client.prepare(
    `INSERT INTO complaints (customer_id, rep_user_id, content, received_on, received_at, responded_at, closed_at, source, created_at, updated_at) VALUES (?, ?, '投诉', ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertTraining = client.prepare(`INSERT INTO trainings (rep_user_id, course, minutes, trained_on, kind, source, created_at, updated_at) VALUES (?, '产品培训', ?, ?, 'internal', 'import', ?, ?)`);

  // Foreign keys are checked by the schema in production; the bench writes consistent ids itself.
  client.pragma('foreign_keys = OFF');
  client.transaction(() => {
    const customersOf = new Map<number, number[]>();
    for (let i = 0; i < counts.customers; i += 1) {
      const rep = repIds[i % repIds.length] as number;
      const at = instant();
      const id = Number(insertCustomer.run(`客户${i}有限公司`, `客户${i}`, pick(channelIds), rep, rep, at, at).lastInsertRowid);
      const list = customersOf.get(rep);
      if (list) list.push(id);
      else customersOf.set(rep, [id]);
    }
    const customerOf = (rep: number) => pick(customersOf.get(rep) ?? [1]);
    for (let i = 0; i < counts.visits; i += 1) {
      const rep = pick(repIds);
      insertVisit.run(rep, customerOf(rep), day(), now, now);
    }
    const deals: { id: number; rep: number; customer: number }[] = [];
    for (let i = 0; i < counts.deals; i += 1) {
      const rep = pick(repIds);
      const customer = customerOf(rep);
      const r = random();
      const stage = r < 0.4 ? 'won' : r < 0.7 ? 'lost' : 'proposal';
      const at = instant();
      const id = Number(
        insertDeal.run(customer, rep, 100_000 + Math.floor(random() * 20_000_000), stage, pick(channelIds), stage === 'won' ? day() : null, stage === 'lost' ? day() : null, at, at).lastInsertRowid,
      );
      deals.push({ id, rep, customer });
    }
    for (let i = 0; i < counts.payments; i += 1) {
      const deal = pick(deals);
      insertPayment.run(deal.id, deal.rep, deal.customer, 10_000 + Math.floor(random() * 5_000_000), day(), now, now);
    }
    for (let i = 0; i < counts.surveys; i += 1) {
      const rep = pick(repIds);
      insertSurvey.run(customerOf(rep), rep, 1 + Math.floor(random() * 5), day(), now, now);
    }
    for (let i = 0; i < counts.complaints; i += 1) {
      const rep = pick(repIds);
      const received = instant();
      const responded = random() < 0.9 ? received + Math.floor(random() * 48 * 3_600_000) : null;
      const closed = responded !== null && random() < 0.7 ? responded + 3_600_000 : null;
      insertComplaint.run(customerOf(rep), rep, businessDateOf(received, period.zone), received, responded, closed, now, now);
    }
    for (let i = 0; i < counts.trainings; i += 1) insertTraining.run(pick(repIds), 30 + Math.floor(random() * 8) * 30, day(), now, now);
  })();
  client.pragma('foreign_keys = ON');
  return { repIds, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}


/** A period key, or 'first..last' keys: the span from the first's start to the last's end. */
function spanOf(spanKey: string): { start: number; end: number; days: number; zone: string } {
  const [first, last = first] = spanKey.split('..').map((key) => parsePeriodKey(key)) as [Period | undefined, Period | undefined];
  if (!first || !last) throw new Error(`bad span ${spanKey}`);
  return { start: first.start, end: last.end, days: Math.round((last.end - first.start) / 86_400_000), zone: first.zone };
}
