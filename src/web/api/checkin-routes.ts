import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem, ProblemError } from '../../domain/problem.js';
import type { AppDeps } from '../../features/deps.js';
import { storeCheckinPhoto } from '../../features/records/checkin-photos.js';
import { checkInVisit, checkinsOfVisit, type CheckinOutcome } from '../../features/records/checkins.js';
import { checkinOutcomeText } from '../../i18n/checkin-text.js';
import type { Locale } from '../../i18n/index.js';
import { webActor } from '../request-context.js';

export interface CheckinApiOptions {
  deps: AppDeps;
}

const id = z.object({ id: z.coerce.number().int().positive() });
/**
 * What tt.getLocation / dd.getLocation handed the page. The page asks for GCJ-02; `datum` says what the
 * client reported it returned, and a point without one is not accepted (it could not be compared).
 */
const locationBody = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  datum: z.enum(['gcj02', 'wgs84', 'bd09']),
  accuracy: z.number().min(0).max(100_000).optional(),
  address: z.string().trim().max(200).optional(),
});

/**
 * The H5 visit form's check-in: a location from the client's getLocation, or a photo from the picker.
 * Both call the same feature as a chat check-in (checkInVisit), for the rep's own visit.
 */
export const checkinApiRoutes: FastifyPluginAsyncZod<CheckinApiOptions> = async (app, { deps }) => {
  const actorOf = (request: Parameters<typeof webActor>[0]) => webActor(request, deps.clock());
  const answer = (locale: Locale, outcome: CheckinOutcome) => ({ checkin: outcome, message: checkinOutcomeText(locale, outcome, deps.config.checkin.radiusM) });

  app.get('/api/visits/:id/checkins', { schema: { params: id } }, async (request) => ({ checkins: await checkinsOfVisit(deps, actorOf(request), request.params.id) }));

  app.post('/api/visits/:id/checkin', { schema: { params: id, body: locationBody } }, async (request) => {
    const actor = actorOf(request);
    const { lat, lng, datum, accuracy, address } = request.body;
    const location = { point: { lat, lng, datum }, ...(accuracy !== undefined ? { accuracyM: accuracy } : {}), ...(address ? { address } : {}) };
    return answer(actor.locale, await checkInVisit(deps, actor, { visitId: request.params.id, location }));
  });

  app.post('/api/visits/:id/photo', { schema: { params: id } }, async (request) => {
    const actor = actorOf(request);
    const maxBytes = deps.config.checkin.photoMaxBytes;
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!file) throw new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoNotImage'));
    const bytes = await file.toBuffer().catch((error: unknown) => {
      // @fastify/multipart stops a file at the limit with this code: the cap, worded for the rep.
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoTooLarge', { maxKb: Math.floor(maxBytes / 1024) }));
      throw error;
    });
    const photo = await storeCheckinPhoto(deps, bytes);
    return answer(actor.locale, await checkInVisit(deps, actor, { visitId: request.params.id, photo }));
  });
};
