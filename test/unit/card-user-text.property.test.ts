import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_TEMPLATES } from '../../cards/index.js';
import { cardToText, type CardModel } from '../../src/domain/card-model.js';
import { userText } from '../../src/domain/user-text.js';
import { renderCardData } from '../../src/platforms/dingtalk/render-card.js';
import { renderMarkdownFallback } from '../../src/platforms/dingtalk/render-fallback.js';
import { renderFeishuCard } from '../../src/platforms/feishu/render-card.js';

/**
 * Every card the service sends, with arbitrary user text (markdown, HTML, mentions, look-alike
 * marks) in every field that carries it: the rendered Feishu and DingTalk output has exactly the
 * markup the template has with harmless text, and the text still reads as typed.
 */

/**
 * Per template, the example-data keys that are NOT user text: values the service formats itself
 * (numbers, grades, dates, period keys, states, urls). Every other string is fuzzed. A new template
 * must be listed here, so someone decides what in it is user text.
 */
const SYSTEM_KEYS: Record<string, string[]> = {
  alert: ['dashboardUrl'],
  'alert-digest': ['dashboardUrl'],
  'assessment-appeal': ['periodKey', 'final', 'finalGrade', 'outcome'],
  'assessment-approval': ['periodKey', 'detailUrl', 'distribution', 'rounding', 'total', 'grade', 'adjustment', 'final', 'finalGrade', 'at'],
  'assessment-export': ['periodKey'],
  'assessment-result': ['periodKey', 'detailUrl', 'total', 'grade', 'final', 'finalGrade', 'points', 'windowEnds'],
  'assessment-review': ['periodKey', 'detailUrl', 'total', 'grade', 'adjustment', 'final', 'finalGrade'],
  choice: [],
  // The command list comes from the code (defineCommand), not from people.
  help: ['words', 'summary', 'examples', 'label'],
  info: [],
  'kpi-ranking': ['periodKey'],
  'kpi-scorecard': ['periodKey', 'previousPeriodKey', 'from', 'to', 'total', 'grade', 'gradeNote', 'pace'],
  'kpi-targets': ['periodKey', 'from', 'to'],
  'next-step-reminder': ['due'],
  'next-step-reschedule': ['due'],
  'record-form': [],
  // progress: worded from the message tables and the KPI numbers (no names in it).
  'record-saved': ['link', 'progress'],
  'weekly-kpi': ['weekKey', 'from', 'to', 'total', 'grade', 'totalTrend', 'actual', 'target', 'achievement', 'trend', 'dashboardUrl'],
  'group-ranking': ['weekKey', 'from', 'to', 'total', 'points', 'move', 'rankingUrl'],
  'win-announcement': ['amount', 'monthTotal'],
  'weekly-ranking': ['weekKey', 'monthKey', 'from', 'to', 'total', 'grade', 'move', 'monthTotal', 'monthGrade', 'fullRankingUrl', 'actual', 'target', 'achievement', 'pace', 'expected', 'gap', 'viewUrl', 'due'],
};
/** Lines the caller words from the message tables (with their own bold), marking the user values in them. */
const WORDED_KEYS: Record<string, string[]> = { 'kpi-scorecard': ['lines'], 'kpi-targets': ['lines'] };
/** Keys that are never text: what a click sends back, form field names and kinds, enums. */
const STRUCTURAL = new Set(['command', 'args', 'kind', 'status', 'rule']);

const PAYLOADS = [
  '[点此查看](https://evil.example) <at id=all></at>',
  '<at user_id="all">所有人</at>',
  '<at id=ou_123></at>',
  '![x](img_v2_123)',
  "<font color='red'>红</font>",
  "<text_tag color='red'>标签</text_tag>",
  "<a href='https://evil.example'>x</a>",
  "<link url='https://evil.example'>x</link>",
  '**粗**',
  '*斜*',
  '~~删~~',
  '`code`',
  '# 标题',
  '\n- 列表',
  '\n1. 列表',
  '\n> 引用',
  '\n---',
  '\n===',
  '| a | b |',
  'https://evil.example',
  'www.evil.example',
  ':OK:',
  '$x$',
  '&#91;',
  '&lt;at&gt;',
  '\\[x\\]',
  '\u200b\u202e\ufeff',
  '\uE000',
  '\uE001<at id=all>',
  'Нuawei',
];
const userString = fc
  .array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' })), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('').slice(0, 20));

type Path = string[];
/** Every fuzzable string leaf of the example data, by path. */
function userLeaves(template: string, value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') {
    const key = path[path.length - 1] ?? '';
    const parent = path[path.length - 2] ?? '';
    const listKey = /^\d+$/.test(key) ? parent : key;
    const optionValue = key === 'value' && path.includes('options');
    if (SYSTEM_KEYS[template]?.includes(listKey) || STRUCTURAL.has(listKey) || optionValue || path.includes('args') || path.includes('inputs') && key === 'name') return [];
    return [path];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => userLeaves(template, item, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => userLeaves(template, v, [...path, k]));
  return [];
}

