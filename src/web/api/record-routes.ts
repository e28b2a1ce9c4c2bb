import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEAL_STAGES, VISIT_KINDS } from '../../domain/records/vocabulary.js';
import type { AppDeps } from '../../features/deps.js';
import { setCustomerConfidential } from '../../features/customers/confidential.js';
import { createCustomer, updateCustomer } from '../../features/records/customers.js';
import { saveOpportunity } from '../../features/records/deals.js';
import { getCustomer, getVisit, listCustomers, listDeals, listSalesChannels, listVisits } from '../../features/records/queries.js';
import { savePayment } from '../../features/records/payments.js';
import { saveVisit, updateVisit } from '../../features/records/visits.js';
import { localeOf, webActor } from '../request-context.js';
import { progressText } from './progress-text.js';

export interface RecordApiOptions {
  deps: AppDeps;
}

const listQuery = z.object({
  q: z.string().trim().max(50).optional(),
  salesChannelId: z.coerce.number().int().positive().optional(),
});
const id = z.object({ id: z.coerce.number().int().positive() });
const dateText = z.string().trim().max(20);
const visitFields = {
  visitDate: dateText.optional(),
  notes: z.string().max(2000).optional(),
  nextStep: z.string().max(2000).optional(),
  nextStepDue: dateText.optional(),
  /** HR or a manager entering a date past the back-dating bound: a post-lock correction's reason. */
  correctionReason: z.string().max(500).optional(),
};
/** "见了谁": a contact of the customer (id or name), or a new one's name and title. */
const visitContactFields = {
  contact: z.string().trim().max(60).optional(),
  newContact: z.string().trim().max(60).optional(),
  contactTitle: z.string().trim().max(60).optional(),
};
const customerPatch = z.object({
  salesChannelId: z.coerce.number().int().positive().optional(),
  region: z.string().trim().max(50).optional(),
  industry: z.string().trim().max(50).optional(),
});

/** A JSON body as the form values the features validate (what a chat card's form sends too). */
const asFormValues = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));

/**
 * Lists (scope-narrowed) and H5 entry of visits, deals and customers. Every write calls the same
 * feature as the chat command (saveVisit, updateVisit, saveOpportunity, createCustomer,
 * updateCustomer), so validation, scope, journal, audit and undo are one; the audit source and the
 * record source are 'h5'. Refusals are Problems, worded by the app's error handler.
 */
