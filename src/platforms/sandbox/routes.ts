import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cardActionSchema } from '../../domain/card-model.js';
import type { BotHandler, ConversationRef, SenderRef } from '../channel.js';
import type { SandboxChannel } from './channel.js';
import type { SandboxUserDirectory } from './stores.js';

const PAGE = readFileSync(new URL('./page.html', import.meta.url), 'utf8');

/** The page's one inline script and style, allowed by their hashes (the app-wide CSP allows no inline script). */
function inlineHashes(tag: 'script' | 'style'): string {
  const blocks = [...PAGE.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
  return blocks.map((text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`).join(' ');
}
const PAGE_CSP = `default-src 'self'; script-src ${inlineHashes('script')}; style-src ${inlineHashes('style')}; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'`;

export interface SandboxRoutesOptions {
  bot: BotHandler;
  channel: SandboxChannel;
  org: SandboxUserDirectory;
  clock: () => number;
}

/** The sandbox chat: a web page and the small JSON API it (and the tests) talk to. */
export const sandboxRoutes: FastifyPluginAsyncZod<SandboxRoutesOptions> = async (app, { bot, channel, org, clock }) => {
  app.get('/sandbox', async (_request, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).send(PAGE));

  app.get('/sandbox/api/users', async () => ({
    users: (await org
.listUsers({ activeOnly: true }))
      .map((u) => ({ employeeNo: u.employeeNo, name: u.name, roles: u.roles }))
      .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)),
  }));

  async function who(employeeNo: string): Promise<{ sender: SenderRef; conversation: ConversationRef; userId: number }> {
    const user = await org.getUserByEmployeeNo(employeeNo);
    const userId = user?.id ?? 0;
    return {
      userId,
      sender: { platform: 'sandbox', ids: [{ kind: 'employee_no', value: employeeNo }] },
      conversation: { platform: 'sandbox', chatId: String(userId), chatType: 'p2p' },
    };
  }

  app.post(
    '/sandbox/api/messages',
    { schema: { body: z.object({ employeeNo: z.string().min(1).max(32), text: z.string().max(2000), eventId: z.string().max(64).optional() }) } },
    async (request) => {
      const { employeeNo, text } = request.body;
      const { sender, conversation, userId } = await who(employeeNo);
      const inboundId = await channel.recordInbound(userId, { text });
      await bot.handleMessage({
        kind: 'message',
        platform: 'sandbox',
        eventId: request.body.eventId ?? randomUUID(),
        sender,
        conversation,
        text,
        receivedAt: clock(),
      });
      return { messages: (await channel.transcript(userId, inboundId)).filter((m) => m.direction === 'out') };
    },
  );

  app.post(
    '/sandbox/api/actions',
    {
      schema: {
        body: z.object({
          employeeNo: z.string().min(1).max(32),
          messageId: z.string().max(32).optional(),
          action: cardActionSchema,
          formValues: z.record(z.string(), z.string()).default({}),
          eventId: z.string().max(64).optional(),
        }),
      },
    },
    async (request) => {
      const { employeeNo, messageId, action, formValues } = request.body;
      const { sender, conversation, userId } = await who(employeeNo);
      const before = (await channel.transcript(userId)).at(-1)?.id ?? 0;
      const response = await bot.handleAction({
        kind: 'action',
        platform: 'sandbox',
        eventId: request.body.eventId ?? randomUUID(),
        sender,
        conversation: { ...conversation, messageId },
        action,
        formValues,
        receivedAt: clock(),
      });
      if (response.card && messageId) {
        await channel.updateCard?.({ platform: 'sandbox', messageId }, { type: 'card', card: response.card });
      }
      // The bot sends what the click causes besides (through the outbox); the page shows it with the answer.
      await bot.settle?.();
      return { ...response, messages: (await channel.transcript(userId, before)).filter((m) => m.direction === 'out') };
    },
  );

  app.get('/sandbox/api/files/:id', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request, reply) => {
    const file = await channel.file(request.params.id);
    if (!file) return reply.code(404).send({ error: 'NOT_FOUND', message: '文件不存在 (no such file)' });
    return reply
      .type(file.mimeType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(file.content);
  });

  app.get(
    '/sandbox/api/transcript',
    // The page polls this every 3 s: logged at warn and above only, or a demo drowns in request lines.
    { logLevel: 'warn', schema: { querystring: z.object({ employeeNo: z.string().min(1).max(32), after: z.coerce.number().int().min(0).default(0) }) } },
    async (request) => {
      const { userId } = await who(request.query.employeeNo);
      return { messages: await channel.transcript(userId, request.query.after) };
    },
  );
};
