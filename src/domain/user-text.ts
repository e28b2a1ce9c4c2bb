/**
 * User text inside card text. A template marks every value that came from a person (customer names,
 * notes, reasons, names from the directory…) with userText(); each renderer then escapes exactly the
 * marked parts for its own markup (Feishu markdown, DingTalk markdown, the sandbox page), and leaves
 * the template's own markup (bold labels, the grey note) alone.
 *
 * The mark travels inside the string, as two private-use code points around the value, so it survives
 * what templates do with values: interpolation through the message tables (t()), joins and
 * concatenation. A structured node type would force every message with a user parameter to return a
 * list of parts instead of a string.
 */

export const USER_TEXT_OPEN = '\uE000';
export const USER_TEXT_CLOSE = '\uE001';

const MARKS = /[\uE000\uE001]/g;
const REGION = /\uE000([^\uE000\uE001]*)\uE001/g;

/** Marks a value as user text. Marks already inside it are dropped, so a value cannot end its own region. */
export function userText(value: string | number): string {
  return `${USER_TEXT_OPEN}${String(value).replace(MARKS, '')}${USER_TEXT_CLOSE}`;
}

/** The text with each user-text region passed through `escape`, and no marks left. */
export function renderUserText(text: string, escape: (value: string) => string): string {
  return text.replace(REGION, (_, inner: string) => escape(inner)).replace(MARKS, '');
}

/** The text as plain text: the marks removed, nothing escaped (plain-text fields, logs, tests). */
export function plainText(text: string): string {
  return text.replace(MARKS, '');
}

/** Cuts a possibly marked text to at most `max` visible characters (with "…"), keeping the marks balanced. */
export function fitText(text: string, max: number): string {
  if (plainText(text).length <= max) return text;
  let visible = 0;
  let out = '';
  let open = false;
  for (const char of text) {
    if (char === USER_TEXT_OPEN) open = true;
    else if (char === USER_TEXT_CLOSE) open = false;
    else if (visible + char.length > max - 1) break;
    else visible += char.length;
    out += char;
  }
  return `${out}${open ? USER_TEXT_CLOSE : ''}…`;
}
