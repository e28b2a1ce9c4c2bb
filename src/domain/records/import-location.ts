import { isValidCoordinate } from '../geo/distance.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export type ImportLocationFault = 'unpaired' | 'lat' | 'lng';

/** 纬度 / 经度 of an imported customer: both or neither, decimal degrees in range. */
export function parseImportLocation(
  latText: string,
  lngText: string,
): { ok: true; value: { lat: number; lng: number } | null } | { ok: false; field: 'lat' | 'lng'; fault: ImportLocationFault } {
  if (!latText && !lngText) return { ok: true, value: null };
  if (!latText || !lngText) return { ok: false, field: latText ? 'lng' : 'lat', fault: 'unpaired' };
  const lat = DECIMAL.test(latText) ? Number(latText) : NaN;
  const lng = DECIMAL.test(lngText) ? Number(lngText) : NaN;
  if (!Number.isFinite(lat) || Math.abs(lat) > 90) return { ok: false, field: 'lat', fault: 'lat' };
  if (!isValidCoordinate(lat, lng)) return { ok: false, field: 'lng', fault: 'lng' };
  return { ok: true, value: { lat, lng } };
}
