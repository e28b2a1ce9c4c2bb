import type { MessageTable } from './types.js';

/** Sales records: visits, deals, payments, customers, surveys, complaints, training. */
export const RECORDS_MESSAGES = {
  'records.error.amountNegative': { zh: '金额「{input}」不能为负数', en: 'amount "{input}" cannot be negative' },
  'records.error.amountUnreadable': {
    zh: '看不懂金额「{input}」，请写成 5万、1.2万、50000 或 ¥50,000',
    en: 'cannot read the amount "{input}"; write it like 5万, 1.2万, 50000 or ¥50,000',
  },
  'records.error.amountTooPrecise': { zh: '金额「{input}」最多精确到分', en: 'amount "{input}" has more than two decimals (fen)' },
  'records.error.amountZero': { zh: '金额「{input}」必须大于 0', en: 'amount "{input}" must be more than 0' },
  'records.error.amountTooLarge': {
    zh: '金额「{input}」超过单笔上限 ¥{max}，请检查是否多打了 0',
    en: 'amount "{input}" is over the single-entry limit of ¥{max}; check for an extra zero',
  },
  'records.error.amountMissing': { zh: '请写上金额，例如 5万', en: 'please add the amount, e.g. 5万' },
  'records.error.dateInvalid': { zh: '日期「{input}」不存在，请检查月和日', en: 'the date "{input}" does not exist' },
  'records.error.dateFuture': {
    zh: '{what}日期 {date} 在今天之后，请填写已经发生的日期',
    en: 'the {what} date {date} is after today; enter a date that has passed',
  },
  'records.error.dateTooOld': {
    zh: '日期 {date} 太早了（最多补录 {days} 天内的记录）。如需更正，请由主管或 HR 填写原因，作为锁定后更正录入',
    en: 'the date {date} is too long ago (at most {days} days back). To correct it, a manager or HR enters it with a reason as a post-lock correction',
  },
  'records.error.datePeriodLocked': {
    zh: '日期 {date} 所在的考核周期 {period} 已审批锁定，不能再补录。如需更正，请由主管或 HR 填写原因，作为锁定后更正录入',
    en: 'the date {date} is in the assessment period {period}, which is approved and locked. To correct it, a manager or HR enters it with a reason as a post-lock correction',
  },
  'records.error.dueInPast': { zh: '下一步的日期 {date} 已经过去了', en: 'the next-step date {date} has already passed' },
  'records.error.customerMissing': { zh: '请写上客户名称', en: 'please add the customer name' },
  'records.error.scoreInvalid': { zh: '满意度「{input}」请填 1–5 分', en: 'satisfaction "{input}" must be a score from 1 to 5' },
  'records.error.npsInvalid': { zh: 'NPS「{input}」请填 0–10', en: 'NPS "{input}" must be 0 to 10' },
  'records.error.hoursInvalid': {
    zh: '时长「{input}」看不懂，请写成 2小时、1.5h 或 90分钟',
    en: 'cannot read the duration "{input}"; write it like 2小时, 1.5h or 90分钟',
  },
  'records.error.hoursTooLong': { zh: '时长「{input}」超过 24 小时，请分天记录', en: 'duration "{input}" is over 24 hours; record each day separately' },
  'records.error.phoneInvalid': { zh: '电话「{input}」格式不对，请写 11 位手机号或带区号的座机', en: 'phone "{input}" is not a valid mobile or landline number' },
  'records.error.stageMissing': {
    zh: '请写上阶段：线索、需求确认、方案报价、谈判、赢单或输单',
    en: 'please add the stage: 线索, 需求确认, 方案报价, 谈判, 赢单 or 输单',
  },
  'records.error.contentMissing': { zh: '请写上投诉内容', en: 'please describe the complaint' },
  'records.error.courseMissing': { zh: '请写上课程名称', en: 'please add the course name' },
  'records.error.customerHidden': {
    zh: '客户「{name}」已由其他同事负责，你不能查看或记录。如需转给你，请联系主管。',
    en: 'The customer "{name}" belongs to a colleague; you cannot see or record on it. Ask your manager to reassign it.',
  },
  'records.error.customerForbidden': { zh: '你不能操作这个客户的记录', en: 'you cannot change records of this customer' },
  'records.error.recordForbidden': { zh: '这条记录不属于你，不能查看或修改', en: 'this record is not yours to see or change' },
  'records.error.recordGone': { zh: '这条记录已不存在（可能已撤销）', en: 'this record no longer exists (it may have been undone)' },
  'records.error.channelRequired': { zh: '请选择渠道', en: 'please choose a channel' },
  'records.error.channelUnknown': { zh: '没有「{input}」这个渠道，可选：{options}', en: 'no channel "{input}"; choose one of: {options}' },
  'records.error.kindUnknown': { zh: '「{input}」不是可选的类型', en: '"{input}" is not one of the choices' },
  'records.error.noOpenDeal': {
    zh: '客户「{name}」没有进行中的商机。先发送「商机 {name} 金额」新建一个。',
    en: 'The customer "{name}" has no open opportunity. Create one first: 商机 {name} <amount>.',
  },
  'records.error.dealNotFound': { zh: '没有找到商机 #{id}', en: 'no opportunity #{id}' },
  'records.error.dealClosed': { zh: '商机 #{id} 已经是「{stage}」，不能再改阶段', en: 'opportunity #{id} is already {stage}' },
  'records.error.noWonDeal': {
    zh: '客户「{name}」还没有成交记录，回款要挂在成交上。先发送「成交 {name} 金额」。',
    en: 'The customer "{name}" has no won deal to attach the payment to. Record it first: 成交 {name} <amount>.',
  },
  'records.payment.overpay': {
    zh: '这笔回款 {amount} 会超出商机 #{dealId} 的金额：合同 {deal}，已回款 {paid}，超出 {excess}。确认要保存吗？',
    en: 'This payment of {amount} takes opportunity #{dealId} over its amount: deal {deal}, paid so far {paid}, excess {excess}. Save it anyway?',
  },
  'records.payment.overpayTitle': { zh: '回款超出合同金额', en: 'Payment over the deal amount' },
  'records.payment.confirm': { zh: '确认', en: 'Confirm' },
  'records.payment.cancel': { zh: '取消', en: 'Cancel' },
  'records.payment.cancelled': { zh: '已取消，这笔回款没有保存。', en: 'Cancelled: the payment was not saved.' },
  'records.error.undoHasPayments': { zh: '这笔成交已有回款，不能撤销；请先撤销回款', en: 'this deal has payments; undo those first' },
  'records.error.undoHasRecords': { zh: '客户已有其他记录，不能撤销创建', en: 'the customer already has other records; its creation cannot be undone' },
  'records.error.stageSame': { zh: '商机 #{id} 已经是「{stage}」阶段', en: 'opportunity #{id} is already at {stage}' },
  'records.error.customerNotFound': { zh: '没有找到客户「{name}」。可先发送「客户 {name} 渠道」新建。', en: 'no customer "{name}"; create it first: 客户 {name} <channel>' },
  'records.error.complaintNotFound': { zh: '没有找到投诉 #{id}', en: 'no complaint #{id}' },
  'records.error.complaintStatusMissing': {
    zh: '请写投诉编号和状态，例如「投诉处理 #12 已响应」或「投诉处理 #12 已关闭」',
    en: 'write the complaint number and status, e.g. 投诉处理 #12 已响应 or 投诉处理 #12 已关闭',
  },
  'records.error.requiredMissing': { zh: '请填写必填项：{fields}', en: 'please fill in: {fields}' },
  'records.error.tooLong': { zh: '「{what}」太长了（最多 {max} 个字）', en: '{what} is too long (at most {max} characters)' },
} as const satisfies MessageTable;
