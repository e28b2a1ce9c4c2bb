import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_TEMPLATES } from '../../../../cards/index.js';
import { helpCard } from '../../../../cards/help.js';
import type { CardModel } from '../../../../src/domain/card-model.js';
import { t } from '../../../../src/i18n/index.js';
import { createCommands } from '../../../../src/bot/commands/index.js';
import { CARD_VALUE_LIMIT_BYTES, detailUrlOf, renderCardCallbackResponse, renderCardData } from '../../../../src/platforms/dingtalk/render-card.js';
import { renderFeishuCard } from '../../../../src/platforms/feishu/render-card.js';

/**
 * For every card kind, built from the largest realistic data (a 60-rep department, 2,000-character
 * notes), the DingTalk card data keeps every value within 1 KB, text cut to fit ends with 查看全文
 * linking to the full text in the mini-app, and every action of the Feishu card is on the DingTalk one.
 */

const REPS = 60;
const NOTE_CHARS = 2000;
/** Free text people write (adjustment, rejection, appeal and resolution reasons): 2,000 characters. */
const NOTE_KEYS = new Set(['reason', 'appealReason']);
/** Lines the bot words itself (explanations, ranking rows, flags): bounded, with names in them. */
const LINE_KEYS = new Set(['summary', 'explanation', 'totalExplanation', 'text', 'lines', 'nextSteps', 'distributionFlags', 'carriedOver', 'me', 'tieRule', 'intro']);
/** Values the cards branch on or that must stay well-formed (ids, keys, enum states, URLs, form names). */
const FIXED_KEYS = new Set(['kind', 'command', 'token', 'status', 'rule', 'periodKey', 'previousPeriodKey', 'weekKey', 'monthKey', 'from', 'to', 'value', 'name', 'grade', 'finalGrade', 'monthGrade', 'trend', 'totalTrend', 'move', 'customerId', 'entryId', 'adjustment', 'points', 'detailUrl', 'link', 'dashboardUrl', 'fullRankingUrl', 'viewUrl', 'url']);
/** Lists with one item per rep of a department: 60 long. Other lists (indicators, buttons, flags) get 12. */
const REP_LISTS = new Set(['reps', 'rows', 'carriedOver', 'noVisitNames', 'moversUp', 'moversDown', 'ranking', 'members']);
const OTHER_LIST = 12;
const SHORT_LISTS = new Set(['words', 'examples', 'buttons', 'options', 'inputs', 'fields', 'choices', 'candidates']);

// Chinese, ASCII and the characters markdown and JSON care about.
const textChar = fc.constantFrom('销', '售', '客', '户', '额', 'a', 'Z', '7', ' ', '*', '_', '[', ']', '(', ')', '`', '"', '\\', '#', '<', '>', '😀');
// A 2,000-character note from a short random phrase repeated: cheap to generate, same mix of byte widths.
const noteArb = fc.string({ unit: fc.oneof(textChar, fc.constant('\n')), minLength: 10, maxLength: 40 }).map((s) => s.repeat(Math.ceil(NOTE_CHARS / s.length)).slice(0, NOTE_CHARS));
const lineArb = fc.string({ unit: textChar, minLength: 1, maxLength: 60 });
const shortArb = fc.string({ unit: textChar, minLength: 1, maxLength: 20 }).map((s) => s.trim() || '名');

/** An arbitrary for the largest realistic version of a template's example data. */
function largest(value: unknown, key = ''): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) return fc.constant(value);
    // A card's own handful (buttons, inputs) keeps its items; other lists repeat their first item.
    if (SHORT_LISTS.has(key)) return fc.tuple(...value.map((v) => largest(v, key)));
    const size = REP_LISTS.has(key) ? REPS : OTHER_LIST;
    const item = value[0];
    return fc.tuple(...Array.from({ length: size }, (_, i) => largest(item, key).map((v) => withIndex(v, i))));
  }
  if (value !== null && typeof value === 'object') {
    return fc.record(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, largest(v, k)])));
  }
  if (typeof value === 'string' && !FIXED_KEYS.has(key)) return NOTE_KEYS.has(key) ? noteArb : LINE_KEYS.has(key) ? lineArb : shortArb;
  if (value === null && key === 'appealReason') return noteArb;
  if (typeof value === 'boolean' && (key === 'appealing' || key === 'rejecting')) return fc.boolean();
  return fc.constant(value);
}

/** Distinct ids for cloned list items (select values and per-rep buttons must differ). */
function withIndex(value: unknown, i: number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const id of ['userId', 'id', 'rank', 'monthRank']) if (typeof copy[id] === 'number') copy[id] = i + 1;
  return copy;
}

