import { createHash, createHmac } from 'node:crypto';
import { secretsEqual } from '../secret-compare.js';

/** DingTalk rejects nothing older than this itself, so we hold senders to the documented ±1 hour. */
export const SIGNATURE_WINDOW_MS = 60 * 60 * 1000;

/** Base64(HMAC-SHA256(key = appSecret, message = timestamp + "\n" + appSecret)): the HTTP robot callback's `sign` header. */
export function signRobotCallback(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`).digest('base64');
}

/** Base64(HMAC-SHA256(key = apiSecret, message = timestamp)): the HTTP card callback's `x-ddpaas-signature` header. */
export function signCardCallback(timestamp: string, apiSecret: string): string {
  return createHmac('sha256', apiSecret).update(timestamp).digest('base64');
}

function timestampFresh(timestamp: string, now: number): boolean {
  return /^\d{1,16}$/.test(timestamp) && Math.abs(now - Number(timestamp)) <= SIGNATURE_WINDOW_MS;
}

/** Both checks must pass: the timestamp within ±1 hour and the signature equal (compared in constant time). */
export function verifyRobotCallback(timestamp: string | undefined, sign: string | undefined, appSecret: string, now: number): boolean {
  if (!timestamp || !sign || !timestampFresh(timestamp, now)) return false;
  return secretsEqual(sign, signRobotCallback(timestamp, appSecret));
}

export function verifyCardCallback(timestamp: string | undefined, signature: string | undefined, apiSecret: string, now: number): boolean {
  if (!timestamp || !signature || !timestampFresh(timestamp, now)) return false;
  return secretsEqual(signature, signCardCallback(timestamp, apiSecret));
}

/** SHA-256 hex of the raw callback body: what a signature is bound to in the replay store. */
export function bodyDigest(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
