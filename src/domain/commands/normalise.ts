/**
 * Text as reps type it on phones: full-width digits and punctuation, ideographic spaces, stray
 * spaces. Everything the command parser sees goes through here first.
 */
export function toHalfWidth(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0) as number;
    if (code === 0x3000) out += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else out += ch;
  }
  return out;
}

export function normaliseInput(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, ' ').trim();
}

/** Splits "拜访 华为 聊了采购计划" into the command word and the rest; "/visit@bot x" works too. */
export function splitCommandWord(input: string): { word: string; rest: string } {
  const text = normaliseInput(input);
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { word: '', rest: '' };
  const word = (match[1] as string).replace(/@\S*$/, '').toLowerCase();
  return { word, rest: (match[2] as string).trim() };
}
