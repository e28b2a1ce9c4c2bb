import { z } from 'zod';
import { plainText } from './user-text.js';

/**
 * The neutral card: what a command wants to show, with no platform's JSON in it. Each platform's
 * render-card.ts turns it into that platform's card (and a plain-text fallback); the sandbox shows it
 * as HTML. Buttons and form submits carry a command and its arguments back to the same router that
 * typed text reaches.
 */

export const cardActionSchema = z.object({
  command: z.string().min(1).max(64),
  args: z.record(z.string(), z.string()).default({}),
});
export type CardAction = z.infer<typeof cardActionSchema>;

export const buttonSchema = z.object({
  label: z.string().min(1).max(40),
  action: cardActionSchema,
  style: z.enum(['primary', 'default', 'danger']).default('default'),
  confirm: z.object({ title: z.string(), text: z.string() }).optional(),
  /**
   * Where a platform that cannot call back (DingTalk without a card template) sends the person
   * instead: the H5 page for this action, and the typed command that does the same (`确认 2026-11`).
   */
  url: z.string().optional(),
  typed: z.string().optional(),
});
export type CardButton = z.input<typeof buttonSchema>;

export const formInputSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
  label: z.string().min(1),
  kind: z.enum(['text', 'textarea', 'number', 'date', 'select']),
  required: z.boolean().default(false),
  value: z.string().optional(),
  placeholder: z.string().optional(),
  options: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
});
export type FormInput = z.input<typeof formInputSchema>;

export const cardElementSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('markdown'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })).min(1) }),
  z.object({ type: z.literal('divider') }),
  z.object({ type: z.literal('note'), text: z.string() }),
  z.object({ type: z.literal('actions'), buttons: z.array(buttonSchema).min(1).max(6) }),
  z.object({
    type: z.literal('form'),
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
    inputs: z.array(formInputSchema).min(1),
    submit: buttonSchema,
  }),
  z.object({ type: z.literal('link'), label: z.string(), url: z.string() }),
]);
export type CardElement = z.input<typeof cardElementSchema>;

export const cardModelSchema = z
  .object({
    /** Which template in cards/ produced it: used for snapshots and platform template mapping. */
    template: z.string().min(1),
    title: z.string().min(1).max(100),
    subtitle: z.string().optional(),
    color: z.enum(['blue', 'green', 'orange', 'red', 'grey', 'purple']).default('blue'),
    elements: z.array(cardElementSchema).min(1),
  })
  .superRefine((card, ctx) => {
    const forms = card.elements.filter((e) => e.type === 'form');
    for (const form of forms) {
      const names = form.inputs.map((i) => i.name);
      if (new Set(names).size !== names.length) {
        ctx.addIssue({ code: 'custom', message: `form ${form.name} has duplicate input names` });
      }
    }
  });
export type CardModel = z.input<typeof cardModelSchema>;

export type Reply = { type: 'text'; text: string } | { type: 'card'; card: CardModel };

/**
 * What a card click or form submit answers with, synchronously: a toast, a replacement card, or both.
 * Messages a click sends besides (e.g. a form card) are not here: the bot queues them in the outbox.
 */
export interface ActionResponse {
  toast?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string };
  card?: CardModel;
}

export const textReply = (text: string): Reply => ({ type: 'text', text });
export const cardReply = (card: CardModel): Reply => ({ type: 'card', card });

/** The plain-text rendering every platform can fall back to (and what logs and tests can read): user-text marks removed. */
export function cardToText(card: CardModel): string {
  const lines: string[] = [card.title];
  if (card.subtitle) lines.push(card.subtitle);
  for (const el of card.elements) {
    switch (el.type) {
      case 'markdown':
      case 'note':
        lines.push(el.text);
        break;
      case 'fields':
        for (const f of el.fields) lines.push(`${f.label}: ${f.value}`);
        break;
      case 'actions':
        lines.push(el.buttons.map((b) => `[${b.label}]`).join(' '));
        break;
      case 'form':
        lines.push(el.inputs.map((i) => `${i.label}${i.value ? `: ${i.value}` : ''}`).join('\n'));
        break;
      case 'link':
        lines.push(`${el.label}: ${el.url}`);
        break;
      case 'divider':
        lines.push('—');
        break;
    }
  }
  return plainText(lines.join('\n'));
}
