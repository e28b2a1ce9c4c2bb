import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../features/deps.js';
import { importReceipts, runFinanceMatching } from '../../features/finance/receipts.js';
import { financeReview, matchReceiptByHand, rejectClaim } from '../../features/finance/review.js';
import { reportedRowErrors } from '../../features/imports/import-limits.js';
import { RECEIPT_SOURCES } from '../../domain/finance/vocabulary.js';
import { requireAnyRole } from '../access.js';
import { webActor, webContext } from '../request-context.js';
import { recordsOfUpload, UPLOAD_BODY_LIMIT, uploadBody } from './uploaded-file.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** 回款核对: finance (and admins) import receipts, see what did not match, and match or reject by hand. */
export const financeApiRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // onRequest, so a rep is refused before a 10 MB body is even read.
  app.addHook('onRequest', async (request) => requireAnyRole(webContext(request), ['finance', 'admin']));

  app.get('/api/finance/review', async (request) => financeReview(deps, webActor(request, deps.clock())));

  app.post('/api/finance/receipts/import', { bodyLimit: UPLOAD_BODY_LIMIT, schema: { body: uploadBody.extend({ source: z.enum(RECEIPT_SOURCES) }).strict() } }, async (request, reply) => {
    const records = await recordsOfUpload(webContext(request), request.body, deps.config.imports);
    const result = await importReceipts(deps, webActor(request, deps.clock()), { source: request.body.source, records });
    if (!result.ok) return reply.code(422).send({ error: 'IMPORT_INVALID', rows: records.length, ...reportedRowErrors(result.errors) });
    return result;
  });

  app.post('/api/finance/match', async (request) => runFinanceMatching(deps, webActor(request, deps.clock())));

  app.post('/api/finance/receipts/:id/match', { schema: { params: idParams, body: z.object({ paymentId: z.number().int().positive() }).strict() } }, async (request) =>
    matchReceiptByHand(deps, webActor(request, deps.clock()), { receiptId: request.params.id, paymentId: request.body.paymentId }),
  );

  app.post('/api/finance/claims/:id/reject', { schema: { params: idParams, body: z.object({ reason: z.string().trim().min(1).max(200) }).strict() } }, async (request) =>
    rejectClaim(deps, webActor(request, deps.clock()), { paymentId: request.params.id, reason: request.body.reason }),
  );
};
