import { haversineMeters, type GeoPoint } from '../geo/distance.js';

/** A location or photo sent in chat attaches to the rep's visit logged at most this long before. */
export const CHECKIN_WINDOW_MS = 30 * 60 * 1000;

/** True when a visit logged at `visitCreatedAt` still takes a check-in at `now`. */
export function withinCheckinWindow(visitCreatedAt: number, now: number): boolean {
  return now >= visitCreatedAt && now - visitCreatedAt <= CHECKIN_WINDOW_MS;
}

export type CheckinVerdict =
  /** Within the radius of the customer's location: the visit becomes `located`. */
  | { kind: 'located'; distanceM: number }
  /** Farther than the radius: flagged, the visit stays as it was. */
  | { kind: 'far'; distanceM: number }
  /** The customer's location is in another datum: not comparable, flagged. */
  | { kind: 'datum-mismatch' }
  /**
   * The customer has no location yet: this point becomes it. The visit stays unverified, because a rep
   * could plant the location with the very visit it would verify; a manager's confirmation or a second
   * check-in that agrees (judged `located` against it) verifies visits from then on.
   */
  | { kind: 'sets-location' };

/** Judges a check-in point against the customer's location (if any), within `radiusM` metres. */
export function judgeCheckin(point: GeoPoint, customer: GeoPoint | undefined, radiusM: number): CheckinVerdict {
  // A point in no known datum can neither set nor match a location.
  if (point.datum === 'unknown') return { kind: 'datum-mismatch' };
  if (!customer) return { kind: 'sets-location' };
  if (point.datum !== customer.datum) return { kind: 'datum-mismatch' };
  const distanceM = Math.round(haversineMeters(point, customer));
  return distanceM <= radiusM ? { kind: 'located', distanceM } : { kind: 'far', distanceM };
}
