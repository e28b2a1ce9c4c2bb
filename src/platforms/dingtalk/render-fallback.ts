import type { CardButton, CardModel, Reply } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { mapCardText, markdownText, plainText } from '../markdown-escape.js';
import { fitText } from './card-budget.js';
import { detailUrlOf, renderCardBody } from './render-card.js';

/**
 * For a tenant with no card template only: the card as a robot message. Buttons cannot call back
 * there (actionCard buttons only open URLs, fact sheet §3.2), so every action stays reachable two
 * ways: a link button into the H5 page for that action, and the typed command that does the same
 * (`确认 2026-11`), listed in the text.
 */

/** The robot sampleActionCard keys go up to five buttons (fact sheet §4.4). */
const MAX_LINK_BUTTONS = 5;
/** groupMessages/send takes a msgParam of ≤ 15,000 bytes (fact sheet §4.5); leave room for JSON. */
const FALLBACK_TEXT_LIMIT_BYTES = 12_000;

function buttonsOf(card: CardModel): CardButton[] {
  return card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons : e.type === 'form' ? [e.submit] : []));
}

/** One link button per action that has a page: the button's own, else the card's page. */
export function linkButtons(card: CardModel): { title: string; url: string }[] {
  const detail = detailUrlOf(card);
  const links: { title: string; url: string }[] = [];
  for (const button of buttonsOf(card)) {
    const url = button.url ?? detail;
    if (url && !links.some((l) => l.title === plainText(button.label))) links.push({ title: plainText(button.label), url });
  }
  return links.slice(0, MAX_LINK_BUTTONS);
}

/** Markdown with the same information as the card, and the typed command for each action. */
export function renderMarkdownFallback(model: CardModel): { title: string; text: string } {
  // All of the fallback is markdown (the title as a heading, labels as a list) but its preview title.
  const card = mapCardText(model, markdownText);
  const lines = [`### ${card.title}`];
  if (card.subtitle) lines.push(card.subtitle);
  const body = renderCardBody(card);
  if (body) lines.push(body);
  const labels: string[] = [];
  for (const element of card.elements) {
    if (element.type === 'actions') labels.push(...element.buttons.map((b) => b.label));
    if (element.type === 'form') labels.push(...element.inputs.map((i) => `${i.label}${i.value ? `：${i.value}` : ''}`), element.submit.label);
  }
  const typed = buttonsOf(card).flatMap((b) => (b.typed ? [`- ${b.label}：「${b.typed}」`] : []));
  if (typed.length > 0) lines.push(`${t('zh', 'dingtalk.typedHint')}\n${typed.join('\n')}`);
  else if (labels.length > 0) lines.push(labels.map((l) => `- ${l}`).join('\n'), t('zh', 'dingtalk.cardButtonsHint'));
  const more = detailUrlOf(card) ? `…\n\n[${t('zh', 'dingtalk.readMore')}](${detailUrlOf(card)})` : '…';
  return { title: plainText(model.title), text: fitText(lines.join('\n\n'), FALLBACK_TEXT_LIMIT_BYTES, more) };
}

/** sessionWebhook body (custom-robot webhook format) for a reply: an actionCard when an action has a page. */
export function renderWebhookMessage(reply: Reply): Record<string, unknown> {
  if (reply.type === 'text') return { msgtype: 'text', text: { content: plainText(reply.text) } };
  const markdown = renderMarkdownFallback(reply.card);
  const links = linkButtons(reply.card);
  if (links.length === 0) return { msgtype: 'markdown', markdown };
  return { msgtype: 'actionCard', actionCard: { title: markdown.title, text: markdown.text, btnOrientation: '0', btns: links.map((l) => ({ title: l.title, actionURL: l.url })) } };
}

/** Robot API (batchSend / groupMessages) msgKey + msgParam (a JSON string) for a reply. */
export function renderRobotMessage(reply: Reply): { msgKey: string; msgParam: string } {
  if (reply.type === 'text') return { msgKey: 'sampleText', msgParam: JSON.stringify({ content: plainText(reply.text) }) };
  const markdown = renderMarkdownFallback(reply.card);
  const links = linkButtons(reply.card);
  if (links.length === 0) return { msgKey: 'sampleMarkdown', msgParam: JSON.stringify(markdown) };
  const [only] = links;
  if (links.length === 1 && only) return { msgKey: 'sampleActionCard', msgParam: JSON.stringify({ ...markdown, singleTitle: only.title, singleURL: only.url }) };
  const buttons = Object.fromEntries(links.flatMap((l, i) => [[`actionTitle${i + 1}`, l.title], [`actionURL${i + 1}`, l.url]]));
  return { msgKey: `sampleActionCard${links.length}`, msgParam: JSON.stringify({ ...markdown, ...buttons }) };
}
