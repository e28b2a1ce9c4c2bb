import type { ActionResponse, CardElement, CardModel, Reply } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { mapCardText, markdownText, plainText } from '../markdown-escape.js';
import { ACTION_PARAM } from './decode.js';

/**
 * Neutral CardModel → DingTalk, as pure functions.
 *
 * Every neutral card goes into ONE generic advanced-card template (docs/dingtalk-card-template.md
 * describes its variables so an admin can build it in the card platform): DingTalk templates are
 * designed by hand, so a generic one with a markdown body and a loop of buttons keeps the card
 * builder work to a single template. Every cardParamMap value is a string (a DingTalk rule);
 * buttons and form inputs travel as JSON strings that the template's loop components read.
 * Where no template is configured, or the card's data exceeds DingTalk's 1 KB per value, the
 * markdown fallback carries the same information.
 */

const COLORS: Record<NonNullable<CardModel['color']>, string> = {
  blue: 'blue',
  green: 'green',
  orange: 'orange',
  red: 'red',
  grey: 'gray',
  purple: 'purple',
};

const BUTTON_COLORS = { primary: 'blue', default: 'gray', danger: 'red' } as const;

function elementMarkdown(element: CardElement): string | undefined {
  switch (element.type) {
    case 'markdown':
      return element.text;
    case 'fields':
      return element.fields.map((f) => `**${f.label}**：${f.value}`).join('  \n');
    case 'divider':
      return '---';
    case 'note':
      return `<font color="#888888">${element.text}</font>`;
    case 'link':
      return `[${element.label}](${element.url})`;
    case 'actions':
    case 'form':
      return undefined;
  }
}

/** The body the template's markdown component shows: every element that is not interactive, user text escaped. */
export function renderCardBody(card: CardModel): string {
  return mapCardText(card, markdownText)
    .elements
    .map(elementMarkdown)
    .filter((s): s is string => s !== undefined)
    .join('\n\n');
}

export interface DingTalkCardButton {
  id: string;
  text: string;
  color: string;
  /** The neutral {command, args} as JSON: the button's 回传请求 parameter `action`. */
  action: string;
  confirmTitle?: string;
  confirmText?: string;
}

export interface DingTalkCardData {
  cardParamMap: Record<string, string>;
}

/** The public card data for the generic template (createAndDeliver / PUT instances / callback ack). */
export function renderCardData(model: CardModel): DingTalkCardData {
  // Every variable but the markdown body is shown as plain text by the template.
  const card = mapCardText(model, plainText);
  const buttons: DingTalkCardButton[] = [];
  const inputs: unknown[] = [];
  let submit: DingTalkCardButton | undefined;
  for (const element of card.elements) {
    if (element.type === 'actions') {
      for (const button of element.buttons) {
        buttons.push({
          id: `b${buttons.length}`,
          text: button.label,
          color: BUTTON_COLORS[button.style ?? 'default'],
          action: JSON.stringify({ command: button.action.command, args: button.action.args ?? {} }),
          ...(button.confirm ? { confirmTitle: button.confirm.title, confirmText: button.confirm.text } : {}),
        });
      }
    }
    if (element.type === 'form') {
      for (const input of element.inputs) {
        inputs.push({
          name: input.name,
          label: input.label,
          kind: input.kind,
          required: String(input.required ?? false),
          value: input.value ?? '',
          placeholder: input.placeholder ?? '',
          options: input.options ?? [],
        });
      }
      submit = {
        id: `submit_${element.name}`,
        text: element.submit.label,
        color: BUTTON_COLORS[element.submit.style ?? 'primary'],
        action: JSON.stringify({ command: element.submit.action.command, args: element.submit.action.args ?? {} }),
      };
    }
  }
  return {
    cardParamMap: {
      template: card.template,
      title: card.title,
      subtitle: card.subtitle ?? '',
      color: COLORS[card.color ?? 'blue'],
      body: renderCardBody(model),
      buttons: JSON.stringify(buttons),
      hasButtons: String(buttons.length > 0),
      form: JSON.stringify(inputs),
      hasForm: String(inputs.length > 0),
      submit: JSON.stringify(submit ?? null),
    },
  };
}

