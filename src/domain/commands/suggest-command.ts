import { editDistance } from '../records/near-match.js';
import { splitCommandWord } from './normalise.js';

export interface CommandSuggestion {
  /** The command word meant (as the command lists it). */
  word: string;
  /** What followed the mistyped word, to run with the suggested one. */
  rest: string;
}

const isChinese = (word: string): boolean => /^[\u4e00-\u9fff]/.test(word);

/**
 * The command word someone probably meant by text no command starts with: "拜方 华为" -> 拜访. The
 * same edit distance as customer names (near-match.ts): one character off, two for words of six or
 * more; single-character words (?) are never guessed. Chinese has no spaces, so "拜方华为" compares
 * its first characters with each Chinese word. Ties go to the word listed first.
 */
export function suggestCommand(text: string, words: readonly string[]): CommandSuggestion | undefined {
  const { word: typed, rest } = splitCommandWord(text);
  if ([...typed].length < 2) return undefined;
  let best: { word: string; rest: string; distance: number } | undefined;
  for (const candidate of words) {
    const word = candidate.toLowerCase();
    const length = [...word].length;
    if (length < 2) continue;
    const allowed = length >= 6 ? 2 : 1;
    // A Chinese word compares with as many typed characters; the characters after it belong to the rest.
    const head = isChinese(word) && isChinese(typed) ? [...typed].slice(0, length).join('') : typed;
    const distance = editDistance(head, word);
    if (distance === 0 || distance > allowed || (best && best.distance <= distance)) continue;
    const tail = [...typed].slice([...head].length).join('');
    best = { word: candidate, rest: `${tail} ${rest}`.trim(), distance };
  }
  return best ? { word: best.word, rest: best.rest } : undefined;
}
