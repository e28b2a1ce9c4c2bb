import type { MessageTable } from './types.js';

/** Scheduled pushes: the weekly KPI card, the managers' ranking card, alerts and the subscription switch. */
export const SCHEDULE_MESSAGES = {
  'weekly.card.title': { zh: '{name} · {week} 周报', en: '{name} · weekly report {week}' },
  'weekly.card.subtitle': { zh: '{from} ~ {to}', en: '{from} – {to}' },
  'weekly.card.total': { zh: '本周总分', en: 'Week total' },
  'weekly.card.grade': { zh: '等级', en: 'Grade' },
  'weekly.card.rank': { zh: '组内排名', en: 'Rank in team' },
  'weekly.card.rankValue': { zh: '第 {rank} / {of} 名', en: '{rank} of {of}' },
  'weekly.card.none': { zh: '暂无', en: 'n/a' },
  'weekly.card.line': { zh: '**{name}** {actual} / {target} · 达成 {achievement} {trend}', en: '**{name}** {actual} / {target} · {achievement} {trend}' },
  'weekly.card.nextTitle': { zh: '**下一步**', en: '**Next**' },
  'weekly.card.trendNote': { zh: '↑↓ 为与上周相比；目标按周折算（7 ÷ 当月天数）。', en: '↑↓ compare with the week before; targets are scaled to the week (7 ÷ days in the month).' },
  'weekly.card.dashboard': { zh: '打开业绩看板', en: 'Open the dashboard' },
  'weekly.button.visit': { zh: '记拜访', en: 'Log a visit' },
  'weekly.button.unsubscribe': { zh: '不再接收周报', en: 'Stop weekly cards' },
  'weekly.remaining.weeks': { zh: '剩 {n} 周', en: '{n} weeks left' },
  'weekly.remaining.days': { zh: '剩 {n} 天', en: '{n} days left' },
  'weekly.next.gap': { zh: '本月{name}还差 {gap}，{remaining}', en: '{name}: {gap} to go this month, {remaining}' },
  'weekly.next.allMet': { zh: '本月各项目标均已达成，继续保持！', en: 'Every target of the month is met: keep it up!' },

  'ranking.card.title': { zh: '{team} · {week} 团队排行', en: '{team} · team ranking {week}' },
  'ranking.card.subtitle': { zh: '本周 {from} ~ {to} · 本月累计 {month}', en: 'Week {from} – {to} · month to date {month}' },
  'ranking.card.header': { zh: '**排名 · 姓名 · 本周总分(等级) · 本月累计**', en: '**Rank · name · week total (grade) · month to date**' },
  'ranking.card.row': { zh: '{rank}. {name} {total}({grade}){move} · 本月 #{monthRank} {monthTotal}({monthGrade}){flag}', en: '{rank}. {name} {total} ({grade}){move} · month #{monthRank} {monthTotal} ({monthGrade}){flag}' },
  'ranking.card.noVisitFlag': { zh: ' · ⚠️本周无拜访', en: ' · ⚠️ no visits this week' },
  'ranking.card.moversUp': { zh: '**进步**：{names}', en: '**Moved up**: {names}' },
  'ranking.card.moversDown': { zh: '**退步**：{names}', en: '**Moved down**: {names}' },
  'ranking.card.noVisits': { zh: '**本周无拜访**（{count} 人）：{names}', en: '**No visits this week** ({count}): {names}' },
  'ranking.card.truncated': { zh: '仅显示前 {shown} 名，共 {total} 人。', en: 'Showing the top {shown} of {total}.' },
  'ranking.card.full': { zh: '查看完整排行', en: 'See the full ranking' },
  'ranking.card.empty': { zh: '本周团队暂无可排名的业务员。', en: 'No rep in the team could be ranked this week.' },
  'ranking.button.rank': { zh: '本月排行', en: 'Month ranking' },

  'alert.card.title': { zh: '⚠️ 预警 · {rule}', en: '⚠️ Alert · {rule}' },
  'alert.rule.noVisit': { zh: '长时间未拜访', en: 'No recent visits' },
  'alert.rule.lowAchievement': { zh: '月度达成偏低', en: 'Low month-to-date achievement' },
  'alert.rule.stuckDeal': { zh: '商机停滞', en: 'Stuck opportunity' },
  'alert.rule.complaint': { zh: '投诉超时未回复', en: 'Complaint not answered' },
  'alert.rule.completeness': { zh: '资料完整率偏低', en: 'Low data completeness' },
  'alert.noVisit': { zh: '{name} 已连续 {days} 个工作日没有拜访记录（上次拜访：{last}）。', en: '{name} has logged no visit for {days} working days (last visit: {last}).' },
  'alert.noVisit.never': { zh: '从未', en: 'never' },
  'alert.lowAchievement': {
    zh: '{name} 本月{line} {actual}，按进度应达 {expected}（目标 {target} × {elapsed}/{days} 天），达成 {achievement}，低于 {threshold}。',
    en: '{name}: {line} {actual} this month against {expected} on pace (target {target} × {elapsed}/{days} days): {achievement}, below {threshold}.',
  },
  'alert.stuckDeal': { zh: '{name} 的商机「{deal}」（{customer}，{amount}）已在「{stage}」阶段停留 {days} 天。', en: '{name}’s opportunity “{deal}” ({customer}, {amount}) has been in stage “{stage}” for {days} days.' },
  'alert.complaint': { zh: '{name} 负责的客户「{customer}」的投诉已 {hours} 小时未回复：{content}', en: 'A complaint from {customer} ({name}) has waited {hours} hours for an answer: {content}' },
  'alert.completeness': { zh: '{name} 本月资料完整率 {share}，低于 {threshold}。', en: '{name}’s data completeness this month is {share}, below {threshold}.' },
  'alert.note': { zh: '每个对象每期只提醒一次。阈值可由管理员配置。', en: 'Sent once per subject and period. Admins configure the thresholds.' },

  'command.subscribe.summary': { zh: '周报订阅：订阅 关 / 订阅 开（人事通知不受影响）', en: 'Weekly card subscription: /subscribe off | on (HR notices always arrive)' },
  'subscribe.on': { zh: '已开启每周业绩周报，每周一上午推送。', en: 'Weekly KPI cards are on: they arrive every Monday morning.' },
  'subscribe.off': { zh: '已关闭每周业绩周报。发送「订阅 开」可重新开启；人事与考核通知仍会照常发送。', en: 'Weekly KPI cards are off. Send “/subscribe on” to turn them back on; HR and assessment notices still arrive.' },
  'subscribe.status.on': { zh: '你目前接收每周业绩周报。发送「订阅 关」可关闭。', en: 'You receive the weekly KPI card. Send “/subscribe off” to stop it.' },
  'subscribe.status.off': { zh: '你目前不接收每周业绩周报。发送「订阅 开」可开启。', en: 'You do not receive the weekly KPI card. Send “/subscribe on” to start it.' },
  'subscribe.bad': { zh: '请输入「订阅 开」或「订阅 关」', en: 'send “/subscribe on” or “/subscribe off”' },
} as const satisfies MessageTable;

/** Opportunity stages as people say them (stuck-deal alerts). */
export const DEAL_STAGE_MESSAGES = {
  'deal.stage.lead': { zh: '线索', en: 'lead' },
  'deal.stage.qualified': { zh: '需求确认', en: 'qualified' },
  'deal.stage.proposal': { zh: '方案/报价', en: 'proposal' },
  'deal.stage.negotiation': { zh: '谈判', en: 'negotiation' },
  'deal.stage.won': { zh: '赢单', en: 'won' },
  'deal.stage.lost': { zh: '输单', en: 'lost' },
} as const satisfies MessageTable;
