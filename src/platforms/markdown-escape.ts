import type { CardButton, CardElement, CardModel, FormInput } from '../domain/card-model.js';
import { plainText, renderUserText } from '../domain/user-text.js';

/**
 * Escaping user text for the chat platforms' markdown (Feishu card markdown, DingTalk markdown
 * messages and the card template's markdown body).
 *
 * A character either dialect gives a meaning to becomes a numeric HTML character reference
 * (`[` → `&#91;`), which both render as the character itself. References rather than backslashes
 * because they fail safe: a renderer that did not know a backslash escape would show `\[` and still
 * build the link; one that did not decode a reference shows `&#91;` and builds nothing.
 * Everywhere: links and images (`[ ] ( ) !`), tags and mentions (`<at>`, `<font>`, `<text_tag>`,
 * `<link>`, `<a>`: `<` `>`), emphasis and code (`* _ ~ \``), bare-URL autolinks and Feishu emoji
 * codes (`:` `.`), formulas (`$`), and `&` and `\` themselves. At the start of a line (the value's
 * start, or after a line break in it): what starts a block (`#` heading, `+ -` list, `>` quote,
 * `|` table, `- =` rule or setext heading), so a line break in a note cannot start a list; a line
 * break that ends the value is dropped, as it would put the template's next words at a line start.
 */
const ANYWHERE = /[&<>[\]()!*_~`$:.\\]/g;
const LINE_START = /(^|\n)([ \t]*)([#+\-=>|])/g;

const reference = (char: string) => `&#${char.charCodeAt(0)};`;

export function escapeMarkdown(value: string): string {
  const escaped = value
    .replace(/\r\n?/g, '\n')
    // A line break at the very end would put the template's next words at the start of a line.
    .replace(/\n\s*$/, '')
    .replace(ANYWHERE, reference)
    .replace(LINE_START, (_, br: string, indent: string, char: string) => `${br}${indent}${reference(char)}`)
    // After a line break in the value, a digit would start an ordered list with the template's next
    // character ("1" + ")"): the digit becomes a reference too.
    .replace(/(\n[ \t]*)(\d)/g, (_, start: string, digit: string) => `${start}${reference(digit)}`);
  // An empty or blank value would leave the template's next character (a "+3" of points) at the start
  // of the line, where it starts a list: an invisible zero-width space keeps that line a paragraph.
  return escaped.trim() === '' ? `&#8203;${escaped}` : escaped;
}

/** Card text for a markdown field: the template's markup kept, the user text in it escaped. */
export function markdownText(text: string): string {
  return renderUserText(text, escapeMarkdown);
}

/** Card text for a plain-text field (titles, button labels, inputs): the marks removed, nothing to escape. */
export { plainText };

/**
 * Plain chat text (a text message) that must not mention anyone: Feishu reads `<at user_id="all">`
 * inside a text message as an @all. A word joiner after every `<` keeps the text as it looks and
 * breaks every tag. (DingTalk mentions only through the message's `at` field, which the bot never sets.)
 */
export function inertChatText(text: string): string {
  return plainText(text).replace(/</g, '<\u2060');
}

/** The card with every text field passed through `render` (markdownText or plainText); urls and actions untouched. */
export function mapCardText(card: CardModel, render: (text: string) => string): CardModel {
  const button = (b: CardButton): CardButton => ({ ...b, label: render(b.label), ...(b.typed !== undefined ? { typed: render(b.typed) } : {}), ...(b.confirm ? { confirm: { title: render(b.confirm.title), text: render(b.confirm.text) } } : {}) });
  const input = (i: FormInput): FormInput => ({
    ...i,
    label: render(i.label),
    ...(i.value !== undefined ? { value: render(i.value) } : {}),
    ...(i.placeholder !== undefined ? { placeholder: render(i.placeholder) } : {}),
    ...(i.options ? { options: i.options.map((o) => ({ label: render(o.label), value: plainText(o.value) })) } : {}),
  });
  const element = (e: CardElement): CardElement => {
    switch (e.type) {
      case 'markdown':
      case 'note':
        return { ...e, text: render(e.text) };
      case 'fields':
        return { ...e, fields: e.fields.map((f) => ({ label: render(f.label), value: render(f.value) })) };
      case 'link':
        return { ...e, label: render(e.label) };
      case 'actions':
        return { ...e, buttons: e.buttons.map(button) };
      case 'form':
        return { ...e, inputs: e.inputs.map(input), submit: button(e.submit) };
      case 'divider':
        return e;
    }
  };
  return { ...card, title: render(card.title), ...(card.subtitle !== undefined ? { subtitle: render(card.subtitle) } : {}), elements: card.elements.map(element) };
}
