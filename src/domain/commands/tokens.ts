import { normaliseInput } from './normalise.js';

/**
 * Splits the text after a command word into tokens. Quotes keep a name with spaces together
 * (「华为 技术」, “华为 技术”, "华为 技术"); a separated currency sign or unit is joined to its number
 * ("¥ 50,000" and "5 万" are one amount); commas and Chinese punctuation between words split.
 */
export function tokenize(input: string): string[] {
  const text = normaliseInput(input);
  const tokens: string[] = [];
  const re = /「([^」]*)」|“([^”]*)”|"([^"]*)"|『([^』]*)』|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const quoted = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (quoted !== undefined) {
      if (quoted.trim()) tokens.push(quoted.trim());
      continue;
    }
    // "华为，聊了预算" splits at the Chinese comma; "50,000" keeps its thousands separator.
    for (const part of (m[5] as string).split(/[，、；;。](?!\d)|,(?!\d{3})/)) if (part) tokens.push(part);
  }
  return mergeAmountParts(tokens);
}

function mergeAmountParts(tokens: string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const previous = out.at(-1);
    if (previous !== undefined && /^(¥|￥|rmb|RMB|人民币)$/.test(previous) && /^[-\d一二三四五六七八九十两]/.test(token)) {
      out[out.length - 1] = previous + token;
    } else if (previous !== undefined && /^[-¥￥]?[\d.,]+$/.test(previous) && /^(万|w|W|k|K|千|元|块|块钱|亿|万元)$/.test(token)) {
      out[out.length - 1] = previous + token;
    } else {
      out.push(token);
    }
  }
  return out;
}
