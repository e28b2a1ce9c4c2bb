import type { BusinessDate } from '../records/business-date.js';
import type { DealStage } from '../records/vocabulary.js';
import { looksLikeAmount, parseAmountFen } from './amount.js';
import { checkName, isNameToken, joinNote, stageOfWord, takeDate, type ParseContext } from './parse-context.js';
import type { Parsed } from './parse-error.js';
import { tokenize } from './tokens.js';

export interface DealDraft {
  customer: string | null;
  amountFen: number | null;
  wonOn: BusinessDate;
  title: string | null;
}

export interface OpportunityDraft {
  customer: string | null;
  amountFen: number | null;
  stage: DealStage;
  expectedCloseDate: BusinessDate | null;
  title: string | null;
}

export interface PaymentDraft {
  customer: string | null;
  amountFen: number | null;
  paidOn: BusinessDate;
  note: string | null;
}

export interface StageDraft {
  /** A deal by its number (#12) or the customer's open deal. */
  target: { dealId: number } | { customer: string } | null;
  stage: DealStage | null;
  /** For 输单: the reason; otherwise a note. */
  note: string | null;
}

interface Split {
  customer: string | null;
  amountFen: number | null;
  rest: string[];
}

/** The customer is the first name-like token; the amount the first amount-like token. */
function splitCustomerAndAmount(rest: string, ctx: ParseContext): Parsed<Split> {
  const tokens = tokenize(rest);
  const customerIndex = tokens.findIndex((t) => isNameToken(t, ctx) && !stageOfWord(t));
  const customer = customerIndex >= 0 ? (tokens[customerIndex] as string) : null;
  if (customer !== null) {
    const checked = checkName(customer, 'records.field.customer');
    if (!checked.ok) return checked;
  }
  const others = tokens.filter((_, i) => i !== customerIndex);
  const amountIndex = others.findIndex((t) => looksLikeAmount(t));
  let amountFen: number | null = null;
  if (amountIndex >= 0) {
    const amount = parseAmountFen(others[amountIndex] as string, { maxFen: ctx.maxAmountFen });
    if (amount.ok === false) return { ok: false, problem: amount.problem };
    if (amount.ok === true) amountFen = amount.value;
  }
  return { ok: true, value: { customer, amountFen, rest: others.filter((_, i) => i !== amountIndex) } };
}

/** 成交 <客户> <金额> [日期] [备注]: a won deal, dated today unless a past date is given. */
export function parseDeal(rest: string, ctx: ParseContext): Parsed<DealDraft> {
  const split = splitCustomerAndAmount(rest, ctx);
  if (!split.ok) return split;
  const dated = takeDate(split.value.rest, ctx, 'past', 'records.kind.deal');
  if (!dated.ok) return dated;
  const title = joinNote(dated.value.rest, 'records.field.notes');
  if (!title.ok) return title;
  return { ok: true, value: { customer: split.value.customer, amountFen: split.value.amountFen, wonOn: dated.value.date ?? ctx.today, title: title.value } };
}

/** 商机 <客户> <金额> [阶段] [预计成交日期] [标题]; the stage defaults to 线索. */
export function parseOpportunity(rest: string, ctx: ParseContext): Parsed<OpportunityDraft> {
  const split = splitCustomerAndAmount(rest, ctx);
  if (!split.ok) return split;
  const stageIndex = split.value.rest.findIndex((t) => stageOfWord(t));
  const stage = stageIndex >= 0 ? (stageOfWord(split.value.rest[stageIndex] as string) as DealStage) : 'lead';
  const others = split.value.rest.filter((_, i) => i !== stageIndex);
  const dated = takeDate(others, ctx, 'future', 'records.field.expectedClose');
  if (!dated.ok) return dated;
  const title = joinNote(dated.value.rest, 'records.field.title');
  if (!title.ok) return title;
  return {
    ok: true,
    value: { customer: split.value.customer, amountFen: split.value.amountFen, stage, expectedCloseDate: dated.value.date, title: title.value },
  };
}

/** 回款 <客户> <金额> [日期] [备注] */
export function parsePayment(rest: string, ctx: ParseContext): Parsed<PaymentDraft> {
  const split = splitCustomerAndAmount(rest, ctx);
  if (!split.ok) return split;
  const dated = takeDate(split.value.rest, ctx, 'past', 'records.kind.payment');
  if (!dated.ok) return dated;
  const note = joinNote(dated.value.rest, 'records.field.notes');
  if (!note.ok) return note;
  return { ok: true, value: { customer: split.value.customer, amountFen: split.value.amountFen, paidOn: dated.value.date ?? ctx.today, note: note.value } };
}

/** 阶段 <客户|#商机号> <新阶段> [原因] */
export function parseStage(rest: string, _ctx: ParseContext): Parsed<StageDraft> {
  const tokens = tokenize(rest);
  let target: StageDraft['target'] = null;
  let stage: DealStage | null = null;
  const notes: string[] = [];
  for (const token of tokens) {
    const byNumber = /^(?:#|商机#?|no\.?)(\d{1,9})$/i.exec(token);
    const word = stageOfWord(token);
    if (target === null && byNumber) target = { dealId: Number(byNumber[1]) };
    else if (stage === null && word && target !== null) stage = word;
    else if (target === null && !word) {
      const checked = checkName(token, 'records.field.customer');
      if (!checked.ok) return checked;
      target = { customer: token };
    } else if (stage === null && word) stage = word;
    else notes.push(token);
  }
  const note = joinNote(notes, 'records.field.lossReason');
  if (!note.ok) return note;
  return { ok: true, value: { target, stage, note: note.value } };
}
