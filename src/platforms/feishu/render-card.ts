import { t } from '../../i18n/index.js';
import { cardModelSchema, cardToText, type CardButton, type CardElement, type CardModel, type FormInput } from '../../domain/card-model.js';
import { appLink } from '../../domain/deep-link.js';
import { markdownText as md, plainText } from '../markdown-escape.js';

/**
 * Neutral CardModel → Feishu card JSON 2.0 (and a plain-text fallback). Pure. Buttons and form
 * submits carry `{command, args}` as the callback value, so a click reaches the same router as text.
 */

/** Feishu rejects cards over 30 KB (230025); keep a margin for the envelope around the content. */
export const FEISHU_CARD_MAX_BYTES = 30 * 1024;
const CARD_BUDGET_BYTES = 28 * 1024;

export type FeishuCardJson = {
  schema: '2.0';
  config: { update_multi: true };
  header: Record<string, unknown>;
  body: { elements: Record<string, unknown>[] };
};

export interface RenderOptions {
  /** Where the full content lives when a card has to be truncated (the H5 app). */
  publicBaseUrl: string;
}

const COLORS: Record<string, string> = { blue: 'blue', green: 'green', orange: 'orange', red: 'red', grey: 'grey', purple: 'purple' };
const BUTTON_TYPES: Record<string, string> = { primary: 'primary_filled', default: 'default', danger: 'danger' };

/** Plain-text fields show user text as it is; markdown fields go through md(), which escapes it. */
const plain = (content: string) => ({ tag: 'plain_text', content: plainText(content) });

function renderButton(button: CardButton, name: string, submit = false): Record<string, unknown> {
  return {
    tag: 'button',
    name,
    text: plain(button.label),
    type: BUTTON_TYPES[button.style ?? 'default'] ?? 'default',
    ...(submit ? { form_action_type: 'submit' } : {}),
    behaviors: [{ type: 'callback', value: { command: button.action.command, args: button.action.args ?? {} } }],
    ...(button.confirm ? { confirm: { title: plain(button.confirm.title), text: plain(button.confirm.text) } } : {}),
  };
}

function renderInput(input: FormInput): Record<string, unknown> {
  const label = plain(input.label);
  const placeholder = input.placeholder ? { placeholder: plain(input.placeholder) } : {};
  const required = input.required ?? false;
  switch (input.kind) {
    case 'date':
      return { tag: 'date_picker', name: input.name, required, ...placeholder, ...(input.value ? { initial_date: plainText(input.value) } : {}) };
    case 'select':
      return {
        tag: 'select_static',
        name: input.name,
        required,
        placeholder: plain(input.placeholder ?? input.label),
        options: (input.options ?? []).map((o) => ({ text: plain(o.label), value: plainText(o.value) })),
        ...(input.value ? { initial_option: plainText(input.value) } : {}),
      };
    case 'textarea':
      return { tag: 'input', name: input.name, required, label, input_type: 'multiline_text', rows: 3, max_length: 1000, ...placeholder, ...(input.value ? { default_value: plainText(input.value) } : {}) };
    case 'text':
    case 'number':
      return { tag: 'input', name: input.name, required, label, max_length: 200, ...placeholder, ...(input.value ? { default_value: plainText(input.value) } : {}) };
  }
}

function renderElement(element: CardElement, index: number): Record<string, unknown>[] {
  switch (element.type) {
    case 'markdown':
      return [{ tag: 'markdown', content: md(element.text) }];
    case 'note':
      return [{ tag: 'markdown', content: `<font color='grey'>${md(element.text)}</font>` }];
    case 'fields':
      return [{ tag: 'markdown', content: element.fields.map((f) => `**${md(f.label)}**：${md(f.value)}`).join('\n') }];
    case 'divider':
      return [{ tag: 'hr' }];
    case 'link':
      return [{ tag: 'markdown', content: `[${md(element.label)}](${element.url})` }];
    case 'actions':
      return [
        {
          tag: 'column_set',
          columns: element.buttons.map((button, b) => ({ tag: 'column', width: 'auto', elements: [renderButton(button, `btn_${index}_${b}`)] })),
        },
      ];
    case 'form': {
      const label = element.inputs.map((input) => (input.kind === 'date' || input.kind === 'select' ? [{ tag: 'markdown', content: `**${md(input.label)}**` }, renderInput(input)] : [renderInput(input)]));
      return [
        {
          tag: 'form',
          name: element.name,
          elements: [...label.flat(), renderButton(element.submit, `${element.name}_submit`, true)],
        },
      ];
    }
  }
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Renders a card; a card that would pass the size limit is cut and ends with a link to the full view. */
export function renderFeishuCard(model: CardModel, options: RenderOptions): { card: FeishuCardJson; text: string } {
  const card = cardModelSchema.parse(model);
  const header: Record<string, unknown> = { title: plain(card.title), template: COLORS[card.color] ?? 'blue' };
  if (card.subtitle) header.subtitle = plain(card.subtitle);
  const rendered = card.elements.map((element, index) => renderElement(element, index));
  const json: FeishuCardJson = { schema: '2.0', config: { update_multi: true }, header, body: { elements: rendered.flat() } };
  const text = cardToText(card);
  if (cardBytes(json) <= CARD_BUDGET_BYTES) return { card: json, text };
  return { card: truncateCard(json, rendered, options), text };
}

function truncateCard(json: FeishuCardJson, rendered: Record<string, unknown>[][], options: RenderOptions): FeishuCardJson {
  // The mini-app (the service answers its bare origin with a 404: the pages live under /app/).
  const more = {
    tag: 'markdown',
    content: `${t('zh', 'feishu.cardTruncated')} [${t('zh', 'feishu.viewAll')} (${t('en', 'feishu.viewAll')})](${appLink(options.publicBaseUrl, { page: 'dashboard' })})`,
  };
  const kept: Record<string, unknown>[] = [];
  const fits = (elements: Record<string, unknown>[]) => cardBytes({ ...json, body: { elements: [...elements, more] } }) <= CARD_BUDGET_BYTES;
  for (const group of rendered) {
    if (fits([...kept, ...group])) {
      kept.push(...group);
      continue;
    }
    // A single long markdown block: keep as many lines as fit.
    const only = group.length === 1 ? group[0] : undefined;
    if (only && only.tag === 'markdown' && typeof only.content === 'string') {
      const lines = only.content.split('\n');
      let low = 0;
      let high = lines.length;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (fits([...kept, { ...only, content: lines.slice(0, mid).join('\n') }])) low = mid;
        else high = mid - 1;
      }
      if (low > 0) kept.push({ ...only, content: lines.slice(0, low).join('\n') });
    }
    break;
  }
  return { ...json, body: { elements: [...kept, more] } };
}
