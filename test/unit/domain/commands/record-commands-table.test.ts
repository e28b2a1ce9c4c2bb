import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../../../../src/domain/commands/parse-context.js';
import { parseContact, parseCustomer, maskPhonesInText } from '../../../../src/domain/commands/parse-customers.js';
import { parseDeal, parseOpportunity, parsePayment, parseStage } from '../../../../src/domain/commands/parse-deals.js';
import { parseComplaint, parseSurvey } from '../../../../src/domain/commands/parse-feedback.js';
import { parseTraining } from '../../../../src/domain/commands/parse-training.js';
import { parseVisit } from '../../../../src/domain/commands/parse-visit.js';
import { parseComplaintStatus } from '../../../../src/domain/commands/parse-complaint-status.js';

// Friday 2026-11-27, the default ceiling of ¥100,000,000.
const ctx: ParseContext = { today: '2026-11-27', maxAmountFen: 10_000_000_000 };
const visit = (customer: string | null, extra: Partial<Record<string, unknown>> = {}) => ({
  customer,
  visitDate: '2026-11-27',
  kind: 'onsite',
  notes: null,
  nextStep: null,
  nextStepDue: null,
  ...extra,
});

/** The text after 拜访 -> the visit it describes. */
const VISITS: [string, ReturnType<typeof visit>][] = [
  ['华为 聊了采购计划', visit('华为', { notes: '聊了采购计划' })],
  ['华为', visit('华为')],
  ['  华为   聊了  采购计划 ', visit('华为', { notes: '聊了 采购计划' })],
  ['华为 昨天 聊了预算', visit('华为', { visitDate: '2026-11-26', notes: '聊了预算' })],
  ['华为 昨天聊了预算', visit('华为', { visitDate: '2026-11-26', notes: '聊了预算' })],
  ['华为 聊了预算 前天', visit('华为', { visitDate: '2026-11-25', notes: '聊了预算' })],
  ['华为 周三 演示', visit('华为', { visitDate: '2026-11-25', notes: '演示' })],
  ['华为 上周三 演示', visit('华为', { visitDate: '2026-11-18', notes: '演示' })],
  ['华为 11-20 见了李总', visit('华为', { visitDate: '2026-11-20', notes: '见了李总' })],
  ['华为 11月20日 见了李总', visit('华为', { visitDate: '2026-11-20', notes: '见了李总' })],
  ['华为 １１月２０日 见了李总', visit('华为', { visitDate: '2026-11-20', notes: '见了李总' })],
  ['华为 电话 确认预算', visit('华为', { kind: 'phone', notes: '确认预算' })],
  ['华为 电话沟通报价', visit('华为', { kind: 'phone', notes: '电话沟通报价' })],
  ['华为 视频 演示产品', visit('华为', { kind: 'video', notes: '演示产品' })],
  ['华为 腾讯会议 演示', visit('华为', { kind: 'video', notes: '演示' })],
  ['华为 其他 展会上碰到', visit('华为', { kind: 'other', notes: '展会上碰到' })],
  ['华为 上门 送样品', visit('华为', { kind: 'onsite', notes: '送样品' })],
  ['华为 聊了预算 下周三报价', visit('华为', { notes: '聊了预算', nextStep: '下周三报价', nextStepDue: '2026-12-02' })],
  ['华为 下周三 报价', visit('华为', { nextStep: '下周三 报价', nextStepDue: '2026-12-02' })],
  ['华为 昨天 电话 聊了预算 下周三报价', visit('华为', { visitDate: '2026-11-26', kind: 'phone', notes: '聊了预算', nextStep: '下周三报价', nextStepDue: '2026-12-02' })],
  ['华为 聊了预算，下一步：12月3日前发方案', visit('华为', { notes: '聊了预算', nextStep: '12月3日前发方案', nextStepDue: '2026-12-03' })],
  ['华为 聊了预算 下一步 约技术交流', visit('华为', { notes: '聊了预算', nextStep: '约技术交流' })],
  ['华为 明天 发合同', visit('华为', { nextStep: '明天 发合同', nextStepDue: '2026-11-28' })],
  ['华为 后天签约', visit('华为', { nextStep: '后天签约', nextStepDue: '2026-11-29' })],
  ['「华为 技术」 前天 视频', visit('华为 技术', { visitDate: '2026-11-25', kind: 'video' })],
  ['"Acme Corp" demo', visit('Acme Corp', { notes: 'demo' })],
  ['昨天 华为 见了采购', visit('华为', { visitDate: '2026-11-26', notes: '见了采购' })],
  ['Huawei phone discussed budget', visit('Huawei', { kind: 'phone', notes: 'discussed budget' })],
  ['华为 李总电话13812345678', visit('华为', { notes: '李总电话13812345678' })],
  ['华为 约了下周再谈', visit('华为', { notes: '约了下周再谈' })],
  ['', visit(null)],
  ['昨天', visit(null, { visitDate: '2026-11-26' })],
];

