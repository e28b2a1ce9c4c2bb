import type { ActionResponse, CardButton, CardElement, CardModel } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { mapCardText, markdownText, plainText } from '../markdown-escape.js';
import { bytes, CARD_VALUE_LIMIT_BYTES, fitText, packBlocks, packLists, type BodyPiece } from './card-budget.js';
import { ACTION_PARAM } from './decode.js';

/**
 * Neutral CardModel → DingTalk, as pure functions.
 *
 * Every neutral card goes into ONE generic advanced-card template (docs/dingtalk-card-template.md
 * describes its variables so an admin can build it in the card platform): DingTalk templates are
 * designed by hand, so a generic one keeps the card builder work to a single template. Every
 * cardParamMap value is a string of at most 1 KB (DingTalk's rules): the body is split over the
 * slots `body`, `body2` … `body8`, buttons and form inputs over `buttons`/`buttons2` and
 * `form`/`form2`; text that still cannot fit ends with a 查看全文 link to the card's page in the
 * mini-app. Long lists are paged by the cards themselves (20 reps per page). The markdown/ActionCard
 * fallback (render-fallback.ts) is only for a tenant with no template.
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

/** Body slots in the template (8 KB of markdown); lists of buttons and inputs get two each. */
export const BODY_SLOTS = 8;
const LIST_SLOTS = 2;
/** One line (a rep, a note) never takes more than this: a 2,000-character note is cut with 查看全文. */
const PIECE_LIMIT_BYTES = 600;
/**
 * The card's own links close the body; they never take more than this of the last slot, which keeps
 * room for the 查看全文 link. Cards bound their link rows (the digest shows eight reps), so all fit.
 */
const LINK_TAIL_BYTES = CARD_VALUE_LIMIT_BYTES - 160;

const slotName = (base: string, i: number): string => (i === 0 ? base : `${base}${i + 1}`);

/** Values `base`, `base2` … for `count` slots; unused slots are sent empty so an update by key clears them. */
function slots(base: string, values: string[], count: number, empty: string): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [slotName(base, i), values[i] ?? empty]));
}

/** The page with the card's full content in the mini-app: its first link. */
export function detailUrlOf(card: CardModel): string | undefined {
  return card.elements.find((e): e is Extract<CardElement, { type: 'link' }> => e.type === 'link')?.url;
}

/** What ends text cut to fit: a link to the full text when the card has a page, else an ellipsis. */
export function readMore(card: CardModel): string {
  const url = detailUrlOf(card);
  return url ? `…[${t('zh', 'dingtalk.readMore')}](${url})` : '…';
}

/** The body as pieces: each line of each shown element; links are left to the tail. */
function bodyPieces(card: CardModel): BodyPiece[] {
  const pieces: BodyPiece[] = [];
  for (const element of card.elements) {
    if (element.type === 'link') continue;
    const markdown = elementMarkdown(element);
    if (markdown === undefined) continue;
    markdown.split('\n').forEach((line, i) => pieces.push({ text: line, joiner: i === 0 ? '\n\n' : '\n' }));
  }
  return pieces;
}

/** The body split into slots of ≤ 1 KB, the card's links closing the last one. */
export function renderBodyBlocks(model: CardModel): string[] {
  const card = mapCardText(model, markdownText);
  const links = card.elements.flatMap((e) => (e.type === 'link' ? [`\n\n${elementMarkdown(e) ?? ''}`] : []));
  // Links past the budget would make the last slot overflow; they stay reachable from the card's
  // page, where 查看全文 and the first link lead.
  const kept: string[] = [];
  for (const link of links) if (bytes(kept.join('') + link) <= LINK_TAIL_BYTES) kept.push(link);
  return packBlocks(bodyPieces(card), { limit: CARD_VALUE_LIMIT_BYTES, slots: BODY_SLOTS, pieceLimit: PIECE_LIMIT_BYTES, more: readMore(card), tail: kept.join('') });
}

const actionJson = (button: CardButton): string => JSON.stringify({ command: button.action.command, args: button.action.args ?? {} });

function dingTalkButton(button: CardButton, id: string, fallbackStyle: 'primary' | 'default'): DingTalkCardButton {
  return {
    id,
    text: button.label,
    color: BUTTON_COLORS[button.style ?? fallbackStyle],
    action: actionJson(button),
    // Confirm texts are short by design; cut them so one button never crowds a list out.
    ...(button.confirm ? { confirmTitle: fitText(button.confirm.title, 120, '…'), confirmText: fitText(button.confirm.text, 240, '…') } : {}),
  };
}