export const recordApiRoutes: FastifyPluginAsyncZod<RecordApiOptions> = async (app, { deps }) => {
  const actorOf = (request: Parameters<typeof webActor>[0]) => webActor(request, deps.clock());

  app.get('/api/channels', async () => ({ salesChannels: await listSalesChannels(deps) }));

  app.get('/api/customers', { schema: { querystring: listQuery.extend({ tag: z.string().trim().max(30).optional() }) } }, async (request) => ({
    customers: await listCustomers(deps, actorOf(request), request.query),
  }));

  app.get('/api/customers/:id', { schema: { params: id } }, async (request) => ({ customer: await getCustomer(deps, actorOf(request), request.params.id) }));

  app.get('/api/visits', { schema: { querystring: listQuery } }, async (request) => ({ visits: await listVisits(deps, actorOf(request), request.query) }));

  app.get('/api/deals', { schema: { querystring: listQuery.extend({ stage: z.enum(DEAL_STAGES).optional() }) } }, async (request) => ({
    deals: await listDeals(deps, actorOf(request), request.query),
  }));

  app.get('/api/visits/:id', { schema: { params: id } }, async (request) => ({ visit: await getVisit(deps, actorOf(request), request.params.id) }));

  app.post(
    '/api/visits',
    {
      schema: {
        body: z.object({ ...visitFields, ...visitContactFields, kind: z.enum(VISIT_KINDS).default('onsite'), customerId: z.number().int().positive(), token: z.string().uuid().optional() }),
      },
    },
    async (request, reply) => {
      const { customerId, token, ...values } = request.body;
      const actor = actorOf(request);
      const result = await saveVisit(deps, actor, { customer: { id: customerId }, values: asFormValues(values), source: 'h5', token: token ?? null });
      reply.code(result.duplicate ? 200 : 201);
      return { visit: result.record, entryId: result.entry.id, duplicate: result.duplicate, progress: await progressText(deps, actor, 'visit', localeOf(request, actor.user.locale)) };
    },
  );

  // A deal or opportunity from H5: the same 商机 feature as chat (amount text such as 5万 or 50000, stage, close date).
  app.post(
    '/api/deals',
    {
      schema: {
        body: z.object({
          customerId: z.number().int().positive(),
          amount: z.string().trim().min(1).max(30),
          stage: z.enum(DEAL_STAGES).default('lead'),
          expectedCloseDate: dateText.optional(),
          title: z.string().trim().max(100).optional(),
          token: z.string().uuid().optional(),
        }),
      },
    },
    async (request, reply) => {
      const { customerId, token, ...values } = request.body;
      const result = await saveOpportunity(deps, actorOf(request), { customer: { id: customerId }, values: asFormValues(values), source: 'h5', token: token ?? null });
      reply.code(result.duplicate ? 200 : 201);
      return { deal: result.record, entryId: result.entry.id, duplicate: result.duplicate };
    },
  );

  // 回款 from H5: the same feature as chat; over the deal amount it answers 409 until resent with confirmOverpay: true.
  app.post(
    '/api/payments',
    {
      schema: {
        body: z.object({
          customerId: z.number().int().positive(),
          amount: z.string().trim().min(1).max(30),
          paidOn: dateText.optional(),
          confirmOverpay: z.boolean().optional(),
          token: z.string().uuid().optional(),
        }),
      },
    },
    async (request, reply) => {
      const { customerId, token, ...values } = request.body;
      const result = await savePayment(deps, actorOf(request), { customer: { id: customerId }, values: asFormValues(values), source: 'h5', token: token ?? null });
      reply.code(result.duplicate ? 200 : 201);
      return { payment: result.record, entryId: result.entry.id, duplicate: result.duplicate };
    },
  );

  // Unsent fields keep their stored value: a partial edit changes only what it names.
  app.patch('/api/visits/:id', { schema: { params: id, body: z.object({ ...visitFields, kind: z.enum(VISIT_KINDS).optional() }) } }, async (request) => ({
    visit: await updateVisit(deps, actorOf(request), { id: request.params.id, values: asFormValues(request.body) }),
  }));

  app.post(
    '/api/customers',
    { schema: { body: customerPatch.extend({ name: z.string().trim().min(1).max(100), salesChannelId: z.coerce.number().int().positive() }) } },
    async (request, reply) => {
      const { salesChannelId, ...rest } = request.body;
      const { customer } = await createCustomer(deps, actorOf(request), { values: asFormValues({ ...rest, salesChannel: salesChannelId }), source: 'h5' });
      reply.code(201);
      return { customer };
    },
  );

  app.patch('/api/customers/:id', { schema: { params: id, body: customerPatch.extend({ confidential: z.boolean().optional() }) } }, async (request) => {
    const { salesChannelId, confidential, ...rest } = request.body;
    // The confidential mark is a manager's or an admin's (the same feature as 保密 in chat); checked first, so a refusal changes nothing.
    if (confidential !== undefined) await setCustomerConfidential(deps, actorOf(request), { customerId: request.params.id, confidential });
    // Only the mark was sent: no other change to write (nor an empty update to audit).
    if (confidential !== undefined && salesChannelId === undefined && Object.values(rest).every((v) => v === undefined)) return { customer: await getCustomer(deps, actorOf(request), request.params.id) };
    return { customer: await updateCustomer(deps, actorOf(request), { customerId: request.params.id, values: asFormValues({ ...rest, salesChannel: salesChannelId }) }) };
  });
};
