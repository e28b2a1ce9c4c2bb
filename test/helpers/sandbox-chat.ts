import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { cardToText, type CardAction, type CardModel, type Reply } from '../../src/domain/card-model.js';
import { mapCardText, plainText } from '../../src/platforms/markdown-escape.js';

export interface SandboxMessage {
  id: number;
  direction: 'in' | 'out';
  payload: Reply;
}

/**
 * Drives the bot as a person in the sandbox chat would: type a message, read the replies, click a
 * button or submit a form on a card.
 */
export function sandboxChat(app: FastifyInstance, employeeNo: string) {
  return {
    async say(text: string, eventId?: string): Promise<SandboxMessage[]> {
      const res = await app.inject({ method: 'POST', url: '/sandbox/api/messages', payload: { employeeNo, text, eventId } });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { messages: SandboxMessage[] }).messages.map(readable);
    },
    async click(message: SandboxMessage | undefined, action: CardAction, formValues: Record<string, string> = {}, eventId?: string) {
      const res = await app.inject({
        method: 'POST',
        url: '/sandbox/api/actions',
        payload: { employeeNo, messageId: message ? String(message.id) : undefined, action, formValues, eventId },
      });
      expect(res.statusCode, res.body).toBe(200);
      // The answer (toast, replacement card) and the new messages the click sent into the chat.
      const body = res.json() as { toast?: { kind: string; text: string }; card?: CardModel; messages: SandboxMessage[] };
      const messages = body.messages.map(readable);
      return { ...body, ...(body.card ? { card: mapCardText(body.card, plainText) } : {}), messages, sent: messages.map((m) => m.payload) };
    },
    async transcript(): Promise<SandboxMessage[]> {
      const res = await app.inject({ method: 'GET', url: `/sandbox/api/transcript?employeeNo=${encodeURIComponent(employeeNo)}` });
      return (res.json() as { messages: SandboxMessage[] }).messages.map(readable);
    },
  };
}

/** A message as a person reads it: the user-text marks (src/domain/user-text.ts) removed from its card. */
function readable(message: SandboxMessage): SandboxMessage {
  const payload = message.payload as Reply | { type: string };
  if (payload.type !== 'card' || !('card' in payload)) return message;
  return { ...message, payload: { ...payload, card: mapCardText(payload.card, plainText) } } as SandboxMessage;
}

/** The text a person would read in a reply (cards flattened). */
export function replyText(message: SandboxMessage | Reply): string {
  const reply = 'payload' in message ? message.payload : message;
  return reply.type === 'text' ? reply.text : cardToText(reply.card);
}

/** Finds a button on a card by (part of) its label. */
export function findButton(card: CardModel, label: string) {
  for (const el of card.elements) {
    if (el.type === 'actions') {
      const b = el.buttons.find((x) => x.label.includes(label));
      if (b) return b;
    }
    if (el.type === 'form' && el.submit.label.includes(label)) return el.submit;
  }
  throw new Error(`no button "${label}" on card ${card.template}`);
}