function withLeaves(data: unknown, leaves: Path[], values: string[]): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  leaves.forEach((path, i) => {
    let node = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1]!] = values[i];
  });
  return copy;
}

const SYNTAX_CHARS = /[[\]()!*_~`$<>:\\]/g;
const BLOCK_START = /(^|\n)[ \t]*([#+\-=>|]|\d+[.)])/g;
/** What a markdown renderer could act on: each syntax character and each line that starts a block. */
function syntax(markdown: string[]): string {
  const text = markdown.join('\n\u0000\n');
  const chars = (text.match(SYNTAX_CHARS) ?? []).sort().join('');
  const blocks = [...text.matchAll(BLOCK_START)].map((m) => m[2]).join('');
  const raw = (text.match(/&(?!#\d+;)/g) ?? []).length;
  return `${chars}|${blocks}|${raw}`;
}

const decode = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

function feishuStrings(node: unknown, out: { markdown: string[]; plain: string[] }): typeof out {
  if (Array.isArray(node)) node.forEach((child) => feishuStrings(child, out));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.content === 'string') (record.tag === 'markdown' ? out.markdown : out.plain).push(record.content);
    for (const [key, child] of Object.entries(record)) if (key !== 'content') feishuStrings(child, out);
  } else if (typeof node === 'string') out.plain.push(node);
  return out;
}

const isBodySlot = (key: string) => /^body\d*$/.test(key);

function render(card: CardModel) {
  const feishu = feishuStrings(renderFeishuCard(card, { publicBaseUrl: 'https://kpi.example.com' }).card, { markdown: [], plain: [] });
  const data = renderCardData(card).cardParamMap;
  const fallback = renderMarkdownFallback(card);
  return {
    feishuMarkdown: feishu.markdown,
    // The markdown body is split over the slots body, body2 … body8; every other variable is plain text.
    dingtalkMarkdown: [Object.entries(data).filter(([k]) => isBodySlot(k)).map(([, v]) => v).join('\n'), fallback.text],
    plain: [...feishu.plain, ...Object.entries(data).filter(([k]) => !isBodySlot(k)).map(([, v]) => v), fallback.title, cardToText(card)],
  };
}

describe('user text in every card is inert on every platform', () => {
  it('every template in cards/ is in CARD_TEMPLATES and has its user-text fields decided here', () => {
    const files = readdirSync(new URL('../../cards/', import.meta.url))
      // define.ts, paging.ts, distribution-check.ts and manager-digest.ts (the digest part of weekly-ranking) are helpers, not templates.
      .filter((f) => f.endsWith('.ts') && !['define.ts', 'index.ts', 'paging.ts', 'distribution-check.ts', 'manager-digest.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(CARD_TEMPLATES.map((t) => t.id).sort()).toEqual(files.sort());
    expect(Object.keys(SYSTEM_KEYS).sort()).toEqual(files.sort());
  });

  for (const template of CARD_TEMPLATES) {
    it(`${template.id}: no link, mention, tag or block that the template did not put there`, () => {
      const leaves = userLeaves(template.id, template.example);
      const worded = (path: Path) => WORDED_KEYS[template.id]?.some((k) => path.includes(k)) ?? false;
      const fill = (values: string[]) => values.map((v, i) => (worded(leaves[i]!) ? `**${userText(v)}** 1 / 2` : v));
      fc.assert(
        fc.property(fc.array(userString, { minLength: leaves.length, maxLength: leaves.length }), fc.constantFrom('zh' as const, 'en' as const), (values, locale) => {
          const tokens = values.map((_, i) => `x${i}x`);
          const baseline = render(template.build(withLeaves(template.example, leaves, fill(tokens)) as never, locale));
          const fuzzed = render(template.build(withLeaves(template.example, leaves, fill(values)) as never, locale));
          expect(syntax(fuzzed.feishuMarkdown)).toBe(syntax(baseline.feishuMarkdown));
          expect(syntax(fuzzed.dingtalkMarkdown)).toBe(syntax(baseline.dingtalkMarkdown));
          const all = [...fuzzed.feishuMarkdown, ...fuzzed.dingtalkMarkdown, ...fuzzed.plain].join('\n');
          expect(all).not.toMatch(/[\uE000\uE001]/);
          // Readable: every value the card shows reads as typed (marks dropped, line breaks normalised, a
          // trailing one dropped).
          const shown = [...fuzzed.feishuMarkdown, ...fuzzed.dingtalkMarkdown].map(decode).concat(fuzzed.plain).join('\n');
          const baselineText = [...baseline.feishuMarkdown, ...baseline.dingtalkMarkdown, ...baseline.plain].join('\n');
          values.forEach((value, i) => {
            if (baselineText.includes(tokens[i]!)) expect(shown).toContain(value.replace(/[\uE000\uE001]/g, '').replace(/\r\n?/g, '\n').replace(/\n\s*$/, ''));
          });
        }),
        { numRuns: 150 },
      );
    });
  }
});