/** The help card as the bot builds it: every command it ships (its largest real data). */
function realHelpCard(): CardModel {
  const commands = createCommands().filter((c) => !c.hidden);
  return helpCard.build({ commands: commands.map((c) => ({ words: c.words.slice(0, 2), summary: t('zh', c.summary), examples: c.examples })) }, 'zh');
}

function dingTalkActions(map: Record<string, string>): Set<string> {
  const actions = new Set<string>();
  for (const [key, value] of Object.entries(map)) {
    if (/^buttons\d*$/.test(key)) for (const b of JSON.parse(value) as { action: string }[]) actions.add(b.action);
    if (key === 'submit' && value !== 'null') actions.add((JSON.parse(value) as { action: string }).action);
  }
  return actions;
}

function feishuActions(json: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(json)) for (const v of json) feishuActions(v, into);
  else if (json !== null && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    if (o.type === 'callback' && o.value && typeof o.value === 'object') into.add(JSON.stringify(o.value));
    for (const v of Object.values(o)) feishuActions(v, into);
  }
  return into;
}

const READ_MORE = '查看全文';

function checkCard(card: CardModel): { cut: boolean } {
  const { cardParamMap } = renderCardData(card);
  for (const [key, value] of Object.entries(cardParamMap)) {
    expect(Buffer.byteLength(value, 'utf8'), `${card.template}.${key}`).toBeLessThanOrEqual(CARD_VALUE_LIMIT_BYTES);
  }
  // The click answer carries the same data, so it fits too.
  for (const value of Object.values(renderCardCallbackResponse({ card }).cardData?.cardParamMap ?? {})) expect(Buffer.byteLength(value, 'utf8')).toBeLessThanOrEqual(CARD_VALUE_LIMIT_BYTES);
  // Text cut to fit ends with 查看全文 into the card's page in the mini-app.
  const url = detailUrlOf(card);
  const bodies = Object.entries(cardParamMap).filter(([k]) => /^body\d*$/.test(k)).map(([, v]) => v);
  const cuts = bodies.flatMap((b) => [...b.matchAll(/…(\[[^\]]*\]\([^)]*\))?/g)]);
  for (const cut of cuts) expect(cut[1], `${card.template}: a cut without a 查看全文 link`).toBe(`[${READ_MORE}](${url})`);
  if (cuts.length > 0) expect(url, card.template).toMatch(/^https:\/\/kpi\.example\.com\/app\/#\//);
  // Every action of the Feishu card is on the DingTalk card.
  const feishu = feishuActions(renderFeishuCard(card, { publicBaseUrl: 'https://kpi.example.com' }).card);
  const dingtalk = dingTalkActions(cardParamMap);
  for (const action of feishu) expect(dingtalk, `${card.template}: ${action}`).toContain(action);
  return { cut: cuts.length > 0 };
}

describe('DingTalk card size (property)', () => {
  it('the help card with every shipped command fits, buttons and all', () => {
    checkCard(realHelpCard());
  });

  describe.each(CARD_TEMPLATES.filter((tpl) => tpl.id !== 'help').map((tpl) => [tpl.id, tpl] as const))('%s', (id, template) => {
    it('every value ≤ 1 KB, cuts end with 查看全文, every Feishu action present (60 reps, 2,000-character notes)', () => {
      // No shrinking (a 60-rep counterexample would take minutes to shrink), and only the failed
      // assertion is reported, not the megabyte of generated data.
      const details = fc.check(
        fc.property(largest(template.example), fc.constantFrom('zh' as const, 'en' as const), (data, locale) => {
          checkCard(template.build(data as never, locale));
        }),
        { numRuns: 10, endOnFailure: true },
      );
      if (details.failed) throw details.errorInstance;
    });
  });

  it('a 60-rep approval card with 2,000-character reasons is paged and cut, never sent without its buttons', () => {
    const template = CARD_TEMPLATES.find((tpl) => tpl.id === 'assessment-approval');
    if (!template) throw new Error('no approval card');
    const [data] = fc.sample(largest(template.example), { numRuns: 1, seed: 15 });
    const card = template.build({ ...(data as object), rejecting: false } as never, 'zh');
    expect(checkCard(card).cut).toBe(true);
    const actions = [...dingTalkActions(renderCardData(card).cardParamMap)].map((a) => (JSON.parse(a) as { command: string }).command);
    expect(actions).toEqual(expect.arrayContaining(['assessment.approve', 'assessment.rejectForm', 'assessment.approvalPage']));
  });
});
