import type { BusinessDate } from '../records/business-date.js';
import { parseChineseInteger } from './chinese-number.js';
import { checkName, isNameToken, joinNote, takeDate, type ParseContext } from './parse-context.js';
import { rejected, type Parsed } from './parse-error.js';
import { tokenize } from './tokens.js';

export interface SurveyDraft {
  customer: string | null;
  score: number | null;
  nps: number | null;
  comment: string | null;
  surveyedOn: BusinessDate;
}

export interface ComplaintDraft {
  customer: string | null;
  content: string | null;
}

const NPS_GLUED = /^(?:nps|推荐度|推荐值|推荐)[:：=]?(\d{1,2}|十|[零一二三四五六七八九])(?:分)?$/i;
const NPS_WORD = /^(?:nps|推荐度|推荐值|推荐)[:：=]?$/i;
const SCORE = /^(\d{1,2}(?:\.\d+)?|[零一二三四五六七八九十])(?:分|星|\/5)?$/;

function numberOf(raw: string): number {
  return /^\d/.test(raw) ? Number(raw) : Number(parseChineseInteger(raw) ?? NaN);
}

/** 满意度 <客户> <1-5> [NPS 0-10] [评语] */
export function parseSurvey(rest: string, ctx: ParseContext): Parsed<SurveyDraft> {
  const tokens = tokenize(rest);
  let customer: string | null = null;
  let score: number | null = null;
  let nps: number | null = null;
  const comment: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    const glued = NPS_GLUED.exec(token);
    if (nps === null && (glued || (NPS_WORD.test(token) && tokens[i + 1] !== undefined))) {
      const raw = glued ? (glued[1] as string) : (tokens[(i += 1)] as string);
      const value = numberOf(raw.replace(/分$/, ''));
      if (!Number.isInteger(value) || value < 0 || value > 10) return rejected('records.error.npsInvalid', { input: raw });
      nps = value;
    } else if (score === null && customer !== null && SCORE.test(token)) {
      const value = numberOf((SCORE.exec(token) as RegExpExecArray)[1] as string);
      if (!Number.isInteger(value) || value < 1 || value > 5) return rejected('records.error.scoreInvalid', { input: token });
      score = value;
    } else if (customer === null && isNameToken(token, ctx)) {
      const checked = checkName(token, 'records.field.customer');
      if (!checked.ok) return checked;
      customer = token;
    } else comment.push(token);
  }
  const dated = takeDate(comment, ctx, 'past', 'records.kind.survey');
  if (!dated.ok) return dated;
  const text = joinNote(dated.value.rest, 'records.field.comment');
  if (!text.ok) return text;
  return { ok: true, value: { customer, score, nps, comment: text.value, surveyedOn: dated.value.date ?? ctx.today } };
}

/** 投诉 <客户> <内容> */
export function parseComplaint(rest: string): Parsed<ComplaintDraft> {
  const [customer = null, ...content] = tokenize(rest);
  if (customer !== null) {
    const checked = checkName(customer, 'records.field.customer');
    if (!checked.ok) return checked;
  }
  const text = joinNote(content, 'records.field.content');
  if (!text.ok) return text;
  return { ok: true, value: { customer, content: text.value } };
}