type FormInput = Extract<CardElement, { type: 'form' }>['inputs'][number];

/** A form input as the template's loop reads it; a select's options are cut to what fits in one value. */
function dingTalkInput(input: FormInput): Record<string, unknown> {
  const item = {
    name: input.name,
    label: input.label,
    kind: input.kind,
    required: String(input.required ?? false),
    value: input.value ?? '',
    placeholder: input.placeholder ?? '',
    options: input.options ?? [],
  };
  while (bytes(JSON.stringify([item])) > CARD_VALUE_LIMIT_BYTES && item.options.length > 0) item.options = item.options.slice(0, -1);
  return item;
}

/** The public card data for the generic template (createAndDeliver / PUT instances / callback ack). */
export function renderCardData(model: CardModel): DingTalkCardData {
  // Every variable but the markdown body is shown as plain text by the template.
  const card = mapCardText(model, plainText);
  const buttons: DingTalkCardButton[] = [];
  const inputs: Record<string, unknown>[] = [];
  let submit: DingTalkCardButton | undefined;
  for (const element of card.elements) {
    if (element.type === 'actions') for (const button of element.buttons) buttons.push(dingTalkButton(button, `b${buttons.length}`, 'default'));
    if (element.type === 'form') {
      inputs.push(...element.inputs.map(dingTalkInput));
      submit = dingTalkButton(element.submit, `submit_${element.name}`, 'primary');
    }
  }
  const buttonLists = packLists(buttons, CARD_VALUE_LIMIT_BYTES).map((list) => JSON.stringify(list));
  const formLists = packLists(inputs, CARD_VALUE_LIMIT_BYTES).map((list) => JSON.stringify(list));
  return {
    cardParamMap: {
      template: card.template,
      title: fitText(card.title, CARD_VALUE_LIMIT_BYTES, '…'),
      subtitle: fitText(card.subtitle ?? '', CARD_VALUE_LIMIT_BYTES, '…'),
      color: COLORS[card.color ?? 'blue'],
      ...slots('body', renderBodyBlocks(model), BODY_SLOTS, ''),
      ...slots('buttons', buttonLists, LIST_SLOTS, '[]'),
      hasButtons: String(buttons.length > 0),
      ...slots('form', formLists, LIST_SLOTS, '[]'),
      hasForm: String(inputs.length > 0),
      submit: JSON.stringify(submit ?? null),
    },
  };
}

/** Whether every value is within DingTalk's 1 KB (renderCardData guarantees it; tests check it). */
export function cardDataFits(data: DingTalkCardData): boolean {
  return Object.values(data.cardParamMap).every((value) => bytes(value) <= CARD_VALUE_LIMIT_BYTES);
}

export interface CardCallbackResponse {
  cardUpdateOptions: { updateCardDataByKey: boolean; updatePrivateDataByKey: boolean };
  cardData?: DingTalkCardData;
  userPrivateData?: DingTalkCardData;
}

/**
 * What a card click is answered with (the stream ACK's `response`, or the HTTP callback body).
 * Checked against the sources (fact sheet §5.4): the shape {cardUpdateOptions: {updateCardDataByKey,
 * updatePrivateDataByKey}, cardData: {cardParamMap}, userPrivateData: {cardParamMap}} is the
 * `CardResponse` of the official Go stream SDK (open-dingtalk/dingtalk-stream-sdk-go card/model.go,
 * fixed in its PR #18 "参考 event-callback-card"), what the official Java card example's handler
 * returns (open-dingtalk/dingtalk-card-examples CardCallbackHandler.java) and what the doc
 * event-callback-card describes; userPrivateData is the clicker's, not keyed by userId. Over
 * Stream the SDK wraps it as `{"response": …}` (socketCallBackResponse); over HTTP the doc says the
 * same object works and we send it bare (the wrapper there is UNVERIFIED in the fact sheet).
 * Values follow the same 1 KB rule as a new card, so the replacement card is the same renderCardData.
 *
 * the replacement card as public data, the toast as the clicker's private data (a group card is
 * shared, so per-user feedback must not go into the public data).
 */
export function renderCardCallbackResponse(response: ActionResponse): CardCallbackResponse {
  const result: CardCallbackResponse = { cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true } };
  if (response.card) result.cardData = renderCardData(response.card);
  if (response.toast) result.userPrivateData = { cardParamMap: { toast: plainText(response.toast.text), toastKind: response.toast.kind } };
  return result;
}

export { ACTION_PARAM, CARD_VALUE_LIMIT_BYTES };
