import { z } from 'zod';
import { cardActionSchema } from '../../domain/card-model.js';
import { decodeAttachment } from './decode-attachment.js';
import { MAX_INBOUND_TEXT_LENGTH, type IdentityKind, type InboundAttachment, type InboundAction, type InboundMessage, type SenderRef } from '../channel.js';

/**
 * Feishu's JSON shapes (schema 2.0 envelopes, im.message.receive_v1, card.action.trigger) validated
 * with zod and turned into the neutral InboundEvent. Pure: the caller has already authenticated the
 * request and decrypted the body.
 */

export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(512),
  token: z.string().optional(),
});

export const envelopeHeaderSchema = z.object({
  event_id: z.string().min(1).max(128),
  event_type: z.string().min(1).max(128),
  token: z.string().optional(),
  app_id: z.string().optional(),
  tenant_key: z.string().optional(),
  // Milliseconds on some pages, microseconds on others: kept opaque.
  create_time: z.string().optional(),
});
export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;

export const eventEnvelopeSchema = z.object({
  schema: z.literal('2.0'),
  header: envelopeHeaderSchema,
  event: z.record(z.string(), z.unknown()),
});

export type FeishuPayload =
  | { kind: 'challenge'; challenge: string; token: string | undefined }
  | { kind: 'event'; header: EnvelopeHeader; event: Record<string, unknown> }
  | { kind: 'unsupported'; reason: string };

/** Classifies a decrypted body: a URL challenge, a 2.0 event, or something we do not handle. */
export function classifyPayload(body: unknown): FeishuPayload {
  const challenge = urlVerificationSchema.safeParse(body);
  if (challenge.success) return { kind: 'challenge', challenge: challenge.data.challenge, token: challenge.data.token };
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (envelope.success) return { kind: 'event', header: envelope.data.header, event: envelope.data.event };
  return { kind: 'unsupported', reason: 'not a schema 2.0 event or url_verification' };
}

const userIdsSchema = z.object({
  open_id: z.string().optional(),
  union_id: z.string().optional(),
  user_id: z.string().optional(),
});

/** Sender matching order: open_id (per app), then union_id, then user_id. */
function senderFrom(ids: z.infer<typeof userIdsSchema>, displayName?: string): SenderRef {
  const order: IdentityKind[] = ['open_id', 'union_id', 'user_id'];
  const list = order.flatMap((kind) => {
    const value = ids[kind as keyof typeof ids];
    return value ? [{ kind, value }] : [];
  });
  return { platform: 'feishu', ids: list, ...(displayName ? { displayName } : {}) };
}

// Module level: zod builds (and compiles) a schema on creation, which cost about 4 % of a message's CPU when
// this one was made for every text message (webhook bench profile).
const textContentSchema = z.object({ text: z.string() });

const messageEventSchema = z.object({
  sender: z.object({
    sender_id: userIdsSchema,
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1).max(128),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string().max(200_000),
    mentions: z
      .array(z.object({ key: z.string(), name: z.string().optional(), id: userIdsSchema.optional() }))
      .optional(),
  }),
});

/**
 * Removes the leading @mentions of the bot and spells out any others as @name. Without `botKeys`
 * every leading mention counts as the bot's (callers that matched the bot's open_id pass its keys).
 */
export function stripMentions(text: string, mentions: { key: string; name?: string | undefined }[], botKeys?: ReadonlySet<string>): string {
  let rest = text.trimStart();
  const keys = new Map(mentions.map((m) => [m.key, m.name ?? '']));
  for (;;) {
    const leading = /^@_user_\d+/.exec(rest);
    if (!leading || !keys.has(leading[0]) || (botKeys && !botKeys.has(leading[0]))) break;
    rest = rest.slice(leading[0].length).trimStart();
  }
  return rest.replace(/@_user_\d+/g, (key) => (keys.has(key) ? `@${keys.get(key)}` : key)).trim();
}

export type MessageDecodeResult = { ok: true; message: InboundMessage } | { ok: false; reason: string };

/**
 * im.message.receive_v1 → InboundMessage. The eventId is the message_id: Feishu's docs say to dedupe
 * messages on message_id, and every retry of the same event carries the same one.
 */
