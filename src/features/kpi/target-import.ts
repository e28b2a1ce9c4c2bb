import { isAppError } from '../../domain/errors.js';
import { createKpiScorecardRepository } from '../../db/repositories/kpi-scorecard-repository.js';
import { createKpiTargetRepository, type TargetChangeContext, type TargetOverride } from '../../db/repositories/kpi-target-repository.js';
import { indicatorOf } from '../../domain/kpi/indicators.js';
import { t } from '../../i18n/index.js';
import { mul, rat, ratFromDecimal, toNumber, type Rational } from '../../domain/kpi/rational.js';
import { parsePeriodKey } from '../../domain/period.js';
import type { AppDeps } from '../deps.js';
import type { TabularRecord } from '../imports/tabular.js';
import { importWithDepartmentRows, isDepartmentRow } from '../targets/department-target-import.js';

/**
 * Imports per-rep targets from a spreadsheet, all or nothing. Columns (Chinese or English headers):
 * 工号 / employee_no, 周期 / period (2026-11), 指标 / line (the line key such as "payments", or the
 * indicator's Chinese name such as 回款额), 目标 / target. Targets are written the way people write
 * them: money in 元 (12000, 1.2万, 1.2w), ratios as percents (80% or 80; a value of 1 or less is read
 * as a fraction), hours and counts as plain numbers.
 */

export interface TargetImportError {
  row: number;
  field: string;
  message: string;
}

export type TargetImportResult = { ok: true; imported: number } | { ok: false; errors: TargetImportError[] };

const HEADERS = {
  employeeNo: ['工号', 'employee_no', 'employeeNo'],
  period: ['周期', '考核周期', 'period'],
  line: ['指标', 'line', 'indicator'],
  target: ['目标', '目标值', 'target'],
} as const;

function cell(record: Record<string, unknown>, names: readonly string[]): string {
  for (const name of names) {
    const value = record[name];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
  }
  return '';
}

/** A decimal with an optional 万/w multiplier or % sign, exactly. */
function parseAmount(text: string): { value: Rational; percent: boolean } | undefined {
  const match = /^([+-]?\d+(?:\.\d+)?)\s*(万|w|W|%)?$/.exec(text.replace(/[,，¥￥元]/g, ''));
  if (!match) return undefined;
  const value = ratFromDecimal(match[1] as string);
  if (match[2] === '万' || match[2] === 'w' || match[2] === 'W') return { value: mul(value, rat(10_000)), percent: false };
  return { value, percent: match[2] === '%' };
}

export async function importTargets(deps: AppDeps, records: TabularRecord[], ctx: TargetChangeContext): Promise<TargetImportResult> {
  // Rows naming a 部门 instead of a 工号 are department (or company) targets (issue 18).
  if (records.some((r) => isDepartmentRow(r.record))) {
    return importWithDepartmentRows(deps, records, { now: ctx.now, actorUserId: ctx.actorUserId, source: ctx.source }, (rows) => importRepTargets(deps, rows, ctx));
  }
  return importRepTargets(deps, records, ctx);
}

async function importRepTargets(deps: AppDeps, records: TabularRecord[], ctx: TargetChangeContext): Promise<TargetImportResult> {
  const errors: TargetImportError[] = [];
  const rows: TargetOverride[] = [];
  if (records.length === 0) return { ok: false, errors: [{ row: 0, field: 'file', message: '文件里没有数据行 (no data rows)' }] };
  const scorer = createKpiScorecardRepository(deps.db);
  const userIds = new Map((await deps.org.employeeNumbers()).map((u) => [u.employeeNo, u.id]));
  const templatesByPeriod = new Map<string, Map<number, Awaited<ReturnType<typeof scorer.scorePeriod>>['reps'][number]>>();

  for (const { rowNumber, record } of records) {
    const fail = (field: string, message: string) => errors.push({ row: rowNumber, field, message });
    const employeeNo = cell(record, HEADERS.employeeNo);
    const periodKey = cell(record, HEADERS.period);
    const lineText = cell(record, HEADERS.line);
    const targetText = cell(record, HEADERS.target);
    const userId = userIds.get(employeeNo);
    if (!employeeNo) fail('工号', '缺少工号 (employee number missing)');
    else if (userId === undefined) fail('工号', `没有工号为 ${employeeNo} 的员工 (unknown employee number)`);
    const period = parsePeriodKey(periodKey, ctx.zone);
    if (!period) fail('周期', `周期「${periodKey}」格式不对，应为 2026-11 (bad period)`);
    else if (period.end <= ctx.now) fail('周期', `周期 ${period.key} 已结束，目标不能再修改 (the period is closed)`);
    if (userId === undefined || !period || period.end <= ctx.now) continue;

    let reps = templatesByPeriod.get(period.key);
    if (!reps) {
      reps = new Map((await scorer.scorePeriod(period)).reps.map((r) => [r.userId, r]));
      templatesByPeriod.set(period.key, reps);
    }
    const rep = reps.get(userId);
    if (!rep) {
      fail('工号', `${employeeNo} 在 ${period.key} 不在考核范围 (not assessed in that period)`);
      continue;
    }
    const line = rep.content.lines.find((l) => l.id === lineText || t('zh', indicatorOf(l.indicator).name) === lineText);
    if (!line) {
      fail('指标', `模板「${rep.content.name}」里没有指标「${lineText}」，可选：${rep.content.lines.map((l) => `${l.id}/${t('zh', indicatorOf(l.indicator).name)}`).join('、')}`);
      continue;
    }
    const amount = parseAmount(targetText);
    if (!amount || amount.value.n < 0n) {
      fail('目标', `目标「${targetText}」不是有效的非负数字 (not a non-negative number)`);
      continue;
    }
    const unit = indicatorOf(line.indicator).unit;
    let value = amount.value;
    if (unit === 'fen') {
      value = mul(value, rat(100));
      if (value.d !== 1n) {
        fail('目标', `金额「${targetText}」最多两位小数 (at most 2 decimals)`);
        continue;
      }
    } else if (unit === 'ratio' && (amount.percent || toNumber(value) > 1)) {
      value = mul(value, rat(1, 100));
    }
    rows.push({ userId, periodKey: period.key, lineKey: line.id, target: toNumber(value) });
  }
  if (errors.length > 0) return { ok: false, errors };
  try {
    return { ok: true, imported: await createKpiTargetRepository(deps.db).setMany(rows, ctx) };
  } catch (error) {
    // A closed period is refused by the repository as a whole; report it like a row error.
    if (isAppError(error) && typeof error.params.reason === 'string') return { ok: false, errors: [{ row: 0, field: '周期', message: error.params.reason }] };
    throw error;
  }
}
