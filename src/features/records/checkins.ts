import { inTransaction } from '../../db/client.js';
import { createCheckinRepository, type VisitCheckin } from '../../db/repositories/checkin-repository.js';
import type { GeoPoint } from '../../domain/geo/distance.js';
import type { CheckinLocation } from '../../domain/records/checkin-input.js';
import { CHECKIN_WINDOW_MS, judgeCheckin, withinCheckinWindow, type CheckinVerdict } from '../../domain/records/checkin-rule.js';
import { problem, ProblemError } from '../../domain/problem.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { StoredPhoto } from './checkin-photos.js';
import { recordStores } from './stores.js';

export type { StoredPhoto } from './checkin-photos.js';

/** What a check-in did, for the reply (chat) or the JSON answer (H5). */
export interface CheckinOutcome {
  visitId: number;
  customer: string;
  /** How the location compared with the customer's (absent for a photo). */
  location?: CheckinVerdict;
  photo?: boolean;
  /** The visit's verification after the check-in. */
  verification: string;
}

export interface CheckinInput {
  visitId: number;
  location?: CheckinLocation;
  photo?: StoredPhoto;
}

/**
 * Attaches a location and/or a photo to one of the actor's own visits (chat and H5 both end here).
 * A location near the customer's (CHECKIN_RADIUS_M, same datum) makes the visit `located`; a far or
 * incomparable one is stored with its flag and the visit stays as it was. The first known-datum
 * location of a customer becomes the customer's location (see judgeCheckin for why that visit stays
 * unverified).
 */
export function checkInVisit(deps: AppDeps, actor: Actor, input: CheckinInput): Promise<CheckinOutcome> {
  const stores = recordStores(deps);
  const checkins = createCheckinRepository(deps.db);
  const audit = auditOf(actor);
  return inTransaction(deps.db, async () => {
    const visit = await stores.records.visits.get(input.visitId);
    if (!visit) throw new ProblemError(problem('NOT_FOUND', 'checkin.visitNotFound'));
    if (visit.repUserId !== actor.user.id) throw new ProblemError(problem('FORBIDDEN', 'records.error.recordForbidden'));
    const base = { visitId: visit.id, repUserId: actor.user.id, source: actor.source, createdAt: actor.now };
    let verification: string = visit.verification;
    let verdict: CheckinVerdict | undefined;
    if (input.location) {
      const { point, accuracyM, address } = input.location;
      const known = await checkins.customerLocation(visit.customerId);
      const customerPoint: GeoPoint | undefined = known ? { lat: known.lat, lng: known.lng, datum: known.datum } : undefined;
      verdict = judgeCheckin(point, customerPoint, deps.config.checkin.radiusM);
      const row: VisitCheckin = await checkins.insert(audit, {
        ...base,
        kind: 'location',
        lat: point.lat,
        lng: point.lng,
        datum: point.datum,
        accuracyM: accuracyM ?? null,
        address: address ?? null,
        distanceM: 'distanceM' in verdict ? verdict.distanceM : null,
        flag: verdict.kind === 'far' ? 'far' : verdict.kind === 'datum-mismatch' ? 'datum_mismatch' : null,
      });
      if (verdict.kind === 'sets-location') {
        await checkins.setCustomerLocationIfNone({ customerId: visit.customerId, lat: point.lat, lng: point.lng, datum: point.datum, source: 'checkin', checkinId: row.id, createdAt: actor.now });
      }
      // Only a self-reported visit is raised: a manager's or finance's word stays.
      if (verdict.kind === 'located' && visit.verification === 'self') {
        await stores.records.visits.update(audit, visit.id, { verification: 'located', updatedAt: actor.now });
        verification = 'located';
      }
    }
    if (input.photo) {
      const { path, mime, bytes, sha256 } = input.photo;
      await checkins.insert(audit, { ...base, kind: 'photo', photoPath: path, photoMime: mime, photoBytes: bytes, photoSha256: sha256 });
    }
    const customer = (await stores.customers.get(visit.customerId))?.name ?? `#${visit.customerId}`;
    return { visitId: visit.id, customer, verification, ...(verdict ? { location: verdict } : {}), ...(input.photo ? { photo: true } : {}) };
  });
}

/**
 * The visit a chat check-in attaches to: the actor's newest visit logged through the same platform in
 * the last 30 minutes, not undone. Undefined when there is none (the reply says how to check in).
 */
export async function openChatCheckinVisit(deps: AppDeps, actor: Actor): Promise<number | undefined> {
  const entry = await createCheckinRepository(deps.db).latestVisitEntry(actor.user.id, actor.source, actor.now - CHECKIN_WINDOW_MS);
  return entry && withinCheckinWindow(entry.createdAt, actor.now) ? entry.visitId : undefined;
}

/** The check-ins of a visit the actor may see (its rep's own, for the H5 form). */
export async function checkinsOfVisit(deps: AppDeps, actor: Actor, visitId: number): Promise<VisitCheckin[]> {
  const visit = await recordStores(deps).records.visits.get(visitId);
  if (!visit || visit.repUserId !== actor.user.id) throw new ProblemError(problem('FORBIDDEN', 'records.error.recordForbidden'));
  return createCheckinRepository(deps.db).forVisit(visitId);
}
