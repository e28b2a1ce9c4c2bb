import type ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { createPayRuleRepository } from '../../db/repositories/pay-rule-repository.js';

export const PAYROLL_SHEET = '绩效工资';

/**
 * The payroll sheet of the export (工号, 姓名, 系数, 提成 in 元): the figures frozen when each result
 * was approved, for HR to copy into payroll. A result approved before pay rules existed has empty cells.
 */
export async function addPayrollSheet(workbook: ExcelJS.Workbook, db: Db, results: readonly { id: number; employeeNo: string; name: string }[]): Promise<void> {
  const frozen = await createPayRuleRepository(db).frozen(results.map((r) => r.id));
  const sheet = workbook.addWorksheet(PAYROLL_SHEET);
  sheet.addRow(['工号', '姓名', '系数', '提成(元)']);
  sheet.getRow(1).font = { bold: true };
  for (const r of results) {
    const pay = frozen.get(r.id);
    sheet.addRow([r.employeeNo, r.name, pay?.coefficientBp == null ? null : pay.coefficientBp / 10_000, pay?.commissionFen == null ? null : pay.commissionFen / 100]);
  }
  sheet.getColumn(3).numFmt = '0.0###';
  sheet.getColumn(4).numFmt = '#,##0.00';
  sheet.columns.forEach((column) => {
    column.width = 14;
  });
}
