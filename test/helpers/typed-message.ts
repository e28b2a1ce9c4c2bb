import { randomUUID } from 'node:crypto';
import type { IdentityKind, InboundMessage, PlatformName } from '../../src/platforms/channel.js';

/** A typed 1:1 message as the platform's receiver hands it to the bot (a fresh event id each time). */
export function typedMessage(platform: PlatformName, id: { kind: IdentityKind; value: string }, text: string, receivedAt: number, extra: Record<string, string> = {}): InboundMessage {
  return {
    kind: 'message',
    platform,
    eventId: `evt-${randomUUID()}`,
    sender: { platform, ids: [id] },
    conversation: { platform, chatId: `p2p-${id.value}`, chatType: 'p2p', extra },
    text,
    receivedAt,
  };
}
