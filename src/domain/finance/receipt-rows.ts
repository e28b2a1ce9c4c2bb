import type { RowError } from '../org/import-rows.js';
import { normaliseName } from '../records/customer-name.js';
import { canonicalCells, sheetAmountFen, sheetDate } from '../imports/sheet-cells.js';

/** The columns of a bank receipt or ERP payment export: 日期, 客户, 金额, 单号, 备注. */
const HEADERS: Record<string, keyof ReceiptRow> = {
  日期: 'receivedOn',
  到账日期: 'receivedOn',
  交易日期: 'receivedOn',
  date: 'receivedOn',
  客户: 'customerName',
  客户名称: 'customerName',
  付款方: 'customerName',
  对方户名: 'customerName',
  customer: 'customerName',
  金额: 'amount',
  收款金额: 'amount',
  amount: 'amount',
  单号: 'reference',
  流水号: 'reference',
  凭证号: 'reference',
  reference: 'reference',
  备注: 'note',
  摘要: 'note',
  note: 'note',
};

export interface ReceiptRow {
  rowNumber: number;
  receivedOn: string;
  customerName: string;
  customerKey: string;
  amount: string;
  amountFen: number;
  reference: string;
  note: string | null;
}

/** All rows or every problem with its row number; a 单号 twice in one file is a mistake, not a re-import. */
export function validateReceiptRows(records: { rowNumber: number; record: Record<string, unknown> }[], maxFen: number): { ok: true; rows: ReceiptRow[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: ReceiptRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, record } of records) {
    const cells = canonicalCells(record, HEADERS);
    const fail = (field: string, reason: string) => errors.push({ rowNumber, field, reason });
    const receivedOn = sheetDate(cells.receivedOn ?? '');
    if (!receivedOn) fail('日期', '日期应为 YYYY-MM-DD (date must be YYYY-MM-DD)');
    const customerName = cells.customerName ?? '';
    const customerKey = normaliseName(customerName);
    if (!customerKey) fail('客户', '客户必填 (customer is required)');
    const amountFen = sheetAmountFen(cells.amount ?? '', maxFen);
    if (amountFen === null) fail('金额', `金额「${cells.amount ?? ''}」无效 (invalid amount)`);
    const reference = cells.reference ?? '';
    if (!reference) fail('单号', '单号必填 (reference is required)');
    else if (seen.has(reference)) fail('单号', `与第 ${seen.get(reference)} 行单号相同 (same reference as row ${seen.get(reference)})`);
    else seen.set(reference, rowNumber);
    if (receivedOn && customerKey && amountFen !== null && reference) {
      rows.push({ rowNumber, receivedOn, customerName, customerKey, amount: cells.amount ?? '', amountFen, reference, note: cells.note || null });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
