import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { customerPicks } from '../../features/records/recent-customers.js';
import { visitContactsOf } from '../../features/records/visit-form-data.js';
import { webActor } from '../request-context.js';

/** As in chat: the customers of the rep's last visits come first in the H5 visit form. */
const RECENT = 5;

/** What the H5 visit form picks from: recent and own customers, and a customer's contacts. */
export const visitFormApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const actorOf = (request: Parameters<typeof webActor>[0]) => webActor(request, deps.clock());

  app.get('/api/customer-picks', async (request) => customerPicks(deps, actorOf(request), { recent: RECENT }));

  app.get('/api/customers/:id/contacts', { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (request) => ({
    contacts: await visitContactsOf(deps, actorOf(request), request.params.id),
  }));
};
