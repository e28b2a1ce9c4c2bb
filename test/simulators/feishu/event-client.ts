import { randomBytes, randomUUID } from 'node:crypto';
import { encryptFeishu, feishuSignature } from '../../../src/platforms/feishu/crypto.js';

/**
 * Feishu's side of the callbacks: builds schema 2.0 events and card callbacks, encrypts them with
 * the Encrypt Key and signs the exact bytes it posts, as Feishu does. Options produce the broken
 * requests an attacker or a bug would send.
 */

export interface FeishuIdentity {
  open_id: string;
  union_id?: string;
  user_id?: string;
}

export interface EventClientOptions {
  appId: string;
  verificationToken: string;
  encryptKey?: string;
  /** "Now" for create_time and the signed timestamp (Date.now by default): the app's clock in app.inject tests. */
  clock?: () => number;
}

export interface PostOptions {
  /** Post the plain JSON even when an Encrypt Key is configured. */
  plain?: boolean;
  /** Encrypt with this key instead of the right one. */
  encryptKey?: string;
  timestampOffsetMs?: number;
  /** Sign the compact JSON but post it pretty-printed (what the SDK's own check gets wrong). */
  reserialise?: boolean;
  badSignature?: boolean;
  /** Post these bytes as they are (signed correctly unless badSignature). */
  rawBody?: string;
  contentType?: string;
}

export function createFeishuEventClient(options: EventClientOptions) {
  const clock = options.clock ?? (() => Date.now());
  const header = (eventType: string, eventId?: string, overrides: Record<string, string> = {}) => ({
    event_id: eventId ?? randomBytes(16).toString('hex'),
    token: options.verificationToken,
    create_time: String(clock()),
    event_type: eventType,
    tenant_key: 'tenant_sim',
    app_id: options.appId,
    ...overrides,
  });

  function body(envelope: unknown, post: PostOptions): string {
    if (post.rawBody !== undefined) return post.rawBody;
    const key = post.encryptKey ?? options.encryptKey;
    if (key && !post.plain) return JSON.stringify({ encrypt: encryptFeishu(key, JSON.stringify(envelope)) });
    return JSON.stringify(envelope);
  }

  return {
    messageEvent(input: {
      sender: FeishuIdentity;
      text?: string;
      messageType?: string;
      content?: string;
      chatType?: 'p2p' | 'group';
      chatId?: string;
      messageId?: string;
      eventId?: string;
      header?: Record<string, string>;
      /** Who a group message @mentions (the bot by default): another bot or a person tests silence. */
      mention?: { open_id: string; name: string };
    }) {
      const group = input.chatType === 'group';
      const mention = input.mention ?? { open_id: 'ou_bot', name: '考核助手' };
      const text = group ? `@_user_1 ${input.text ?? ''}` : (input.text ?? '');
      return {
        schema: '2.0',
        header: header('im.message.receive_v1', input.eventId, input.header),
        event: {
          sender: { sender_id: input.sender, sender_type: 'user', tenant_key: 'tenant_sim' },
          message: {
            message_id: input.messageId ?? `om_in_${randomUUID().replace(/-/g, '')}`,
            create_time: String(clock()),
            chat_id: input.chatId ?? `oc_chat_${input.sender.open_id}`,
            chat_type: input.chatType ?? 'p2p',
            message_type: input.messageType ?? 'text',
            content: input.content ?? JSON.stringify({ text }),
            ...(group ? { mentions: [{ key: '@_user_1', id: { open_id: mention.open_id }, name: mention.name, tenant_key: 'tenant_sim' }] } : {}),
          },
        },
      };
    },

    cardAction(input: {
      operator: FeishuIdentity;
      value: unknown;
      name?: string;
      formValue?: Record<string, unknown>;
      messageId?: string;
      chatId?: string;
      eventId?: string;
    }) {
      return {
        schema: '2.0',
        header: header('card.action.trigger', input.eventId),
        event: {
          operator: { tenant_key: 'tenant_sim', ...input.operator },
          token: `c-${randomBytes(16).toString('hex')}`,
          action: {
            value: input.value,
            tag: 'button',
            timezone: 'Asia/Shanghai',
            ...(input.name ? { name: input.name } : {}),
            ...(input.formValue ? { form_value: input.formValue } : {}),
          },
          host: 'im_message',
          context: { open_message_id: input.messageId ?? 'om_card_1', open_chat_id: input.chatId ?? 'oc_chat_1' },
        },
      };
    },

    challenge(challenge: string, token = options.verificationToken) {
      return { challenge, token, type: 'url_verification' };
    },

    /** The bytes and headers Feishu would send for this envelope. */
    request(envelope: unknown, post: PostOptions = {}): { body: string; headers: Record<string, string> } {
      const sentBody = body(envelope, post);
      const timestamp = String(Math.floor((clock() + (post.timestampOffsetMs ?? 0)) / 1000));
      const nonce = randomBytes(8).toString('hex');
      // Feishu signs the bytes it sends; `reserialise` then changes the bytes after signing.
      const posted = post.reserialise ? JSON.stringify(JSON.parse(sentBody), null, 2) : sentBody;
      let signature = feishuSignature(timestamp, nonce, options.encryptKey ?? '', sentBody);
      if (post.badSignature) signature = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      return {
        body: posted,
        headers: {
          'content-type': post.contentType ?? 'application/json; charset=utf-8',
          'x-lark-request-timestamp': timestamp,
          'x-lark-request-nonce': nonce,
          'x-lark-signature': signature,
        },
      };
    },

    /** Posts to a running server; retries of one event are just repeated posts of the same envelope. */
    async post(url: string, envelope: unknown, post: PostOptions = {}): Promise<{ status: number; json: unknown; text: string }> {
      const { body: payload, headers } = this.request(envelope, post);
      const response = await fetch(url, { method: 'POST', headers, body: payload });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    },
  };
}

export type FeishuEventClient = ReturnType<typeof createFeishuEventClient>;