export function decodeMessageEvent(event: unknown, receivedAt: number, botOpenId?: string): MessageDecodeResult {
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, reason: 'malformed im.message.receive_v1' };
  const { sender, message } = parsed.data;
  if (sender.sender_type && sender.sender_type !== 'user') return { ok: false, reason: 'sender is not a user' };
  const chatType = message.chat_type === 'group' ? 'group' : 'p2p';
  const mentions = message.mentions ?? [];
  // In groups the bot answers only when it is @mentioned itself: a mention of a person or another bot
  // is not for us (the bot's open_id comes from bot/v3/info; without it a group message is not answered).
  const botKeys = new Set(mentions.filter((m) => botOpenId !== undefined && m.id?.open_id === botOpenId).map((m) => m.key));
  if (chatType === 'group' && botKeys.size === 0) return { ok: false, reason: 'group message without @bot' };

  let text = '';
  let nonText = false;
  let attachment: InboundAttachment | undefined;
  if (message.message_type === 'text') {
    const content = textContentSchema.safeParse(safeJson(message.content));
    if (!content.success) return { ok: false, reason: 'text message without text content' };
    text = stripMentions(content.data.text, mentions, chatType === 'group' ? botKeys : undefined);
  } else {
    attachment = decodeAttachment(message.message_type, message.content, message.message_id);
    nonText = attachment === undefined;
  }
  return {
    ok: true,
    message: {
      kind: 'message',
      platform: 'feishu',
      eventId: message.message_id,
      sender: senderFrom(sender.sender_id),
      conversation: { platform: 'feishu', chatId: message.chat_id, chatType, messageId: message.message_id },
      // Over the cap nothing is parsed: a cut command could record the wrong thing.
      text: text.length > MAX_INBOUND_TEXT_LENGTH ? '' : text,
      ...(text.length > MAX_INBOUND_TEXT_LENGTH ? { tooLong: true } : {}),
      ...(nonText ? { nonText: true } : {}),
      ...(attachment ? { attachment } : {}),
      receivedAt,
    },
  };
}

const cardActionEventSchema = z.object({
  operator: userIdsSchema,
  token: z.string().optional(),
  action: z.object({
    value: z.unknown().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    input_value: z.string().optional(),
    checked: z.boolean().optional(),
  }),
  host: z.string().optional(),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

/** Feishu dates arrive as "yyyy-MM-dd +0800" and date-times as "yyyy-MM-dd HH:mm +0800": drop the offset. */
function formValueToString(value: unknown): string {
  if (Array.isArray(value)) return value.map(formValueToString).join(',');
  if (typeof value === 'string') {
    const dated = /^(\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?) [+-]\d{4}$/.exec(value);
    return dated ? (dated[1] as string) : value;
  }
  if (value === null || value === undefined) return '';
  return String(value as string | number | boolean);
}

export type ActionDecodeResult = { ok: true; action: InboundAction } | { ok: false; reason: string };

/** card.action.trigger (schema 2.0) → InboundAction; the button's value carries {command, args}. */
export function decodeCardAction(header: EnvelopeHeader, event: unknown, receivedAt: number): ActionDecodeResult {
  const parsed = cardActionEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, reason: 'malformed card.action.trigger' };
  const { operator, action, context } = parsed.data;
  const command = cardActionSchema.safeParse(action.value);
  if (!command.success) return { ok: false, reason: 'card action value carries no command' };
  const formValues: Record<string, string> = {};
  for (const [name, value] of Object.entries(action.form_value ?? {})) formValues[name] = formValueToString(value);
  if (action.name && !action.form_value) {
    const single = action.option ?? action.input_value ?? (action.options ? action.options.join(',') : undefined);
    if (single !== undefined) formValues[action.name] = single;
  }
  const chatId = context?.open_chat_id ?? '';
  return {
    ok: true,
    action: {
      kind: 'action',
      platform: 'feishu',
      eventId: header.event_id,
      sender: senderFrom(operator),
      conversation: {
        platform: 'feishu',
        chatId,
        chatType: 'p2p',
        ...(context?.open_message_id ? { messageId: context.open_message_id } : {}),
        ...(parsed.data.token ? { extra: { cardToken: parsed.data.token } } : {}),
      },
      action: command.data,
      formValues,
      receivedAt,
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
