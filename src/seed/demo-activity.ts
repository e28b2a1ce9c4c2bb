import { inTransaction, type Db } from '../db/client.js';
import { createDemoActivityStore } from '../db/repositories/demo-activity-store.js';
import { createOrgRepository } from '../db/repositories/org-repository.js';
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
export async function seedDemoActivity(db: Db, now: number, zone: string): Promise<number> {
  const store = createDemoActivityStore(db);
  if (await store.hasVisits()) return 0;
  const reps = await createOrgRepository(db).activeUsersWithRole('rep');
  const salesChannelIds = await store.salesChannelIds();
  if (reps.length === 0 || salesChannelIds.length === 0) return 0;

  const thisMonth = periodContaining('month', now, zone);
  const start = previousPeriod(thisMonth).start;
  const today = businessDateOf(now, zone);
  const days: string[] = [];
  for (let t = start + 12 * 3_600_000; t < now; t += 86_400_000) {
    const date = businessDateOf(t, zone);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && date <= today) days.push(date);
  }

  let rows = 0;
  await inTransaction(db, async () => {
    for (const [index, rep] of reps.entries()) {
      const random = createRandom(1000 + rep.id);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      // Each rep's drive differs, so the ranking has a spread.
      const drive = 0.45 + ((index * 37) % 55) / 100;
      const own = await store.customerIdsOwnedBy(rep.id);
      for (let i = 0; i < 3; i += 1) {
        const name = `${COMPANIES[(index * 3 + i) % COMPANIES.length]}${index >= 4 ? `(${rep.employeeNo})` : ''}`;
        own.push(await store.customer({ name, normalizedName: normaliseName(name), salesChannelId: pick(salesChannelIds), ownerUserId: rep.id, at: start }));
        rows += 1;
      }
      // Which records are verified is counted, not drawn, so the random sequence (and the demo) stays as it was.
      let visitNo = 0;
      let surveyNo = 0;
      for (const day of days) {
        if (random() > drive) continue;
        const visitsToday = random() < drive / 2 ? 2 : 1;
        for (let v = 0; v < visitsToday; v += 1) {
          // Property order is call order: the customer is picked before the kind is drawn.
          // Two in three visits checked in on location, one in six confirmed by the manager, the rest only typed.
          visitNo += 1;
          const verification = visitNo % 3 !== 0 ? 'located' : visitNo % 6 === 0 ? 'manager' : 'self';
          await store.visit({ repUserId: rep.id, customerId: pick(own), date: day, kind: random() < 0.7 ? 'onsite' : 'phone', notes: '了解需求，推进方案', verification, at: now });
          rows += 1;
        }
        if (random() < 0.3 * drive) {
          const won = random() < 0.6;
          const amount = (4 + Math.floor(random() * 26)) * 500_000; // 2万 to 14.5万, in fen
          const customer = pick(own);
          const deal = await store.deal({ customerId: customer, repUserId: rep.id, title: '年度采购', amountFen: amount, won, salesChannelId: pick(salesChannelIds), date: day, at: now });
          rows += 1;
          if (won && random() < 0.8) {
            await store.payment({ dealId: deal, repUserId: rep.id, customerId: customer, amountFen: Math.round(amount * (0.3 + random() * 0.7)), paidOn: day, at: now });
            rows += 1;
          }
          if (random() < 0.5) {
            surveyNo += 1;
            const verification = surveyNo % 2 === 1 ? 'customer' : 'self';
            await store.survey({ customerId: customer, repUserId: rep.id, score: 3 + Math.floor(random() * 3), surveyedOn: day, verification, at: now });
            rows += 1;
          }
        }
      }
      // The earlier training was confirmed by the manager; the recent one waits for the Monday digest.
      await store.training({ repUserId: rep.id, minutes: 120, trainedOn: days[Math.floor(days.length / 3)] ?? today, verification: 'manager', at: now });
      await store.training({ repUserId: rep.id, minutes: 90, trainedOn: days.at(-3) ?? today, verification: 'self', at: now });
      rows += 2;
    }
  });
  return rows;
}
