import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { listGroupBinds, removeGroupBind, updateGroupBind } from '../../features/group-chats/binds.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext } from '../request-context.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const bindPatch = z
  .object({ topN: z.number().int().min(1).max(20).optional(), winPosts: z.boolean().optional() })
  .strict()
  .refine((b) => b.topN !== undefined || b.winPosts !== undefined, { message: 'topN or winPosts is required', path: ['topN'] });

/** The admin channels page's team groups (role admin): list, per-group settings, remove. */
export const groupBindApiRoutes: FastifyPluginAsyncZod<{ botDeps: AppDeps }> = async (app, { botDeps }) => {
  const { clock } = botDeps;
  app.addHook('onRequest', async (request) => requireAnyRole(webContext(request), ['admin']));

  app.get('/api/admin/group-binds', async () => ({ groupBinds: await listGroupBinds(botDeps) }));

  app.patch('/api/admin/group-binds/:id', { schema: { params: idParams, body: bindPatch } }, async (request) => {
    await updateGroupBind(botDeps, webActor(request, clock()), { id: request.params.id, ...request.body });
    return { groupBinds: await listGroupBinds(botDeps) };
  });

  app.delete('/api/admin/group-binds/:id', { schema: { params: idParams } }, async (request) => {
    await removeGroupBind(botDeps, webActor(request, clock()), { id: request.params.id });
    return { groupBinds: await listGroupBinds(botDeps) };
  });
};
