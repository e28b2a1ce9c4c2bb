import { z } from 'zod';
import { isValidCoordinate, type Datum } from '../../domain/geo/distance.js';
import type { InboundAttachment } from '../channel.js';

/**
 * Feishu `location` and `image` message content (im.message.receive_v1 `message.content`, a JSON
 * string): location `{"name","longitude","latitude"}` with the numbers as strings, image
 * `{"image_key"}`. The location content names no datum, and Feishu's docs say nothing about one: it is
 * stored as 'unknown', so a chat location attaches but never verifies a visit by itself (the H5
 * check-in asks the client for GCJ-02). Change this only with a primary source for the datum.
 */
export const FEISHU_LOCATION_DATUM: Datum = 'unknown';

const coordinate = z.union([z.number(), z.string().trim().min(1).max(32)]).transform(Number);
const locationSchema = z.object({ name: z.string().max(500).optional(), longitude: coordinate, latitude: coordinate });
const imageSchema = z.object({ image_key: z.string().min(1).max(256) });

/** The attachment of a location or image message; undefined for other kinds and malformed content. */
export function decodeAttachment(messageType: string, content: string, messageId: string): InboundAttachment | undefined {
  const json = parse(content);
  if (messageType === 'location') {
    const location = locationSchema.safeParse(json);
    if (!location.success || !isValidCoordinate(location.data.latitude, location.data.longitude)) return undefined;
    const { latitude: lat, longitude: lng, name } = location.data;
    return { kind: 'location', point: { lat, lng, datum: FEISHU_LOCATION_DATUM }, ...(name ? { address: name } : {}) };
  }
  if (messageType === 'image') {
    const image = imageSchema.safeParse(json);
    return image.success ? { kind: 'image', resource: { platform: 'feishu', messageId, key: image.data.image_key } } : undefined;
  }
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
