/**
 * Byte budgets for DingTalk card data. The card-data doc table limits every cardParamMap value to
 * 1 KB (keys to 100 B), so long content is split into several variables before it is sent, and text
 * that cannot fit is cut with a link to the full text in the mini-app (never a card without buttons).
 */

/** DingTalk's limit on one cardParamMap value (doc "instructions-for-filling-in-api-card-data"). */
export const CARD_VALUE_LIMIT_BYTES = 1024;

export const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The longest prefix of `text` within `budget` UTF-8 bytes, never splitting a character. */
export function cutToBytes(text: string, budget: number): string {
  if (bytes(text) <= budget) return text;
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = bytes(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** `text` cut to `budget` bytes ending with `more` (the 查看全文 link) when it had to be cut. */
export function fitText(text: string, budget: number, more: string): string {
  if (bytes(text) <= budget) return text;
  return `${cutToBytes(text, Math.max(0, budget - bytes(more))).trimEnd()}${more}`;
}

/** One piece of the body and what joins it to the piece before ('\n' inside an element, '\n\n' between). */
export interface BodyPiece {
  text: string;
  joiner: string;
}

/**
 * Packs pieces into at most `slots` values of ≤ `limit` bytes each. A piece that alone is over
 * `pieceLimit` is cut (with `more`); when the pieces need more slots than there are, the last slot
 * ends with `more`. `tail` (the card's own links) always closes the last slot whole.
 */
export function packBlocks(pieces: BodyPiece[], options: { limit: number; slots: number; pieceLimit: number; more: string; tail: string }): string[] {
  const { limit, slots, more, tail } = options;
  const blocks: string[] = [];
  let current = '';
  let cut = false;
  for (const piece of pieces) {
    const text = fitText(piece.text, options.pieceLimit, more);
    const joined = current === '' ? text : `${current}${piece.joiner}${text}`;
    if (bytes(joined) <= limit) {
      current = joined;
      continue;
    }
    if (blocks.length + 1 >= slots) {
      cut = true;
      break;
    }
    blocks.push(current);
    current = text;
  }
  let ending = `${cut ? more : ''}${tail}`;
  if (bytes(current + ending) > limit) {
    if (!cut && blocks.length + 1 < slots) {
      blocks.push(current);
      current = '';
    } else {
      current = cutToBytes(current, limit - bytes(more + tail)).trimEnd();
      ending = `${more}${tail}`;
    }
  }
  blocks.push(current === '' ? ending.replace(/^\n+/, '') : `${current}${ending}`);
  return blocks;
}

/** Packs JSON items into lists whose JSON text is ≤ `limit` bytes each (e.g. `buttons`, `buttons2`). */
export function packLists<T>(items: T[], limit: number): T[][] {
  const lists: T[][] = [[]];
  for (const item of items) {
    const last = lists[lists.length - 1] as T[];
    if (last.length > 0 && bytes(JSON.stringify([...last, item])) > limit) lists.push([item]);
    else last.push(item);
  }
  return lists;
}
