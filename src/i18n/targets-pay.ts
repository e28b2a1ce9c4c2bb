import type { MessageTable } from './types.js';

/** Cascading targets and the pay preview (issue 18). */
export const TARGETS_PAY_MESSAGES = {
  'targets.department.notFound': { zh: '没有这个部门（{id}）', en: 'No such department ({id})' },
  'targets.department.forbidden': { zh: '只能设置自己负责的部门的目标', en: 'You can only set targets for a department you lead' },
  'targets.company.forbidden': { zh: '公司目标只有管理员可以设置', en: 'Only an admin can set the company target' },
  'targets.period.closed': { zh: '周期 {period} 已结束，目标不能再修改', en: 'Period {period} has ended: its targets can no longer change' },
  'targets.line.unknown': { zh: '部门成员的考核模板里没有指标行「{line}」，可选：{lines}', en: 'No line “{line}” in the department’s template; choose from {lines}' },
  'targets.line.notSplittable': { zh: '指标「{line}」是比例，不能按部门拆分；请直接给每人设目标', en: 'Line “{line}” is a ratio and cannot be split; set each rep’s target instead' },
  'targets.target.notWhole': { zh: '目标必须是不小于 0 的整数（金额以分计）', en: 'A target must be a whole number ≥ 0 (money in fen)' },
  'targets.manual.unknownRep': { zh: '手工拆分里有不属于该部门的人（{userId}）', en: 'The manual split names someone outside the department ({userId})' },
  'targets.noReps': { zh: '该部门在 {period} 没有被考核的销售', en: 'Nobody in the department is assessed in {period}' },
  'pay.rule.invalid': { zh: '绩效规则有误：{issues}', en: 'The pay rule is not valid: {issues}' },
  'pay.rule.duplicateGrade': { zh: '等级重复', en: 'a grade appears twice' },
  'pay.rule.firstTierAtZero': { zh: '第一档必须从 0 开始', en: 'the first tier starts at 0' },
  'pay.rule.tiersRise': { zh: '各档起点必须逐档升高', en: 'each tier must start above the one before' },
  'pay.rule.effectiveFrom': { zh: '生效日期 {date} 不是周期的第一天', en: 'effective date {date} is not the first day of a period' },
  'pay.preview.coefficient': { zh: '预计绩效奖金系数 {value}', en: 'Expected bonus coefficient {value}' },
  'pay.preview.commission': { zh: '预计提成 {amount}', en: 'Expected commission {amount}' },
  'pay.preview.line': { zh: '{preview}（仅供参考，非工资）', en: '{preview} (for reference only, not payroll)' },
  'pay.preview.notPayroll': { zh: '仅供参考，非工资', en: 'For reference only, not payroll' },
  'pay.sheet.name': { zh: '绩效工资', en: 'Payroll' },
  'pay.sheet.employeeNo': { zh: '工号', en: 'Employee no.' },
  'pay.sheet.name.column': { zh: '姓名', en: 'Name' },
  'pay.sheet.coefficient': { zh: '系数', en: 'Coefficient' },
  'pay.sheet.commission': { zh: '提成(元)', en: 'Commission (yuan)' },
} as const satisfies MessageTable;