const VISIT_REJECTED: [string, string][] = [
  ['华为 明天', 'records.error.dateFuture'],
  ['华为 12月5日 见了', 'records.error.dateFuture'],
  ['华为 12-01', 'records.error.dateFuture'],
  ['华为 2月30日 见了', 'records.error.dateInvalid'],
  ['华为 下一步 11月20日 报价', 'records.error.dueInPast'],
  ['华为 ' + '很'.repeat(501), 'records.error.tooLong'],
  ['华'.repeat(61) + ' 聊了', 'records.error.tooLong'],
];

const DEALS: [string, unknown][] = [
  ['华为 5万', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-27', title: null }],
  ['华为 5w', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-27', title: null }],
  ['华为 1.2万 服务器', { customer: '华为', amountFen: 1_200_000, wonOn: '2026-11-27', title: '服务器' }],
  ['华为 ¥50,000 二期项目 昨天', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-26', title: '二期项目' }],
  ['华为 ¥ 50,000', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-27', title: null }],
  ['华为 5 万', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-27', title: null }],
  ['华为 50k', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-27', title: null }],
  ['华为 三万 一期', { customer: '华为', amountFen: 3_000_000, wonOn: '2026-11-27', title: '一期' }],
  ['华为 ５００００ 11-20', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-20', title: null }],
  ['华为，5万，ERP', { customer: '华为', amountFen: 5_000_000, wonOn: '2026-11-27', title: 'ERP' }],
  ['5万', { customer: null, amountFen: 5_000_000, wonOn: '2026-11-27', title: null }],
  ['华为', { customer: '华为', amountFen: null, wonOn: '2026-11-27', title: null }],
  ['"Acme Corp" 12,800.50', { customer: 'Acme Corp', amountFen: 1_280_050, wonOn: '2026-11-27', title: null }],
];

const DEAL_REJECTED: [string, string][] = [
  ['华为 -5万', 'records.error.amountNegative'],
  ['华为 0', 'records.error.amountZero'],
  ['华为 2亿', 'records.error.amountTooLarge'],
  ['华为 5万 明天', 'records.error.dateFuture'],
  ['华为 1.005', 'records.error.amountTooPrecise'],
];

const OPPORTUNITIES: [string, unknown][] = [
  ['华为 50万', { customer: '华为', amountFen: 50_000_000, stage: 'lead', expectedCloseDate: null, title: null }],
  ['华为 50万 谈判', { customer: '华为', amountFen: 50_000_000, stage: 'negotiation', expectedCloseDate: null, title: null }],
  ['华为 50万 方案报价 12月31日 ERP升级', { customer: '华为', amountFen: 50_000_000, stage: 'proposal', expectedCloseDate: '2026-12-31', title: 'ERP升级' }],
  ['华为 1.2w 需求确认', { customer: '华为', amountFen: 1_200_000, stage: 'qualified', expectedCloseDate: null, title: null }],
  ['华为 二十万 线索 月底', { customer: '华为', amountFen: 20_000_000, stage: 'lead', expectedCloseDate: '2026-11-30', title: null }],
  ['华为 30万 negotiation', { customer: '华为', amountFen: 30_000_000, stage: 'negotiation', expectedCloseDate: null, title: null }],
  ['华为', { customer: '华为', amountFen: null, stage: 'lead', expectedCloseDate: null, title: null }],
];

const PAYMENTS: [string, unknown][] = [
  ['华为 2万', { customer: '华为', amountFen: 2_000_000, paidOn: '2026-11-27', note: null }],
  ['华为 ¥50,000 11-20', { customer: '华为', amountFen: 5_000_000, paidOn: '2026-11-20', note: null }],
  ['华为 一万二 首付款', { customer: '华为', amountFen: 1_200_000, paidOn: '2026-11-27', note: '首付款' }],
  ['华为 8000元 昨天', { customer: '华为', amountFen: 800_000, paidOn: '2026-11-26', note: null }],
];

const STAGES: [string, unknown][] = [
  ['华为 谈判', { target: { customer: '华为' }, stage: 'negotiation', note: null }],
  ['华为 方案', { target: { customer: '华为' }, stage: 'proposal', note: null }],
  ['#12 输单 价格太高', { target: { dealId: 12 }, stage: 'lost', note: '价格太高' }],
  ['商机12 赢单', { target: { dealId: 12 }, stage: 'won', note: null }],
  ['＃7 需求确认', { target: { dealId: 7 }, stage: 'qualified', note: null }],
  ['华为', { target: { customer: '华为' }, stage: null, note: null }],
  ['', { target: null, stage: null, note: null }],
];

const SURVEYS: [string, unknown][] = [
  ['华为 5', { customer: '华为', score: 5, nps: null, comment: null, surveyedOn: '2026-11-27' }],
  ['华为 4分 服务很好', { customer: '华为', score: 4, nps: null, comment: '服务很好', surveyedOn: '2026-11-27' }],
  ['华为 4 很满意 NPS 9', { customer: '华为', score: 4, nps: 9, comment: '很满意', surveyedOn: '2026-11-27' }],
  ['华为 5分 nps9', { customer: '华为', score: 5, nps: 9, comment: null, surveyedOn: '2026-11-27' }],
  ['华为 三分 推荐7', { customer: '华为', score: 3, nps: 7, comment: null, surveyedOn: '2026-11-27' }],
  ['华为 5星 昨天', { customer: '华为', score: 5, nps: null, comment: null, surveyedOn: '2026-11-26' }],
  ['华为 NPS:0 1分 很差', { customer: '华为', score: 1, nps: 0, comment: '很差', surveyedOn: '2026-11-27' }],
  ['华为', { customer: '华为', score: null, nps: null, comment: null, surveyedOn: '2026-11-27' }],
];

const SURVEY_REJECTED: [string, string][] = [
  ['华为 6', 'records.error.scoreInvalid'],
  ['华为 0分', 'records.error.scoreInvalid'],
  ['华为 4.5', 'records.error.scoreInvalid'],
  ['华为 4 NPS 11', 'records.error.npsInvalid'],
];

const TRAININGS: [string, unknown][] = [
  ['产品知识 2小时', { course: '产品知识', minutes: 120, trainedOn: '2026-11-27', kind: 'internal' }],
  ['产品知识 2', { course: '产品知识', minutes: 120, trainedOn: '2026-11-27', kind: 'internal' }],
  ['销售技巧 1.5h 外训 昨天', { course: '销售技巧', minutes: 90, trainedOn: '2026-11-26', kind: 'external' }],
  ['90分钟 谈判技巧', { course: '谈判技巧', minutes: 90, trainedOn: '2026-11-27', kind: 'internal' }],
  ['PMP 两个半小时 认证', { course: 'PMP', minutes: 150, trainedOn: '2026-11-27', kind: 'certification' }],
  ['合规培训 半小时', { course: '合规培训', minutes: 30, trainedOn: '2026-11-27', kind: 'internal' }],
  ['大客户 销售 3个小时 11-20', { course: '大客户 销售', minutes: 180, trainedOn: '2026-11-20', kind: 'internal' }],
  ['Excel 1.25h', { course: 'Excel', minutes: 75, trainedOn: '2026-11-27', kind: 'internal' }],
  ['产品知识', { course: '产品知识', minutes: null, trainedOn: '2026-11-27', kind: 'internal' }],
];

const TRAINING_REJECTED: [string, string][] = [
  ['Excel 0.33h', 'records.error.hoursInvalid'],
  ['马拉松培训 25小时', 'records.error.hoursTooLong'],
  ['产品知识 2小时 明天', 'records.error.dateFuture'],
];

describe('record command parser table', () => {
  it.each(VISITS)('拜访 %s', (text, expected) => {
    // Not a joint visit and no contact named (见 李总 / 协访 are their own rows in visit-extras tests).
    expect(parseVisit(text, ctx)).toEqual({ ok: true, value: { joint: false, contact: null, contactTitle: null, ...expected } });
  });
  it.each(VISIT_REJECTED)('拜访 %s is refused (%s)', (text, key) => {
    const result = parseVisit(text, ctx);
    expect(result.ok === false && result.problem.key).toBe(key);
  });
  it.each(DEALS)('成交 %s', (text, expected) => {
    expect(parseDeal(text, ctx)).toEqual({ ok: true, value: expected });
  });
  it.each(DEAL_REJECTED)('成交 %s is refused (%s)', (text, key) => {
    const result = parseDeal(text, ctx);
    expect(result.ok === false && result.problem.key).toBe(key);
  });
  it.each(OPPORTUNITIES)('商机 %s', (text, expected) => {
    expect(parseOpportunity(text, ctx)).toEqual({ ok: true, value: expected });
  });
  it('商机 with a past expected close date is refused', () => {
    const result = parseOpportunity('华为 5万 11-20', ctx);
    expect(result.ok === false && result.problem.key).toBe('records.error.dueInPast');
  });
  it.each(PAYMENTS)('回款 %s', (text, expected) => {
    expect(parsePayment(text, ctx)).toEqual({ ok: true, value: expected });
  });
  it.each(STAGES)('阶段 %s', (text, expected) => {
    expect(parseStage(text, ctx)).toEqual({ ok: true, value: expected });
  });
  it.each(SURVEYS)('满意度 %s', (text, expected) => {
    expect(parseSurvey(text, ctx)).toEqual({ ok: true, value: expected });
  });
  it.each(SURVEY_REJECTED)('满意度 %s is refused (%s)', (text, key) => {
    const result = parseSurvey(text, ctx);
    expect(result.ok === false && result.problem.key).toBe(key);
  });
  it.each(TRAININGS)('培训 %s', (text, expected) => {
    expect(parseTraining(text, ctx)).toEqual({ ok: true, value: expected });
  });
  it.each(TRAINING_REJECTED)('培训 %s is refused (%s)', (text, key) => {
    const result = parseTraining(text, ctx);
    expect(result.ok === false && result.problem.key).toBe(key);
  });

  it.each([
    ['华为 聊了预算', { customer: '华为', content: '聊了预算' }],
    ['华为 发货延迟 两周', { customer: '华为', content: '发货延迟 两周' }],
    ['华为', { customer: '华为', content: null }],
  ])('投诉 %s', (text, expected) => {
    expect(parseComplaint(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['小米科技 直销 北京', { name: '小米科技', aliases: [], words: ['直销', '北京'] }],
    ['小米科技有限公司 代理 北京 别名小米 简称:MI', { name: '小米科技有限公司', aliases: ['小米', 'MI'], words: ['代理', '北京'] }],
    ['「Acme Corp」 线上', { name: 'Acme Corp', aliases: [], words: ['线上'] }],
    ['', { name: null, aliases: [], words: [] }],
  ])('客户 %s', (text, expected) => {
    expect(parseCustomer(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['华为 李总 采购经理 13812345678', { customer: '华为', name: '李总', title: '采购经理', phone: '13812345678' }],
    ['华为 李总 138 1234 5678', { customer: '华为', name: '李总', title: null, phone: '13812345678' }],
    ['华为 王工 +8613912345678', { customer: '华为', name: '王工', title: null, phone: '13912345678' }],
    ['华为 前台 021-12345678', { customer: '华为', name: '前台', title: null, phone: '02112345678' }],
    ['华为 李总', { customer: '华为', name: '李总', title: null, phone: null }],
  ])('联系人 %s', (text, expected) => {
    expect(parseContact(text)).toEqual({ ok: true, value: expected });
  });

  it('联系人 with a malformed phone is refused', () => {
    const result = parseContact('华为 李总 1381234567');
    expect(result.ok === false && result.problem.key).toBe('records.error.phoneInvalid');
  });

  it.each([
    ['李总 13812345678 回电', '李总 138****5678 回电'],
    ['手机 138-1234-5678', '手机 138****5678'],
    ['座机 021-12345678', '座机 021-****5678'],
    ['报价 50000 元', '报价 50000 元'],
  ])('masks phones in free text: %s', (input, expected) => {
    expect(maskPhonesInText(input)).toBe(expected);
  });
});

describe('投诉处理', () => {
  it.each([
    ['#12 已响应', { complaintId: 12, status: 'responded' }],
    ['12 回复', { complaintId: 12, status: 'responded' }],
    ['＃7 已关闭', { complaintId: 7, status: 'closed' }],
    ['已解决 #7', { complaintId: 7, status: 'closed' }],
  ])('%s', (text, expected) => {
    expect(parseComplaintStatus(text)).toEqual({ ok: true, value: expected });
  });
  it.each(['#12', '已响应', ''])('"%s" is refused', (text) => {
    const result = parseComplaintStatus(text);
    expect(result.ok === false && result.problem.key).toBe('records.error.complaintStatusMissing');
  });
});
