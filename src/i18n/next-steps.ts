import type { MessageTable } from './types.js';

/** Next-step reminders (下一步提醒), 待办 and their buttons. */
export const NEXT_STEP_MESSAGES = {
  'command.todo.summary': { zh: '我的待办：未完成的下一步（到期日、客户、内容）', en: 'My to-dos: open next steps (due date, customer, step)' },
  'nextStep.reminder.title': { zh: '今日待办 · {customer}', en: 'Due today · {customer}' },
  'nextStep.reminder.body': { zh: '**下一步**：{step}\n到期：{due}', en: '**Next step**: {step}\nDue: {due}' },
  'nextStep.button.done': { zh: '完成', en: 'Done' },
  'nextStep.button.reschedule': { zh: '改期', en: 'Reschedule' },
  'nextStep.button.visit': { zh: '记拜访', en: 'Log visit' },
  'nextStep.reschedule.title': { zh: '改期 · {customer}', en: 'Reschedule · {customer}' },
  'nextStep.reschedule.date': { zh: '新日期', en: 'New date' },
  'nextStep.reschedule.submit': { zh: '确定', en: 'Save' },
  'nextStep.typed.reschedule': { zh: '改期 {n} 下周五', en: 'reschedule {n} next friday' },
  'nextStep.done': { zh: '已完成：{customer} · {step}', en: 'Done: {customer} · {step}' },
  'nextStep.alreadyDone': { zh: '这条下一步已完成', en: 'This next step is already done' },
  'nextStep.rescheduled': { zh: '已改期到 {date}，当天 9:00 再提醒', en: 'Moved to {date}; you will be reminded that morning' },
  'nextStep.notFound': { zh: '找不到这条下一步（编号 {n}）', en: 'No next step number {n}' },
  'nextStep.notYours': { zh: '只能处理自己的下一步', en: 'You can only act on your own next steps' },
  'nextStep.dateInvalid': { zh: '看不懂日期“{input}”，例如：改期 1 下周五、改期 1 12-31', en: 'Cannot read the date "{input}"; e.g. reschedule 1 next friday, reschedule 1 12-31' },
  'nextStep.dateInPast': { zh: '新日期 {date} 已经过去', en: 'The new date {date} has passed' },
  'nextStep.usage': { zh: '用法：改期 <编号> <日期>，例如 改期 1 下周五（编号见“待办”）', en: 'Usage: reschedule <no.> <date>, e.g. reschedule 1 next friday (numbers from /todo)' },
  'nextStep.list.title': { zh: '我的待办（{n} 条）', en: 'My to-dos ({n})' },
  'nextStep.list.empty': { zh: '没有未完成的下一步。记拜访时写“下一步 下周三报价”即可生成待办。', en: 'No open next steps. Add "next: quote" to a visit to make one.' },
  'nextStep.list.line': { zh: '#{n} {due} · {customer}：{step}', en: '#{n} {due} · {customer}: {step}' },
  'nextStep.list.overdue': { zh: '（逾期）', en: ' (overdue)' },
  'nextStep.list.hint': { zh: '完成 <编号> 标记完成 · 改期 <编号> 下周五', en: 'done <no.> to complete · reschedule <no.> next friday' },
  'nextStep.me.overdue': { zh: '**逾期的下一步**（{n} 条）', en: '**Overdue next steps** ({n})' },
} as const satisfies MessageTable;