/** DingTalk's limit on one cardParamMap value (doc table: keys ≤ 100 B, values ≤ 1 KB). */
export const CARD_VALUE_LIMIT_BYTES = 1024;

/** Whether every value fits; a card that does not is sent as the markdown fallback instead. */
export function cardDataFits(data: DingTalkCardData): boolean {
  return Object.values(data.cardParamMap).every((value) => Buffer.byteLength(value, 'utf8') <= CARD_VALUE_LIMIT_BYTES);
}

/** A body block that is one link element (`[label](url)`, see elementMarkdown). */
const LINK_BLOCK = /^\[[^\]\n]*\]\([^)\s]+\)$/;

/**
 * For updates of a card that already exists (no fallback possible): shortens the body so it fits,
 * ending the text with an ellipsis. Link elements (into the mini-app) stay whole after it: cutting
 * through one would leave a broken link. Buttons and form stay whole; they are small by construction.
 */
export function fitCardData(data: DingTalkCardData): DingTalkCardData {
  if (cardDataFits(data)) return data;
  const map = { ...data.cardParamMap };
  const blocks = (map.body ?? '').split('\n\n');
  const links = blocks.filter((block) => LINK_BLOCK.test(block));
  const tail = links.map((link) => `\n\n${link}`).join('');
  const budget = CARD_VALUE_LIMIT_BYTES - Buffer.byteLength(`…${tail}`, 'utf8');
  let body = blocks.filter((block) => !LINK_BLOCK.test(block)).join('\n\n');
  while (body !== '' && Buffer.byteLength(body, 'utf8') > budget) body = body.slice(0, Math.floor(body.length * 0.9));
  map.body = `${body}…${tail}`;
  return { cardParamMap: map };
}

/** Markdown for sessionWebhook replies and robot `sampleMarkdown` pushes: the same information, no buttons. */
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
  if (labels.length > 0) lines.push(labels.map((l) => `- ${l}`).join('\n'), t('zh', 'dingtalk.cardButtonsHint'));
  return { title: plainText(model.title), text: lines.join('\n\n') };
}

/** sessionWebhook body (custom-robot webhook format) for a reply. */
export function renderWebhookMessage(reply: Reply): Record<string, unknown> {
  if (reply.type === 'text') return { msgtype: 'text', text: { content: plainText(reply.text) } };
  return { msgtype: 'markdown', markdown: renderMarkdownFallback(reply.card) };
}

/** Robot API (batchSend / groupMessages) msgKey + msgParam (a JSON string) for a reply. */
export function renderRobotMessage(reply: Reply): { msgKey: string; msgParam: string } {
  if (reply.type === 'text') return { msgKey: 'sampleText', msgParam: JSON.stringify({ content: plainText(reply.text) }) };
  return { msgKey: 'sampleMarkdown', msgParam: JSON.stringify(renderMarkdownFallback(reply.card)) };
}

export interface CardCallbackResponse {
  cardUpdateOptions: { updateCardDataByKey: boolean; updatePrivateDataByKey: boolean };
  cardData?: DingTalkCardData;
  userPrivateData?: DingTalkCardData;
}

/**
 * What a card click is answered with (the stream ACK's `response`, or the HTTP callback body):
 * the replacement card as public data, the toast as the clicker's private data (a group card is
 * shared, so per-user feedback must not go into the public data).
 */
export function renderCardCallbackResponse(response: ActionResponse): CardCallbackResponse {
  const result: CardCallbackResponse = { cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true } };
  if (response.card) result.cardData = fitCardData(renderCardData(response.card));
  if (response.toast) result.userPrivateData = { cardParamMap: { toast: plainText(response.toast.text), toastKind: response.toast.kind } };
  return result;
}

export { ACTION_PARAM };
