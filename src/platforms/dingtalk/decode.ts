import { z } from 'zod';
import { cardActionSchema } from '../../domain/card-model.js';
import { MAX_INBOUND_TEXT_LENGTH, type ConversationRef, type InboundAction, type InboundAttachment, type InboundMessage } from '../channel.js';

/**
 * DingTalk payloads → the neutral InboundEvent. The stream frames and the HTTP callbacks carry the
 * same JSON, so both transports feed these functions.
 */

const stringish = z.union([z.string(), z.number()]).transform((v) => String(v));

export const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  conversationId: z.string().min(1),
  /** "1" = 1:1 with the bot, "2" = group (a string on the wire; numbers tolerated). */
  conversationType: stringish,
  conversationTitle: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  senderUnionId: z.string().optional(),
  robotCode: z.string().optional(),
  chatbotCorpId: z.string().optional(),
  isInAtList: z.boolean().optional(),
  msgtype: z.string().default('text'),
  text: z.object({ content: z.string() }).optional(),
  /** Non-text kinds: a picture carries {downloadCode, pictureDownloadCode}. */
  content: z.unknown().optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.coerce.number().optional(),
  createAt: z.coerce.number().optional(),
});
export type RobotMessage = z.infer<typeof robotMessageSchema>;

export const cardCallbackSchema = z.object({
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  /** A JSON string: {"cardPrivateData":{"actionIds":[…],"params":{…}}}. */
  content: z.string(),
  corpId: z.string().optional(),
  spaceType: z.string().optional(),
  spaceId: z.string().optional(),
  type: z.string().optional(),
});

const cardContentSchema = z.object({
  cardPrivateData: z
    .object({
      actionIds: z.array(z.string()).optional(),
      params: z.record(z.string(), z.unknown()).default({}),
    })
    .default({ params: {} }),
});

export const streamFrameSchema = z.object({
  type: z.string(),
  headers: z.object({ messageId: z.string().min(1), topic: z.string() }).loose(),
  data: z.string(),
});

/** The app these callbacks must be addressed to (from the configuration, never from a request). */
export interface DingTalkAppIdentity {
  robotCode: string;
  /** Checked when configured (DINGTALK_CORP_ID). */
  corpId: string | undefined;
}

function field(raw: unknown, name: string): unknown {
  return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[name] : undefined;
}

/**
 * A robot message for this app: its robotCode is ours, and its chatbotCorpId is our corp when one is
 * configured. A body signed for another app, or a forged one, fails here.
 */
export function robotMessageIsForApp(raw: unknown, app: DingTalkAppIdentity): boolean {
  if (field(raw, 'robotCode') !== app.robotCode) return false;
  return app.corpId === undefined || field(raw, 'chatbotCorpId') === app.corpId;
}

/** A card callback for this app: its corpId is our corp when one is configured (the body carries no robotCode). */
export function cardCallbackIsForApp(raw: unknown, app: DingTalkAppIdentity): boolean {
  return app.corpId === undefined || field(raw, 'corpId') === app.corpId;
}

export type RobotDecodeResult =
  | { kind: 'message'; event: InboundMessage }
  /** No senderStaffId (external member, unpublished bot): answer politely, store nothing. */
  | { kind: 'no-staff-id'; eventId: string; conversation: ConversationRef }
  /** A group message that does not @ the bot. */
  | { kind: 'ignored'; eventId: string }
  | { kind: 'invalid'; reason: string };

function conversationOf(message: RobotMessage, staffId: string | undefined): ConversationRef {
  const p2p = message.conversationType === '1';
  const extra: Record<string, string> = { conversationId: message.conversationId };
  if (message.sessionWebhook) extra.sessionWebhook = message.sessionWebhook;
  if (message.sessionWebhookExpiredTime) extra.sessionWebhookExpiredTime = String(message.sessionWebhookExpiredTime);
  if (staffId) extra.senderStaffId = staffId;
  return {
    platform: 'dingtalk',
    // A 1:1 chat is addressed by the user (robot batch send); a group by its openConversationId.
    chatId: p2p && staffId ? staffId : message.conversationId,
    chatType: p2p ? 'p2p' : 'group',
    messageId: message.msgId,
    extra,
  };
}

