import type { RowError } from '../org/import-rows.js';
import { canonicalCells, sheetAmountFen, sheetDate } from '../imports/sheet-cells.js';

/** What a history row is: a visit, a won deal (签约) or a payment (回款) on a won deal. */
export const HISTORY_KINDS = ['visit', 'deal', 'payment'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

const KIND_WORDS: Record<string, HistoryKind> = { 拜访: 'visit', visit: 'visit', 签约: 'deal', 赢单: 'deal', 成交: 'deal', deal: 'deal', 回款: 'payment', 收款: 'payment', payment: 'payment' };

const HEADERS: Record<string, keyof HistoryCells> = {
  类型: 'kind',
  kind: 'kind',
  日期: 'date',
  date: 'date',
  客户: 'customer',
  客户名称: 'customer',
  customer: 'customer',
  业务员工号: 'employeeNo',
  工号: 'employeeNo',
  employee_no: 'employeeNo',
  金额: 'amount',
  amount: 'amount',
  备注: 'note',
  note: 'note',
};

interface HistoryCells {
  kind: string;
  date: string;
  customer: string;
  employeeNo: string;
  amount: string;
  note: string;
}

export interface HistoryRow {
  rowNumber: number;
  kind: HistoryKind;
  date: string;
  customer: string;
  employeeNo: string;
  /** Integer fen for deals and payments; null for visits. */
  amountFen: number | null;
  note: string | null;
}

/** Past visits, deals and payments (类型, 日期, 客户, 业务员工号, 金额, 备注): every row or every problem. */
export function validateHistoryRows(records: { rowNumber: number; record: Record<string, unknown> }[], options: { maxFen: number; today: string }): { ok: true; rows: HistoryRow[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: HistoryRow[] = [];
  for (const { rowNumber, record } of records) {
    const cells = canonicalCells(record, HEADERS);
    const fail = (field: string, reason: string) => errors.push({ rowNumber, field, reason });
    const kind = KIND_WORDS[(cells.kind ?? '').toLowerCase()];
    if (!kind) fail('类型', `类型「${cells.kind ?? ''}」应为 拜访、签约 或 回款 (kind must be visit, deal or payment)`);
    const date = sheetDate(cells.date ?? '');
    if (!date) fail('日期', '日期应为 YYYY-MM-DD (date must be YYYY-MM-DD)');
    else if (date > options.today) fail('日期', '历史记录的日期不能晚于今天 (a history date cannot be in the future)');
    if (!cells.customer) fail('客户', '客户必填 (customer is required)');
    if (!cells.employeeNo) fail('业务员工号', '业务员工号必填 (employee number is required)');
    let amountFen: number | null = null;
    if (kind && kind !== 'visit') {
      amountFen = sheetAmountFen(cells.amount ?? '', options.maxFen);
      if (amountFen === null) fail('金额', `金额「${cells.amount ?? ''}」无效 (invalid amount)`);
    }
    if (kind && date && cells.customer && cells.employeeNo && (kind === 'visit' || amountFen !== null)) {
      rows.push({ rowNumber, kind, date, customer: cells.customer, employeeNo: cells.employeeNo, amountFen, note: cells.note || null });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
