import { inTransaction } from '../../db/client.js';
import { isProblemError } from '../../domain/problem.js';
import type { IndicatorUnit } from '../../domain/kpi/indicators.js';
import { mul, rat, type Rational } from '../../domain/kpi/rational.js';
import type { SplitMethod } from '../../domain/targets/split.js';
import { translateProblem } from '../../i18n/problem-text.js';
import type { AppDeps } from '../deps.js';
import type { TabularRecord } from '../imports/tabular.js';
import { applyOrgTarget } from './cascade.js';

/**
 * Department (and company) rows of the target spreadsheet: a 部门 / department column (the path,
 * e.g. 销售部/华东一组, or 公司 / company) instead of 工号, with 周期, 指标 (the line key, e.g. payments), 目标 (money in 元) and an
 * optional 拆分 / split (平均 even, 按占比 share) that splits the target to the department's reps.
 */
export const DEPARTMENT_HEADERS = ['部门', 'department'] as const;
const SPLIT_HEADERS = ['拆分', '拆分方式', 'split'] as const;
const COMPANY = new Set(['公司', 'company', '全公司']);
const SPLITS: Record<string, SplitMethod> = { 平均: 'even', 均分: 'even', even: 'even', 按占比: 'share', 按上期占比: 'share', share: 'share' };

export interface RowError {
  row: number;
  field: string;
  message: string;
}

function cell(record: Record<string, unknown>, names: readonly string[]): string {
  for (const name of names) {
    const value = record[name];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
  }
  return '';
}

export const isDepartmentRow = (record: Record<string, unknown>): boolean => cell(record, DEPARTMENT_HEADERS) !== '' && cell(record, ['工号', 'employee_no', 'employeeNo']) === '';

class RowsRefused extends Error {
  constructor(readonly errors: RowError[]) {
    super('rows refused');
  }
}

/**
 * Imports department rows and the rep rows beside them all or nothing: one transaction, rolled back
 * when any row of either kind is refused.
 */
export async function importWithDepartmentRows(
  deps: AppDeps,
  records: TabularRecord[],
  who: { now: number; actorUserId: number | null; source: string },
  importRepRows: (rows: TabularRecord[]) => Promise<{ ok: true; imported: number } | { ok: false; errors: RowError[] }>,
): Promise<{ ok: true; imported: number } | { ok: false; errors: RowError[] }> {
  const departmentRows = records.filter((r) => isDepartmentRow(r.record));
  const repRows = records.filter((r) => !isDepartmentRow(r.record));
  const paths = new Map((await deps.org.listDepartments()).map((d) => [d.path, d.id]));
  try {
    return await inTransaction(deps.db, async () => {
      const errors: RowError[] = [];
      let imported = 0;
      for (const { rowNumber, record } of departmentRows) {
        const path = cell(record, DEPARTMENT_HEADERS);
        const departmentId = COMPANY.has(path) ? null : paths.get(path);
        if (departmentId === undefined) {
          errors.push({ row: rowNumber, field: '部门', message: `没有部门「${path}」(unknown department)` });
          continue;
        }
        const splitText = cell(record, SPLIT_HEADERS);
        const split = splitText ? SPLITS[splitText] : undefined;
        if (splitText && !split) {
          errors.push({ row: rowNumber, field: '拆分', message: `拆分方式「${splitText}」应为 平均 或 按占比 (even or share)` });
          continue;
        }
        const lineKey = cell(record, ['指标', 'line', 'indicator']);
        const target = wholeTarget(cell(record, ['目标', '目标值', 'target']));
        if (target === undefined) {
          errors.push({ row: rowNumber, field: '目标', message: '目标应为不小于 0 的金额（元，最多两位小数）或整数 (a whole amount)' });
          continue;
        }
        try {
          await applyOrgTarget(deps, who, { periodKey: cell(record, ['周期', '考核周期', 'period']), departmentId, lineKey, target, ...(split ? { split: { method: split } } : {}) });
          imported += 1;
        } catch (error) {
          if (!isProblemError(error)) throw error;
          errors.push({ row: rowNumber, field: '部门', message: translateProblem('zh', error.problem) });
        }
      }
      const reps = repRows.length > 0 ? await importRepRows(repRows) : { ok: true as const, imported: 0 };
      if (!reps.ok) errors.push(...reps.errors);
      if (errors.length > 0) throw new RowsRefused(errors);
      return { ok: true as const, imported: imported + (reps.ok ? reps.imported : 0) };
    });
  } catch (error) {
    if (error instanceof RowsRefused) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** "12000" or "1.2万" (元 for money lines, else a count) → whole units once the line's unit is known. */
function wholeTarget(text: string): ((unit: IndicatorUnit) => number | undefined) | undefined {
  const match = /^(\d+(?:\.\d{1,2})?)\s*(万|w|W)?$/.exec(text.replace(/[,，¥￥元]/g, ''));
  if (!match) return undefined;
  const [whole = '0', fraction = ''] = (match[1] as string).split('.');
  let value: Rational = rat(BigInt(whole + fraction.padEnd(2, '0')), 100n);
  if (match[2]) value = mul(value, rat(10_000));
  return (unit) => {
    const scaled = unit === 'fen' ? mul(value, rat(100)) : value;
    return scaled.d === 1n ? Number(scaled.n) : undefined;
  };
}
