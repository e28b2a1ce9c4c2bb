import { describe, expect, it } from 'vitest';
import { haversineMeters, type GeoPoint } from '../../../../src/domain/geo/distance.js';
import { CHECKIN_WINDOW_MS, judgeCheckin, withinCheckinWindow } from '../../../../src/domain/records/checkin-rule.js';
import { sniffImageType } from '../../../../src/domain/records/image-type.js';

const SITE: GeoPoint = { lat: 22.6533, lng: 114.0587, datum: 'gcj02' };
const at = (dLat: number, dLng = 0, datum: GeoPoint['datum'] = 'gcj02'): GeoPoint => ({ lat: SITE.lat + dLat, lng: SITE.lng + dLng, datum });

describe('haversine distance', () => {
  it.each([
    ['the same point', { lat: 39.9087, lng: 116.3975 }, { lat: 39.9087, lng: 116.3975 }, 0],
    ['one degree of latitude', { lat: 0, lng: 0 }, { lat: 1, lng: 0 }, 111_195],
    ['one degree of longitude on the equator', { lat: 0, lng: 0 }, { lat: 0, lng: 1 }, 111_195],
    ['one degree of longitude at 60°N (half)', { lat: 60, lng: 0 }, { lat: 60, lng: 1 }, 55_597],
    ['Beijing Tiananmen to Shanghai People\'s Square', { lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 }, 1_067_000],
    ['across the antimeridian', { lat: 0, lng: 179.9 }, { lat: 0, lng: -179.9 }, 22_239],
  ])('%s', (_name, a, b, metres) => {
    expect(haversineMeters(a, b)).toBeCloseTo(metres, metres > 1_000_000 ? -4 : -1);
  });
});

describe('the radius rule (500 m)', () => {
  it.each([
    ['near: 222 m north', at(0.002), SITE, { kind: 'located', distanceM: 222 }],
    ['exactly on the customer', at(0), SITE, { kind: 'located', distanceM: 0 }],
    ['just inside: 500 m', at(0.0044966), SITE, { kind: 'located', distanceM: 500 }],
    ['just outside: 501 m', at(0.0045056), SITE, { kind: 'far', distanceM: 501 }],
    ['far: 1.1 km', at(0.01), SITE, { kind: 'far', distanceM: 1112 }],
    ['datum mismatch: WGS-84 against GCJ-02, even on the same numbers', at(0, 0, 'wgs84'), SITE, { kind: 'datum-mismatch' }],
    ['datum mismatch: BD-09 against GCJ-02', at(0.006, 0.0065, 'bd09'), SITE, { kind: 'datum-mismatch' }],
    ['an unknown datum is never compared', at(0, 0, 'unknown'), SITE, { kind: 'datum-mismatch' }],
    ['no customer location yet: this one sets it (and does not verify)', at(0), undefined, { kind: 'sets-location' }],
    ['no customer location and an unknown datum: cannot set it', at(0, 0, 'unknown'), undefined, { kind: 'datum-mismatch' }],
  ] as const)('%s', (_name, point, customer, verdict) => {
    expect(judgeCheckin(point, customer, 500)).toEqual(verdict);
  });
});

describe('the 30-minute window', () => {
  const visitAt = Date.parse('2026-12-31T23:45:00+08:00');
  it.each([
    ['at once', 0, true],
    ['29 min 59 s later', CHECKIN_WINDOW_MS - 1000, true],
    ['exactly 30 min later (across the new year)', CHECKIN_WINDOW_MS, true],
    ['30 min and 1 ms later', CHECKIN_WINDOW_MS + 1, false],
    ['before the visit was logged', -1, false],
  ])('%s', (_name, delta, open) => {
    expect(withinCheckinWindow(visitAt, visitAt + delta)).toBe(open);
  });
});

describe('photo type by its bytes', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe1, 0, 0], 'image/jpeg'],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['webp', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')], 'image/webp'],
    ['gif', [...Buffer.from('GIF89a'), 0], undefined],
    ['RIFF that is not WebP (a wav)', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WAVE')], undefined],
    ['a text file named .jpg', [...Buffer.from('hello')], undefined],
    ['nothing', [], undefined],
  ])('%s', (_name, bytes, type) => {
    expect(sniffImageType(Uint8Array.from(bytes))).toBe(type);
  });
});
