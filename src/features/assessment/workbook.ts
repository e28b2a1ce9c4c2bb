import type { Db } from '../../db/client.js';
import { postLockAdjustmentsOf } from '../../db/repositories/assessment-post-lock.js';
import type { AssessmentRepository } from '../../db/repositories/assessment-repository.js';
import { centiText } from '../../domain/assessment/frozen-scorecard.js';
import type { FrozenLine } from '../../domain/assessment/frozen-scorecard.js';
import { loadExcelJs } from '../imports/tabular.js';
import { addPayrollSheet } from '../pay/payroll-sheet.js';

const STATUS_ZH: Record<string, string> = { published: '待确认', acknowledged: '已确认', appealed: '申诉中', appeal_resolved: '申诉已处理', final: '已生效' };

/** A line's value as a spreadsheet number: money in 元, ratios in %, others as they are. */
function cellNumber(line: FrozenLine, value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  if (line.unit === 'fen') return Math.round(n) / 100;
  if (line.unit === 'ratio') return Math.round(n * 10_000) / 100;
  return n;
}

function unitLabel(unit: string): string {
  return unit === 'fen' ? '（元）' : unit === 'ratio' ? '（%）' : '';
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them, and duplicates. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i += 1) candidate = `${base}-${i}`;
  taken.add(candidate);
  return candidate;
}

/**
 * The approved results of a period as a workbook: one sheet per department, one row per rep with
 * each line's actual, target and score, the total, grade, adjustments and status; then the payroll sheet.
 */
export async function exportAssessmentWorkbook(db: Db, repo: AssessmentRepository, periodKey: string): Promise<{ buffer: Buffer; departments: number }> {
  const workbook = new (await loadExcelJs()).Workbook();
  const taken = new Set<string>();
  const approved = (await repo.listByPeriod(periodKey)).filter((a) => a.status === 'approved');
  const payroll: { id: number; employeeNo: string; name: string }[] = [];
  for (const assessment of approved) {
    const results = await repo.resultsOf(assessment.id);
    payroll.push(...results);
    const lines = new Map<string, FrozenLine>();
    for (const r of results) for (const line of r.scorecard.lines) if (!lines.has(line.lineId)) lines.set(line.lineId, line);
    const sheet = workbook.addWorksheet(sheetName(assessment.departmentName, taken));
    const header = ['工号', '姓名'];
    for (const line of lines.values()) header.push(`${line.name.zh} 实际${unitLabel(line.unit)}`, `${line.name.zh} 目标${unitLabel(line.unit)}`, `${line.name.zh} 得分`);
    header.push('系统总分', '系统等级', '经理/申诉调整', '调整原因', '最终得分', '最终等级', '状态', '审批版本', '锁定后更正');
    sheet.addRow(header);
    sheet.getRow(1).font = { bold: true };
    for (const r of results) {
      const byId = new Map(r.scorecard.lines.map((l) => [l.lineId, l]));
      const row: (string | number | null)[] = [r.employeeNo, r.name];
      for (const [lineId, template] of lines) {
        const line = byId.get(lineId);
        row.push(line ? cellNumber(template, line.actual) : null, line ? cellNumber(template, line.target) : null, line?.score == null ? null : Number(line.score));
      }
      const postLock = await postLockAdjustmentsOf(db, r.id);
      row.push(
        r.totalCenti === null ? null : r.totalCenti / 100,
        r.grade,
        r.adjustmentCenti / 100,
        r.adjustmentReason ?? '',
        r.finalCenti === null ? null : r.finalCenti / 100,
        r.finalGrade,
        r.status ? (STATUS_ZH[r.status] ?? r.status) : '',
        r.approvedVersion,
        postLock.map((p) => `${centiText(p.lockedTotalCenti)} → ${centiText(p.recomputedTotalCenti)}（计入 ${p.applyInPeriodKey}）`).join('；'),
      );
      sheet.addRow(row);
    }
    sheet.columns.forEach((column) => {
      column.width = 14;
    });
  }
  if (approved.length > 0) await addPayrollSheet(workbook, db, payroll);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), departments: approved.length };
}
