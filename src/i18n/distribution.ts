import type { MessageTable } from './types.js';

/** The forced-distribution check (强制分布) on the approval card, the H5 page and the approve step. */
export const DISTRIBUTION_MESSAGES = {
  'distribution.check.maxOk': { zh: '{grade} 级 {count} 人，上限 {limit} 人 ✓', en: '{grade}: {count}, at most {limit} ✓' },
  'distribution.check.maxBreach': { zh: '⚠️ {grade} 级 {count} 人，超过上限 {limit} 人', en: '⚠️ {grade}: {count}, over the maximum of {limit}' },
  'distribution.check.minOk': { zh: '{grade} 级 {count} 人，至少 {limit} 人 ✓', en: '{grade}: {count}, at least {limit} ✓' },
  'distribution.check.minBreach': { zh: '⚠️ {grade} 级 {count} 人，至少需要 {limit} 人', en: '⚠️ {grade}: {count}, at least {limit} needed' },
  'distribution.rounding.small-team': {
    zh: '强制分布（{n} 人，不足 10 人按小团队取整：上限向上取整，下限向下取整）：{rules}',
    en: 'Forced distribution ({n} people, under 10, small-team rounding: maximums round up, minimums round down): {rules}',
  },
  'distribution.rounding.standard': {
    zh: '强制分布（{n} 人：上限向下取整，下限向上取整）：{rules}',
    en: 'Forced distribution ({n} people: maximums round down, minimums round up): {rules}',
  },
  'distribution.rule': { zh: '{grade} {op} {percent}% → {formula} = {limit} 人', en: '{grade} {op} {percent}% → {formula} = {limit}' },
  'distribution.breached': { zh: '超出强制分布：通过前须填写确认理由', en: 'Outside the forced distribution: approving needs a reason' },
  'distribution.ackLabel': { zh: '确认超出强制分布的理由（必填）', en: 'Why approve outside the forced distribution (required)' },
  'distribution.ackConfirm': { zh: '确认通过', en: 'Confirm approval' },
  'distribution.problem.ackRequired': {
    zh: '{department} 超出强制分布（{grades}），请填写确认理由后再通过，例如：通过 {department} {period} 理由',
    en: '{department} is outside the forced distribution ({grades}); give a reason to approve, e.g. 通过 {department} {period} <reason>',
  },
  'distribution.approvedWithAck': { zh: '已知悉超出强制分布：{reason}', en: 'Approved outside the forced distribution: {reason}' },
} as const satisfies MessageTable;
