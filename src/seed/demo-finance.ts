import { inTransaction, type Db } from '../db/client.js';
import { createFinanceRepository } from '../db/repositories/finance-repository.js';
import { createOrgRepository } from '../db/repositories/org-repository.js';
import { matchReceipts, type MatchRules } from '../domain/finance/match.js';
import { normaliseName } from '../domain/records/customer-name.js';

/** The demo's finance officer (财务): opens 回款核对 in the H5. Roles combine, as in any org file. */
export const DEMO_FINANCE_ROW: Record<string, string> = { department: '财务部', name: '钱会计', employee_no: 'F001', roles: 'finance', is_leader: '是' };

/** A bank line that is nobody's claim (a customer no rep has), so the review page has something to show. */
const STRANGERS = [
  { customerName: '远航贸易有限公司', amountFen: 3_800_000, note: '货款' },
  { customerName: '星河物流有限公司', amountFen: 1_250_000, note: null },
];

/**
 * Bank receipts for the demo: one for every other claimed payment among the first eight (same customer,
 * amount and date, so the matcher confirms them: `finance`), and two that fit no claim. The other
 * claims stay unconfirmed, so the review page and the scorecard show both. Matched the way an import
 * is. Runs once: the 单号 are fixed, and a second run stores nothing.
 */
export async function seedDemoFinance(db: Db, now: number, rules: MatchRules): Promise<number> {
  const repo = createFinanceRepository(db);
  const officer = await createOrgRepository(db).getUserByEmployeeNo(DEMO_FINANCE_ROW.employee_no as string);
  const actor = { userId: officer?.id ?? null, source: 'cli', now };
  return inTransaction(db, async () => {
    const claims = await repo.openClaims();
    const lines = [
      ...claims.slice(0, 8).filter((_, i) => i % 2 === 0).map((c) => ({ customerName: c.customerName, amountFen: c.amountFen, receivedOn: c.paidOn, note: null })),
      ...STRANGERS.map((s) => ({ ...s, receivedOn: claims.at(-1)?.paidOn ?? claims[0]?.paidOn ?? '' })),
    ].filter((line) => line.receivedOn !== '');
    const added: number[] = [];
    for (const [index, line] of lines.entries()) {
      const reference = `DEMO-BANK-${String(index + 1).padStart(3, '0')}`;
      const stored = await repo.insertReceipt(actor, { source: 'bank', reference, customerKey: normaliseName(line.customerName), ...line });
      if (stored) added.push(stored.id);
    }
    const receipts = (await repo.openReceipts()).filter((r) => added.includes(r.id));
    const outcome = matchReceipts(
      receipts.map((r) => ({ id: r.id, customerKey: r.customerKey, amountFen: r.amountFen, date: r.receivedOn })),
      claims.map((c) => ({ id: c.id, customerKeys: c.customerKeys, amountFen: c.amountFen, date: c.paidOn })),
      rules,
    );
    for (const { receiptId, claimId } of outcome.matched) await repo.link(actor, receiptId, claimId, 'auto');
    return added.length;
  });
}
