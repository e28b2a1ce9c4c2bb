import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../../../../src/domain/commands/parse-context.js';
import { translateProblem } from '../../../../src/i18n/problem-text.js';
import { problem } from '../../../../src/domain/problem.js';
import { complaintEntry } from '../../../../src/domain/records/entries/complaint.js';
import { contactEntry } from '../../../../src/domain/records/entries/contact.js';
import { customerFromValues } from '../../../../src/domain/records/entries/customer.js';
import { dealEntry } from '../../../../src/domain/records/entries/deal.js';
import { isComplete, type EntryParser } from '../../../../src/domain/records/entries/entry-parser.js';
import { opportunityEntry } from '../../../../src/domain/records/entries/opportunity.js';
import { paymentEntry } from '../../../../src/domain/records/entries/payment.js';
import { surveyEntry } from '../../../../src/domain/records/entries/survey.js';
import { minutesToInput, trainingEntry } from '../../../../src/domain/records/entries/training.js';
import { visitEntry } from '../../../../src/domain/records/entries/visit.js';

const ctx: ParseContext = { today: '2026-11-27', maxAmountFen: 10_000_000_000 };

/**
 * The entry parsers every door shares: typed text and form values give the same draft, and a draft
 * turned into form values (what a confirmation button or an edit form carries, and what the chat
 * hands to a feature) reads back as the same draft.
 */
describe('entry parsers', () => {
  const typed: [string, EntryParser<unknown>, string][] = [
    ['visit', visitEntry as EntryParser<unknown>, '华为 昨天 电话 聊了采购计划 下周三报价'],
    ['deal', dealEntry as EntryParser<unknown>, '华为 ¥128,000 二期项目 昨天'],
    ['opportunity', opportunityEntry as EntryParser<unknown>, '华为 1.2万 方案报价 12月31日 ERP升级'],
    ['payment', paymentEntry as EntryParser<unknown>, '华为 2万 11-20'],
    ['contact', contactEntry as EntryParser<unknown>, '华为 李总 采购经理 138 1234 5678'],
    ['survey', surveyEntry as EntryParser<unknown>, '华为 4分 NPS 9 服务很好'],
    ['complaint', complaintEntry as EntryParser<unknown>, '华为 发货延迟两周'],
    ['training', trainingEntry as EntryParser<unknown>, '大客户销售 75分钟 外训 昨天'],
  ];

  it.each(typed)('%s: text -> draft -> form values -> the same draft', (_kind, parser, text) => {
    const draft = parser.parseText(text, ctx);
    expect(draft.ok, JSON.stringify(draft)).toBe(true);
    if (!draft.ok) return;
    expect(isComplete(parser, draft.value)).toBe(true);
    expect(parser.fromValues(parser.toValues(draft.value), ctx)).toEqual({ ok: true, value: draft.value });
  });

  it('names the required parts a draft lacks (the customer aside)', () => {
    expect(dealEntry.missing({ customer: '华为', amountFen: null, wonOn: ctx.today, title: null })).toEqual(['records.field.amount']);
    expect(trainingEntry.missing({ course: null, minutes: null, trainedOn: ctx.today, kind: 'internal' })).toEqual(['records.field.course', 'records.field.hours']);
    expect(visitEntry.missing({ customer: null, visitDate: ctx.today, kind: 'onsite', notes: null, nextStep: null, nextStepDue: null })).toEqual([]);
  });

  it('form values are refused with the same keys as typed text', () => {
    expect(visitEntry.fromValues({ visitDate: '2026-12-05' }, ctx)).toMatchObject({ ok: false, problem: { key: 'records.error.dateFuture', params: { what: 'records.kind.visit' } } });
    expect(opportunityEntry.fromValues({ amount: '-5万' }, ctx)).toMatchObject({ ok: false, problem: { key: 'records.error.amountNegative' } });
    expect(trainingEntry.fromValues({ hours: '30小时' }, ctx)).toMatchObject({ ok: false, problem: { key: 'records.error.hoursTooLong' } });
    expect(visitEntry.fromValues({ kind: 'teleport' }, ctx)).toMatchObject({ ok: false, problem: { key: 'records.error.kindUnknown' } });
  });

  it('minutes show as hours a form reads back exactly', () => {
    expect([90, 120, 75].map(minutesToInput)).toEqual(['1.5', '2', '75分钟']);
  });

  it('a customer form gives its name, the raw sales-channel choice and the aliases', () => {
    expect(customerFromValues({ name: ' 小米科技 ', salesChannel: '3', region: '', aliases: '小米, Xiaomi、MI' })).toEqual({
      name: '小米科技',
      salesChannel: '3',
      region: null,
      industry: null,
      aliases: ['小米', 'Xiaomi', 'MI'],
    });
  });
});

describe('translateProblem', () => {
  it('fills the key in the reader’s language, translating params that are message keys', () => {
    const future = problem('VALIDATION_FAILED', 'records.error.dateFuture', { what: 'records.kind.visit', date: '2026-12-05' });
    expect(translateProblem('zh', future)).toBe('拜访日期 2026-12-05 在今天之后，请填写已经发生的日期');
    expect(translateProblem('en', future)).toBe('the visit date 2026-12-05 is after today; enter a date that has passed');
    expect(translateProblem('zh', problem('VALIDATION_FAILED', 'records.error.dealClosed', { id: 7, stage: 'records.stage.lost' }))).toBe('商机 #7 已经是「输单」，不能再改阶段');
  });
});
