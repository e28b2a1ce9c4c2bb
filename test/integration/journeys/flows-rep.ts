import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../../src/db/dialect.js';
import type { Journey } from '../../helpers/journeys/types.js';

/** The rep after a meeting, on the phone: a typo is asked about, and the saved visit says what it did to the month. */
export async function repTypoToVisit(j: Journey): Promise<void> {
  await j.say('S101', '客户 华为技术 直销');
  const [question] = await j.say('S101', '拜方 华为技术 聊了采购计划');
  expect(question?.text).toContain('你是想 拜访 吗？');
  const before = j.inbox('S101').length;
  await j.click('S101', question!, '是，拜访');
  const saved = j.inbox('S101').slice(before).find((m) => m.text.includes('已记录拜访'));
  expect(saved?.text, 'the visit saved by the suggestion button').toMatch(/本月拜访次数 \**0\/40\**，进度 0%（另有 1 次待核实，核实后计入）/);
  const [stored] = await queryRows<{ n: number }>(j.t.db, sql`SELECT CAST(count(*) AS INTEGER) AS n FROM visits v JOIN customers c ON c.id = v.customer_id WHERE c.name = '华为技术' AND v.notes = '聊了采购计划'`);
  expect(stored!.n).toBe(1);
}
