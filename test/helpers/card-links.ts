import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CardModel } from '../../src/domain/card-model.js';
import { renderCardCallbackResponse, renderCardData } from '../../src/platforms/dingtalk/render-card.js';
import { renderMarkdownFallback, renderRobotMessage, renderWebhookMessage } from '../../src/platforms/dingtalk/render-fallback.js';
import { renderFeishuCard } from '../../src/platforms/feishu/render-card.js';

/**
 * Every URL a person can tap in a card, read from what each platform is actually sent: Feishu's card
 * JSON and DingTalk's card data, robot markdown and session-webhook markdown. Links are found by
 * walking the JSON (url / *_url / multi_url / href / link fields, JSON inside string values) and by
 * reading every string for markdown links and bare http(s) URLs.
 */

const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?\s*\)/g;
// ASCII URL characters only, so a Chinese comma or bracket after a URL is not taken in.
const BARE_URL = /\bhttps?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+/g;
const URL_KEY = /url$|^href$|^link$/i;

function linksInText(text: string, into: Set<string>): void {
  for (const match of text.matchAll(MARKDOWN_LINK)) into.add(match[1] as string);
  for (const match of text.matchAll(BARE_URL)) into.add(match[0].replace(/[.,;:!?]+$/, ''));
}

function walk(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (URL_KEY.test(key) && value.trim() !== '') into.add(value.trim());
    linksInText(value, into);
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        walk(JSON.parse(trimmed), into);
      } catch {
        // Not JSON: already read as text.
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, into, key);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, into, k);
  }
}

/** URLs anywhere in a JSON value (a rendered card, a message body). */
export function linksInJson(value: unknown): string[] {
  const found = new Set<string>();
  walk(value, found);
  return [...found].sort();
}

/** The links the neutral card means to show: link elements, and links written into its text. */
export function linksInCard(card: CardModel): string[] {
  const found = new Set<string>();
  for (const element of card.elements) {
    if (element.type === 'link') found.add(element.url);
    if (element.type === 'markdown' || element.type === 'note') linksInText(element.text, found);
    if (element.type === 'fields') for (const f of element.fields) linksInText(`${f.label} ${f.value}`, found);
  }
  linksInText(`${card.title} ${card.subtitle ?? ''}`, found);
  return [...found].sort();
}

export interface PlatformLinks {
  feishu: string[];
  dingtalkCard: string[];
  /** A card replaced in place (updateCard, a click's callback answer): cut to DingTalk's 1 KB per value. */
  dingtalkUpdate: string[];
  dingtalkCallback: string[];
  dingtalkRobot: string[];
  dingtalkWebhook: string[];
  dingtalkMarkdown: string[];
}

/** The links of one card as each platform renders it. */
export function platformLinks(card: CardModel, publicBaseUrl: string): PlatformLinks {
  const reply = { type: 'card' as const, card };
  return {
    feishu: linksInJson(renderFeishuCard(card, { publicBaseUrl }).card),
    dingtalkCard: linksInJson(renderCardData(card)),
    // Updates send the same data as the first card (every value already fits).
    dingtalkUpdate: linksInJson(renderCardData(card)),
    dingtalkCallback: linksInJson(renderCardCallbackResponse({ card })),
    dingtalkRobot: linksInJson(renderRobotMessage(reply)),
    dingtalkWebhook: linksInJson(renderWebhookMessage(reply)),
    dingtalkMarkdown: linksInJson(renderMarkdownFallback(card)),
  };
}

/** Every link of a card on every platform (the union). */
export function allLinks(card: CardModel, publicBaseUrl: string): string[] {
  const links = platformLinks(card, publicBaseUrl);
  return [...new Set([...linksInCard(card), ...Object.values(links).flat()])].sort();
}

/** The hash routes the mini-app knows (src/web/public/js/app.js ROUTES); an unknown one falls back to the dashboard. */
export function miniAppRoutes(): string[] {
  const source = readFileSync(resolve(import.meta.dirname, '../../src/web/public/js/app.js'), 'utf8');
  const block = /const ROUTES = \[([\s\S]*?)\n\];/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/path: '([^']+)'/g)].map((m) => m[1] as string);
}

/**
 * Why a card URL cannot open a page of the mini-app, or null: it must be under PUBLIC_BASE_URL, on
 * the page shell /app/, with a hash route the app has (the server has no other pages).
 */
export function appLinkProblem(url: string, publicBaseUrl: string, routes: readonly string[]): string | null {
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (!url.startsWith(`${base}/`)) return `${url} is not under PUBLIC_BASE_URL ${base}`;
  const rest = url.slice(base.length);
  const match = /^\/app\/#(\/[^?]*)(\?.*)?$/.exec(rest);
  if (!match) return `${url} is not a mini-app page (${base}/app/#/<route>)`;
  if (!routes.includes(match[1] as string)) return `${url}: the mini-app has no route ${match[1]}`;
  return null;
}
