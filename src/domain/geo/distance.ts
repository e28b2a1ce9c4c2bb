/**
 * Points on the earth and the distance between them. A point always says which datum its numbers are
 * in: Chinese maps hand out GCJ-02 (offset from GPS by up to several hundred metres), GPS and most
 * browsers give WGS-84, Baidu gives BD-09. Numbers in different datums are never compared.
 */
export const DATUMS = ['gcj02', 'wgs84', 'bd09', 'unknown'] as const;
export type Datum = (typeof DATUMS)[number];

export interface GeoPoint {
  lat: number;
  lng: number;
  datum: Datum;
}

/** Mean earth radius (IUGG), in metres: haversine's error against the ellipsoid stays under 0.5 %. */
const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine), for two points in the same datum. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Latitude -90..90 and longitude -180..180, both finite. */
export function isValidCoordinate(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}
