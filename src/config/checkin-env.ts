import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { emptyToUndefined, intSetting } from './fields.js';

/** Visit check-ins: where photos go, how near counts as "at the customer", how large a photo may be. */
export const checkinEnv = {
  /** Directory for check-in photos; default: a `files` folder next to the database file. */
  FILES_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  CHECKIN_RADIUS_M: intSetting(500, 10, 50_000),
  CHECKIN_PHOTO_MAX_KB: intSetting(10_240, 16, 102_400),
};

export interface CheckinConfig {
  filesDir: string;
  radiusM: number;
  photoMaxBytes: number;
}

export function checkinConfigOf(e: { FILES_DIR?: string | undefined; CHECKIN_RADIUS_M: number; CHECKIN_PHOTO_MAX_KB: number; DATABASE_PATH: string }): CheckinConfig {
  return {
    filesDir: resolve(e.FILES_DIR ?? join(dirname(e.DATABASE_PATH), 'files')),
    radiusM: e.CHECKIN_RADIUS_M,
    photoMaxBytes: e.CHECKIN_PHOTO_MAX_KB * 1024,
  };
}
