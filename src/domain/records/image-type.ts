/** The photo types a check-in accepts, told by their first bytes (a claimed type or file name is not trusted). */
export const CHECKIN_IMAGE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;
export type CheckinImageType = keyof typeof CHECKIN_IMAGE_TYPES;

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0): boolean => prefix.every((b, i) => bytes[at + i] === b);

/** JPEG (FF D8 FF), PNG (89 'PNG' 0D 0A 1A 0A) or WebP ('RIFF' size 'WEBP'); anything else is undefined. */
export function sniffImageType(bytes: Uint8Array): CheckinImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}
