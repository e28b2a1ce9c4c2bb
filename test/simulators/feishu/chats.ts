import type { ServerResponse } from 'node:http';

/**
 * Group chats on the Feishu simulator: GET im/v1/chats/:chat_id answers for a chat the bot is in;
 * a message to a chat the bot was removed from is refused with 230002 (bot not in group, feishu.md §5).
 * What GET answers for a chat without the bot is UNVERIFIED: it answers 400 with the same code.
 */
export function createFeishuChats() {
  const withBot = new Set<string>();
  const removed = new Set<string>();
  return {
    addBot(chatId: string): void {
      withBot.add(chatId);
      removed.delete(chatId);
    },
    /** The bot is taken out of the group (or the group dissolved). */
    removeBot(chatId: string): void {
      withBot.delete(chatId);
      removed.add(chatId);
    },
    refusesSend(receiveIdType: string | null, receiveId: unknown): boolean {
      return receiveIdType === 'chat_id' && typeof receiveId === 'string' && removed.has(receiveId);
    },
    serve(method: string, path: string, res: ServerResponse, json: (res: ServerResponse, status: number, body: unknown) => void): boolean {
      const match = /^\/open-apis\/im\/v1\/chats\/([^/]+)$/.exec(path);
      if (method !== 'GET' || !match) return false;
      const chatId = decodeURIComponent(match[1] as string);
      if (withBot.has(chatId)) json(res, 200, { code: 0, msg: 'success', data: { chat_id: chatId, name: '销售群', chat_mode: 'group' } });
      else json(res, 400, { code: 230002, msg: 'Bot is not in the chat' });
      return true;
    },
  };
}
