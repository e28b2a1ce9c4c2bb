import { toHalfWidth } from './normalise.js';
import { checkName, joinNote } from './parse-context.js';
import { rejected, type Parsed } from './parse-error.js';
import { tokenize } from './tokens.js';

export interface CustomerDraft {
  name: string | null;
  aliases: string[];
  /** Channel, region and industry words, classified against the managed lists by the caller. */
  words: string[];
}

export interface ContactDraft {
  customer: string | null;
  name: string | null;
  title: string | null;
  /** Digits only (and a leading 0 area code for landlines). */
  phone: string | null;
}

const ALIAS = /^(?:别名|简称|alias|aka)[:：=]?(.+)$/i;

/** 客户 <名称> [渠道] [地区] [行业] [别名X] */
export function parseCustomer(rest: string): Parsed<CustomerDraft> {
  const tokens = tokenize(rest);
  const aliases: string[] = [];
  const words: string[] = [];
  let name: string | null = null;
  for (const token of tokens) {
    const alias = ALIAS.exec(token);
    if (alias) aliases.push((alias[1] as string).trim());
    else if (name === null) name = token;
    else words.push(token);
  }
  for (const n of [name, ...aliases]) {
    if (n === null) continue;
    const checked = checkName(n, 'records.field.customer');
    if (!checked.ok) return checked;
  }
  return { ok: true, value: { name, aliases, words } };
}

const PHONE_LIKE = /^[+\d][\d\-\s()]{5,}$/;

/** Mobile 138 1234 5678 / +86 13812345678, or landline 021-12345678; null when not a phone. */
export function normalisePhone(input: string): Parsed<string> {
  const digits = input.replace(/[\s\-()]/g, '');
  const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return { ok: true, value: mobile[1] as string };
  if (/^0\d{9,11}$/.test(digits)) return { ok: true, value: digits };
  return rejected('records.error.phoneInvalid', { input });
}

/** 联系人 <客户> <姓名> [职务] [电话] */
export function parseContact(rest: string): Parsed<ContactDraft> {
  // "138 1234 5678" is one phone number, not three words.
  const tokens = tokenize(toHalfWidth(rest).replace(/(?<!\d)((?:\+?86\s?)?1[3-9]\d)\s(\d{4})\s(\d{4})(?!\d)/g, '$1$2$3'));
  let phone: string | null = null;
  const words: string[] = [];
  for (const token of tokens) {
    if (phone === null && PHONE_LIKE.test(token)) {
      const p = normalisePhone(token);
      if (!p.ok) return p;
      phone = p.value;
    } else words.push(token);
  }
  const [customer = null, name = null, ...titleWords] = words;
  for (const n of [customer, name]) {
    if (n === null) continue;
    const checked = checkName(n, 'records.field.contactName');
    if (!checked.ok) return checked;
  }
  const title = joinNote(titleWords, 'records.field.contactTitle');
  if (!title.ok) return title;
  return { ok: true, value: { customer, name, title: title.value, phone } };
}

/** 138****5678: phones are stored whole but never shown whole in chat. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 7) return `${phone.slice(0, 3)}****${phone.slice(-2)}`;
  return '****';
}

/** Masks every phone-looking run in free text (a rep may type a number into notes). */
export function maskPhonesInText(text: string): string {
  return text
    .replace(/(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(/(?<!\d)(0\d{2,3})-?(\d{3,4})(\d{4})(?!\d)/g, (_m, area: string, _mid: string, last: string) => `${area}-****${last}`);
}
