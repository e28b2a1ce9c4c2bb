import type { MessageTable } from './types.js';

/** KPI scorecards, rankings and targets: explanations a rep can check by hand. */
export const KPI_MESSAGES = {
  'kpi.line.linear': {
    zh: '{name} {actual} / 目标 {target} = {achievement}{note}，得分 {score} × 权重 {weight} = {contribution}',
    en: '{name} {actual} / target {target} = {achievement}{note}, score {score} × weight {weight} = {contribution}',
  },
  'kpi.line.linearLower': {
    zh: '{name} 目标 {target} / 实际 {actual} = {achievement}（越低越好）{note}，得分 {score} × 权重 {weight} = {contribution}',
    en: '{name} target {target} / actual {actual} = {achievement} (lower is better){note}, score {score} × weight {weight} = {contribution}',
  },
  'kpi.note.capped': { zh: '，封顶 {cap}', en: ', capped at {cap}' },
  'kpi.line.gated': {
    zh: '{name} {actual} / 目标 {target} = {achievement}，低于门槛 {gate}，得分 0 × 权重 {weight} = 0',
    en: '{name} {actual} / target {target} = {achievement}, below the gate of {gate}, score 0 × weight {weight} = 0',
  },
  'kpi.line.bestPossible': {
    zh: '{name} 实际 {actual}（越低越好，已是最好结果），按封顶得分 {score} × 权重 {weight} = {contribution}',
    en: '{name} actual {actual} (lower is better, the best possible), scores the cap {score} × weight {weight} = {contribution}',
  },
  'kpi.line.noData': {
    zh: '{name} 无数据（{formula}），不计入总分',
    en: '{name}: no data ({formula}); left out of the total',
  },
  'kpi.line.noDataZero': {
    zh: '{name} 无数据（{formula}），按 0 分计 × 权重 {weight} = 0',
    en: '{name}: no data ({formula}), counted as 0 × weight {weight} = 0',
  },
  'kpi.line.noTarget': {
    zh: '{name} {actual}，目标为 0 或未设定，不计入总分',
    en: '{name} {actual}: the target is 0 or not set; left out of the total',
  },
  'kpi.line.tiered': {
    zh: '{name} {actual} 达到「{op} {from}」档，得分 {score} × 权重 {weight} = {contribution}',
    en: '{name} {actual} reaches the "{op} {from}" tier, score {score} × weight {weight} = {contribution}',
  },
  'kpi.line.belowTiers': {
    zh: '{name} {actual} 未达最低档「{op} {from}」，得分 0 × 权重 {weight} = 0',
    en: '{name} {actual} is below the lowest tier "{op} {from}", score 0 × weight {weight} = 0',
  },
  'kpi.line.deduction': {
    zh: '{name} {actual} × 每个扣 {perUnit} 分 = 扣 {points} 分{note}',
    en: '{name} {actual} × {perUnit} points each = −{points} points{note}',
  },
  'kpi.line.bonus': {
    zh: '{name} {actual} × 每个加 {perUnit} 分 = 加 {points} 分{note}',
    en: '{name} {actual} × {perUnit} points each = +{points} points{note}',
  },
  'kpi.line.noDataAdjust': { zh: '{name} 无数据，不加减分', en: '{name}: no data, no points added or taken off' },
  'kpi.note.maxPoints': { zh: '（最多 {max} 分）', en: ' (at most {max})' },
  'kpi.note.prorated': {
    zh: '（目标按在岗 {days}/{periodDays} 天折算：{base} → {target}）',
    en: ' (target prorated for {days}/{periodDays} days employed: {base} → {target})',
  },
  'kpi.note.scaled': {
    zh: '（目标按考核周期的 {days}/{ofDays} 天折算：{base} → {target}）',
    en: ' (target scaled to {days}/{ofDays} of the template period: {base} → {target})',
  },
  'kpi.note.overridden': { zh: '（个人目标）', en: ' (personal target)' },
  'kpi.total': {
    zh: '总分 = 加权得分 {weighted} + 加分 {bonus} − 扣分 {deductions} = {total}，等级 {grade}',
    en: 'Total = weighted score {weighted} + bonus {bonus} − deductions {deductions} = {total}, grade {grade}',
  },
  'kpi.total.clamped': { zh: '（总分限定在 {min}–{max} 分，原为 {raw}）', en: ' (the total is kept within {min}–{max}; it was {raw})' },
  'kpi.total.none': { zh: '本期没有可计分的指标，暂无总分。', en: 'No line could be scored this period, so there is no total yet.' },
} as const satisfies MessageTable;