export function decodeRobotMessage(raw: unknown, receivedAt: number): RobotDecodeResult {
  const parsed = robotMessageSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const message = parsed.data;
  const staffId = message.senderStaffId?.trim() || undefined;
  // In a group only a message that @mentions this bot is for us (isInAtList); a missing flag is not a mention.
  if (message.conversationType === '2' && message.isInAtList !== true) return { kind: 'ignored', eventId: message.msgId };
  const conversation = conversationOf(message, staffId);
  if (!staffId) return { kind: 'no-staff-id', eventId: message.msgId, conversation };
  // Quota-exceeded deliveries arrive without text; other kinds carry `content` instead of `text`.
  const isText = message.msgtype === 'text' && message.text !== undefined;
  const event: InboundMessage = {
    kind: 'message',
    platform: 'dingtalk',
    eventId: message.msgId,
    sender: {
      platform: 'dingtalk',
      ids: [{ kind: 'userId', value: staffId }, ...(message.senderUnionId ? [{ kind: 'unionId' as const, value: message.senderUnionId }] : [])],
      ...(message.senderNick ? { displayName: message.senderNick } : {}),
    },
    conversation,
    // After an @mention the content starts with a space.
    text: isText ? (message.text?.content ?? '').trim() : '',
    receivedAt,
  };
  const picture = isText ? undefined : pictureOf(message);
  if (picture) event.attachment = picture;
  else if (!isText) event.nonText = true;
  if (event.text.length > MAX_INBOUND_TEXT_LENGTH) {
    event.text = '';
    event.tooLong = true;
  }
  return { kind: 'message', event };
}

const pictureContentSchema = z.object({ downloadCode: z.string().min(1).max(2048) });

/** A `picture` message: its downloadCode, exchanged later through /v1.0/robot/messageFiles/download. */
function pictureOf(message: RobotMessage): InboundAttachment | undefined {
  if (message.msgtype !== 'picture') return undefined;
  const content = pictureContentSchema.safeParse(message.content);
  return content.success ? { kind: 'image', resource: { platform: 'dingtalk', messageId: message.msgId, key: content.data.downloadCode } } : undefined;
}

/** The parameter a rendered card button carries: the neutral CardAction as JSON (see render-card.ts). */
export const ACTION_PARAM = 'action';

export type CardDecodeResult = { kind: 'action'; event: InboundAction } | { kind: 'invalid'; reason: string };

export function decodeCardCallback(raw: unknown, eventId: string, receivedAt: number): CardDecodeResult {
  const parsed = cardCallbackSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const callback = parsed.data;
  let params: Record<string, unknown>;
  try {
    params = cardContentSchema.parse(JSON.parse(callback.content)).cardPrivateData.params;
  } catch {
    return { kind: 'invalid', reason: 'content is not the expected JSON' };
  }
  let action;
  try {
    action = cardActionSchema.safeParse(typeof params[ACTION_PARAM] === 'string' ? JSON.parse(params[ACTION_PARAM]) : params[ACTION_PARAM]);
  } catch {
    return { kind: 'invalid', reason: 'action parameter is not JSON' };
  }
  if (!action.success) return { kind: 'invalid', reason: 'no valid action parameter on the button' };
  const formValues: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === ACTION_PARAM || value === undefined || value === null) continue;
    formValues[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const group = callback.spaceType === 'IM_GROUP' && callback.spaceId;
  return {
    kind: 'action',
    event: {
      kind: 'action',
      platform: 'dingtalk',
      eventId,
      sender: { platform: 'dingtalk', ids: [{ kind: 'userId', value: callback.userId }] },
      conversation: {
        platform: 'dingtalk',
        chatId: group ? (callback.spaceId as string) : callback.userId,
        chatType: group ? 'group' : 'p2p',
        messageId: callback.outTrackId,
        extra: { senderStaffId: callback.userId },
      },
      action: action.data,
      formValues,
      receivedAt,
    },
  };
}
