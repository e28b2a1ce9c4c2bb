import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResourceTooLargeError, type ResourceRef } from '../../domain/records/checkin-input.js';
import { CHECKIN_IMAGE_TYPES, sniffImageType } from '../../domain/records/image-type.js';
import { problem, ProblemError } from '../../domain/problem.js';
import type { AppDeps } from '../deps.js';

/** A check-in photo written under FILES_DIR: what the database keeps of it. */
export interface StoredPhoto {
  /** Relative to FILES_DIR. */
  path: string;
  mime: string;
  bytes: number;
  sha256: string;
}

/**
 * Checks a photo's size and type (by its bytes: jpeg, png or webp) and writes it under
 * FILES_DIR/checkins/, named by its SHA-256 so a redelivered message writes the same file once.
 * Never into the database.
 */
export async function storeCheckinPhoto(deps: Pick<AppDeps, 'config'>, bytes: Buffer): Promise<StoredPhoto> {
  const { filesDir, photoMaxBytes } = deps.config.checkin;
  if (bytes.length > photoMaxBytes) throw tooLarge(photoMaxBytes);
  if (bytes.length === 0) throw new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoNotImage'));
  const mime = sniffImageType(bytes);
  if (!mime) throw new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoNotImage'));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join('checkins', sha256.slice(0, 2), `${sha256}.${CHECKIN_IMAGE_TYPES[mime]}`);
  await mkdir(join(filesDir, 'checkins', sha256.slice(0, 2)), { recursive: true });
  try {
    await writeFile(join(filesDir, path), bytes, { flag: 'wx' });
  } catch (error) {
    // The same photo again: the file is already there, byte for byte (its name is its hash).
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { path, mime, bytes: bytes.length, sha256 };
}

/** Downloads a chat photo through the platform (capped at CHECKIN_PHOTO_MAX_KB), then stores it. */
export async function fetchCheckinPhoto(deps: Pick<AppDeps, 'config' | 'fetchResource' | 'logger'>, ref: ResourceRef): Promise<StoredPhoto> {
  const maxBytes = deps.config.checkin.photoMaxBytes;
  if (!deps.fetchResource) throw new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoDownloadFailed'));
  let bytes: Buffer;
  try {
    bytes = await deps.fetchResource(ref, maxBytes);
  } catch (error) {
    if (error instanceof ResourceTooLargeError) throw tooLarge(maxBytes);
    deps.logger.warn({ err: error, platform: ref.platform, messageId: ref.messageId }, 'check-in photo download failed');
    throw new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoDownloadFailed'));
  }
  return storeCheckinPhoto(deps, bytes);
}

const tooLarge = (maxBytes: number) => new ProblemError(problem('VALIDATION_FAILED', 'checkin.photoTooLarge', { maxKb: Math.floor(maxBytes / 1024) }));
