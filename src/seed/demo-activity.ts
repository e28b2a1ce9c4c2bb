import type { Db } from '../db/client.js';
import { businessDateOf, periodContaining, previousPeriod } from '../domain/period.js';
import { normaliseName } from '../domain/records/customer-name.js';
import { createRandom } from './random.js';

const COMPANIES = ['海康威视', '格力电器', '宁德时代', '顺丰速运', '京东方', '中兴通讯', '联想集团', '万科企业', '恒瑞医药', '伊利股份', '立讯精密', '三一重工'];

/**
 * Gives the demo reps a believable last month and month to date: a few customers each, visits on
 * most working days, some won and lost deals, payments, surveys and a training, so 业绩 and 排行
 * show real numbers in the sandbox. Runs once (only when there are no visits yet); dates never pass
 * `now`.
 */
export function seedDemoActivity(db: Db, now: number, zone: string): number {
  const client = db.$client;
  if ((client.prepare('SELECT COUNT(*) AS n FROM visits').get() as { n: number }).n > 0) return 0;
  const reps = client
    .prepare("SELECT u.id, u.employee_no AS no FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'rep' WHERE u.active = 1 ORDER BY u.id")
    .all() as { id: number; no: string }[];
  const channelIds = (client.prepare('SELECT id FROM sales_channels ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  if (reps.length === 0 || channelIds.length === 0) return 0;

  const thisMonth = periodContaining('month', now, zone);
  const start = previousPeriod(thisMonth).start;
  const today = businessDateOf(now, zone);
  const days: string[] = [];
  for (let t = start + 12 * 3_600_000; t < now; t += 86_400_000) {
    const date = businessDateOf(t, zone);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && date <= today) days.push(date);
  }
  const insertCustomer = client.prepare(
    `INSERT INTO customers (name, normalized_name, channel_id, owner_user_id, source, created_by_user_id, tags, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'import', ?, '[]', ?, ?)`,
  );
  const insertVisit = client.prepare(
    `INSERT INTO visits (rep_user_id, customer_id, visit_date, kind, notes, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertDeal = client.prepare(
    `INSERT INTO deals (customer_id, rep_user_id, title, amount_fen, stage, channel_id, won_on, lost_on, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertPayment = client.prepare(
    `INSERT INTO payments (deal_id, rep_user_id, customer_id, amount_fen, paid_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertSurvey = client.prepare(
    `INSERT INTO satisfaction_surveys (customer_id, rep_user_id, score, surveyed_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, 'import', ?, ?)`,
  );
  const insertTraining = client.prepare(
    `INSERT INTO trainings (rep_user_id, course, minutes, trained_on, kind, source, created_at, updated_at) VALUES (?, '顾问式销售', ?, ?, 'internal', 'import', ?, ?)`,
  );

  let rows = 0;
  client.transaction(() => {
    reps.forEach((rep, index) => {
      const random = createRandom(1000 + rep.id);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      // Each rep's drive differs, so the ranking has a spread.
      const drive = 0.45 + ((index * 37) % 55) / 100;
      const own = (client.prepare('SELECT id FROM customers WHERE owner_user_id = ?').all(rep.id) as { id: number }[]).map((c) => c.id);
      for (let i = 0; i < 3; i += 1) {
        const name = `${COMPANIES[(index * 3 + i) % COMPANIES.length]}${index >= 4 ? `(${rep.no})` : ''}`;
        own.push(Number(insertCustomer.run(name, normaliseName(name), pick(channelIds), rep.id, rep.id, start, start).lastInsertRowid));
        rows += 1;
      }
      for (const day of days) {
        if (random() > drive) continue;
        const visitsToday = random() < drive / 2 ? 2 : 1;
        for (let v = 0; v < visitsToday; v += 1) {
          insertVisit.run(rep.id, pick(own), day, random() < 0.7 ? 'onsite' : 'phone', '了解需求，推进方案', now, now);
          rows += 1;
        }
        if (random() < 0.3 * drive) {
          const won = random() < 0.6;
          const amount = (4 + Math.floor(random() * 26)) * 500_000; // 2万 to 14.5万, in fen
          const customer = pick(own);
          const deal = Number(
            insertDeal.run(customer, rep.id, '年度采购', amount, won ? 'won' : 'lost', pick(channelIds), won ? day : null, won ? null : day, now, now).lastInsertRowid,
          );
          rows += 1;
          if (won && random() < 0.8) {
            insertPayment.run(deal, rep.id, customer, Math.round(amount * (0.3 + random() * 0.7)), day, now, now);
            rows += 1;
          }
          if (random() < 0.5) {
            insertSurvey.run(customer, rep.id, 3 + Math.floor(random() * 3), day, now, now);
            rows += 1;
          }
        }
      }
      insertTraining.run(rep.id, 120, days[Math.floor(days.length / 3)] ?? today, now, now);
      insertTraining.run(rep.id, 90, days.at(-3) ?? today, now, now);
      rows += 2;
    });
  })();
  return rows;
}
