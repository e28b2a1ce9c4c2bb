import { z } from 'zod';

/** Field builders shared by the environment schema's parts: an empty variable counts as unset. */

export const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

export const optionalUrl = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^(https?|wss?)$/, error: 'must be an http(s) or ws(s) URL' })
      .default(fallback)
      .transform((u) => u.replace(/\/+$/, '')),
  );

export const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

/** A whole number between min and max, with a default. */
export const intSetting = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
