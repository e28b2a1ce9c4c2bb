import type { BusinessDate } from '../records/business-date.js';
import type { VisitKind } from '../records/vocabulary.js';
import { findDate } from './date-words.js';
import { checkName, isNameToken, joinNote, type ParseContext } from './parse-context.js';
import { rejected, type Parsed } from './parse-error.js';
import { tokenize } from './tokens.js';
import { takeVisitExtras } from './visit-extras.js';

export interface VisitDraft {
  customer: string | null;
  visitDate: BusinessDate;
  kind: VisitKind;
  notes: string | null;
  nextStep: string | null;
  nextStepDue: BusinessDate | null;
  /** 协访: the visit was made with the customer's owner, a colleague; it counts for both. */
  joint?: boolean;
  /** Whom the rep met: one of the customer's contacts, or a new one (created with contactTitle). */
  contact?: string | null;
  contactTitle?: string | null;
}

const KIND_WORDS: Record<string, VisitKind> = {
  上门: 'onsite',
  拜访: 'onsite',
  面访: 'onsite',
  现场: 'onsite',
  onsite: 'onsite',
  电话: 'phone',
  电联: 'phone',
  致电: 'phone',
  打电话: 'phone',
  phone: 'phone',
  call: 'phone',
  视频: 'video',
  视频会议: 'video',
  腾讯会议: 'video',
  video: 'video',
  zoom: 'video',
  其他: 'other',
  other: 'other',
};
const KIND_PREFIX = /^(电话|视频|上门)/;
const NEXT_STEP_MARKER = /(下一步|下步|next\s*step|next)\s*[:：]?\s*/i;

/**
 * 拜访 <客户> [日期] [方式] [备注] [下一步]. Examples:
 *   "华为 昨天 电话 聊了预算 下周三报价" -> yesterday, phone, notes "聊了预算", next step "下周三报价"
 *   "华为 聊了预算，下一步：12月3日前发方案" -> next step with due 12-03
 * A future-only date word (下周三, 明天) starts the next step; any other date is the visit date.
 */
export function parseVisit(rest: string, ctx: ParseContext): Parsed<VisitDraft> {
  const { tokens, joint, contact } = takeVisitExtras(tokenize(rest));
  if (contact !== null) {
    const checkedContact = checkName(contact, 'records.field.contact');
    if (!checkedContact.ok) return checkedContact;
  }
  const customerIndex = tokens.findIndex((t) => isNameToken(t, ctx) && !(t.toLowerCase() in KIND_WORDS));
  const customer = customerIndex >= 0 ? (tokens[customerIndex] as string) : null;
  if (customer !== null) {
    const checked = checkName(customer, 'records.field.customer');
    if (!checked.ok) return checked;
  }
  let body = tokens.filter((_, i) => i !== customerIndex);

  let nextStep: string | null = null;
  let nextStepDue: BusinessDate | null = null;
  const joined = body.join(' ');
  const marker = NEXT_STEP_MARKER.exec(joined);
  if (marker) {
    nextStep = joined.slice(marker.index + marker[0].length).trim() || null;
    body = joined.slice(0, marker.index).split(' ').filter(Boolean);
    const due = nextStep ? findDate(nextStep, ctx.today, 'future') : undefined;
    if (due) {
      if (due.date === null) return rejected('records.error.dateInvalid', { input: due.text });
      nextStepDue = due.date;
    }
  } else {
    const index = body.findIndex((t) => {
      const m = findDate(t, ctx.today, 'future');
      return m !== undefined && m.index === 0 && m.futureOnly;
    });
    // "明天" on its own is a (future) visit date, refused below; "明天 报价" or "明天报价" is a next step.
    const alone = index >= 0 && index === body.length - 1 && findDate(body[index] as string, ctx.today, 'future')?.text === body[index];
    if (index >= 0 && !alone) {
      nextStep = body.slice(index).join(' ');
      nextStepDue = findDate(body[index] as string, ctx.today, 'future')?.date ?? null;
      if (nextStepDue === null) return rejected('records.error.dateInvalid', { input: body[index] as string });
      body = body.slice(0, index);
    }
  }
  if (nextStepDue !== null && nextStepDue < ctx.today) return rejected('records.error.dueInPast', { date: nextStepDue });

  let visitDate = ctx.today;
  let notesText = body.join(' ');
  const found = findDate(notesText, ctx.today, 'past');
  // "约了下周" is a note about the future, not the visit date; a standalone "明天" is a (refused) date.
  const standalone = found !== undefined && notesText.split(' ').includes(found.text);
  const dateMatch = found && (!found.futureOnly || standalone) ? found : undefined;
  if (dateMatch) {
    if (dateMatch.date === null) return rejected('records.error.dateInvalid', { input: dateMatch.text });
    if (dateMatch.date > ctx.today) return rejected('records.error.dateFuture', { what: 'records.kind.visit', date: dateMatch.date });
    visitDate = dateMatch.date;
    notesText = (notesText.slice(0, dateMatch.index) + ' ' + notesText.slice(dateMatch.index + dateMatch.text.length)).trim();
  }

  let kind: VisitKind = 'onsite';
  const words = notesText.split(' ').filter(Boolean);
  const kindIndex = words.findIndex((w) => w.toLowerCase() in KIND_WORDS);
  if (kindIndex >= 0) {
    kind = KIND_WORDS[(words[kindIndex] as string).toLowerCase()] as VisitKind;
    words.splice(kindIndex, 1);
  } else {
    const prefix = KIND_PREFIX.exec(words[0] ?? '');
    if (prefix) kind = KIND_WORDS[prefix[1] as string] as VisitKind;
  }
  const notes = joinNote(words, 'records.field.notes');
  if (!notes.ok) return notes;
  const step = nextStep === null ? { ok: true as const, value: null } : joinNote([nextStep], 'records.field.nextStep');
  if (!step.ok) return step;
  return { ok: true, value: { customer, visitDate, kind, notes: notes.value, nextStep: step.value, nextStepDue, joint, contact, contactTitle: null } };
}
