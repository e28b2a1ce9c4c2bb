import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';

/**
 * A survey link's token: `<id>.<mac>`, the id random (16 bytes) and the mac an HMAC-SHA256 of it
 * cut to 16 bytes, both base64url. A tampered or made-up token fails the mac before the table is read.
 */

const randomKeys = new WeakMap<Pick<Config, 'surveySecret' | 'webSessionSecret'>, Buffer>();

/**
 * SURVEY_SECRET; else a key derived from WEB_SESSION_SECRET (a separate key, so a survey mac is never
 * a valid session mac); else a random key for this process, so links stop working at restart.
 */
function keyOf(config: Pick<Config, 'surveySecret' | 'webSessionSecret'>): Buffer {
  if (config.surveySecret) return Buffer.from(config.surveySecret);
  if (config.webSessionSecret) return createHmac('sha256', config.webSessionSecret).update('survey-links').digest();
  let key = randomKeys.get(config);
  if (!key) {
    key = randomBytes(32);
    randomKeys.set(config, key);
  }
  return key;
}

const macOf = (key: Buffer, id: string): Buffer => createHmac('sha256', key).update(`survey:${id}`).digest().subarray(0, 16);

export function newSurveyLinkId(): string {
  return randomBytes(16).toString('base64url');
}

export function signSurveyToken(config: Pick<Config, 'surveySecret' | 'webSessionSecret'>, id: string): string {
  return `${id}.${macOf(keyOf(config), id).toString('base64url')}`;
}

/** The link id of a well-formed, correctly signed token; undefined otherwise. */
export function verifySurveyToken(config: Pick<Config, 'surveySecret' | 'webSessionSecret'>, token: string): string | undefined {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const [, id, mac] = match as unknown as [string, string, string];
  // Compared as text: base64url's last character carries spare bits, so decoding would accept 16
  // spellings of one mac (a test that flipped A to B found one).
  const given = Buffer.from(mac);
  const expected = Buffer.from(macOf(keyOf(config), id).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

export const surveyUrl = (publicBaseUrl: string, token: string): string => `${publicBaseUrl.replace(/\/+$/, '')}/s/${token}`;
