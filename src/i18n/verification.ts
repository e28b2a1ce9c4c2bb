import type { MessageTable } from './types.js';

/** Verification of records (issue 17): the template rule, what a scorecard left out, the manager's confirmation. */
export const VERIFICATION_MESSAGES = {
  'verification.self': { zh: '本人填报', en: 'self-reported' },
  'verification.located': { zh: '定位签到', en: 'checked in on location' },
  'verification.customer': { zh: '客户本人', en: 'from the customer' },
  'verification.manager': { zh: '经理确认', en: 'manager-confirmed' },
  'verification.finance': { zh: '财务核对', en: 'matched by finance' },
  'verification.imported': { zh: '导入', en: 'imported' },
  'kpi.template.verificationEmpty': { zh: '至少选择一种核实方式', en: 'choose at least one verification' },
  'kpi.template.verificationWeight': { zh: '只能给计入的核实方式设权重', en: 'weights only for verifications that count' },
  'kpi.leftOut.visits': { zh: '{n} 次拜访未核实，未计入', en: '{n} unverified visits not counted' },
  'kpi.leftOut.payments': { zh: '{n} 笔回款未核实，未计入', en: '{n} unverified payments not counted' },
  'kpi.leftOut.surveys': { zh: '{n} 条满意度未经客户确认，未计入', en: '{n} satisfaction scores not from the customer, not counted' },
  'kpi.leftOut.complaints': { zh: '{n} 条投诉未核实，未计入', en: '{n} unverified complaints not counted' },
  'kpi.leftOut.trainings': { zh: '{n} 次培训未经经理确认，未计入', en: '{n} trainings not confirmed by the manager, not counted' },
  'kpi.note.actualCapped': { zh: '本期最多计 {cap}，实际 {actual}，超出部分未计入', en: 'at most {cap} counts per period; {actual} recorded, the rest not counted' },
  // Wraps the notes above after a scorecard line.
  'kpi.note.aside': { zh: '（{text}）', en: ' ({text})' },
} as const satisfies MessageTable;
