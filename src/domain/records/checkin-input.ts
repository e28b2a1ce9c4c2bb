import type { GeoPoint } from '../geo/distance.js';
import type { PlatformName } from '../platform-name.js';

/** A location a person sent or the H5 page read: the point (with its datum) and what came with it. */
export interface CheckinLocation {
  point: GeoPoint;
  /** Metres, when the device said. */
  accuracyM?: number;
  /** The place name or address the platform gave (user text). */
  address?: string;
}

/** A file the platform holds (a chat photo), fetched later through the platform that named it. */
export interface ResourceRef {
  platform: PlatformName;
  /** The message that carried it (Feishu needs it in the download path). */
  messageId: string;
  /** Feishu image_key, DingTalk downloadCode. */
  key: string;
}

/** A check-in photo's bytes as received (chat download or H5 upload), before the type and size checks. */
export interface PhotoBytes {
  bytes: Buffer;
  /** The type the sender claimed, if any; the bytes decide. */
  claimedType?: string;
}

/** A platform file was larger than the caller allows: the download stopped there. */
export class ResourceTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`resource larger than ${maxBytes} bytes`);
    this.name = 'ResourceTooLargeError';
  }
}
