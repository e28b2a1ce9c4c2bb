import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/dialect.js';

export interface WorkbookRow {
  employeeNo: string;
  total: number;
  grade: string;
  final: number;
  finalGrade: string;
}

/** Opens an exported workbook and reads one department's sheet by its header names. */
export async function readDepartmentSheet(bytes: Buffer, department: string): Promise<{ sheets: string[]; rows: WorkbookRow[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(department);
  if (!sheet) throw new Error(`no sheet ${department} in ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  };
  const rows: WorkbookRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cell = (name: string) => row.getCell(col(name)).value;
    rows.push({ employeeNo: String(cell('工号')), total: Number(cell('系统总分')), grade: String(cell('系统等级')), final: Number(cell('最终得分')), finalGrade: String(cell('最终等级')) });
  });
  return { sheets: workbook.worksheets.map((w) => w.name), rows };
}

/** The approved results of a department as the database holds them, in the same shape. */
export async function approvedResults(db: Db, periodKey: string, department: string): Promise<WorkbookRow[]> {
  const stored = await queryRows<{ employee_no: string; total_centi: number; grade: string; final_centi: number; final_grade: string }>(
    db,
    sql`SELECT u.employee_no, r.total_centi, r.grade, r.final_centi, r.final_grade FROM assessment_results r
        JOIN assessments a ON a.id = r.assessment_id JOIN departments d ON d.id = a.department_id JOIN users u ON u.id = r.user_id
        WHERE a.period_key = ${periodKey} AND d.name = ${department} AND a.status = 'approved' ORDER BY u.employee_no`,
  );
  return stored.map((r) => ({ employeeNo: r.employee_no, total: r.total_centi / 100, grade: r.grade, final: r.final_centi / 100, finalGrade: r.final_grade }));
}
