import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received token or signature with the expected one in constant time. Both sides are
 * hashed first, so timingSafeEqual always gets equal-length buffers and the time says nothing about
 * the length or the first differing byte. A missing value never matches.
 */
export function secretsEqual(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = createHash('sha256').update(received, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
