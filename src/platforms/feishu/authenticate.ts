import { classifyPayload, type EnvelopeHeader } from './decode.js';
import { decryptFeishu, feishuSignature, signatureMatches } from './crypto.js';
import { checkEnvelopeHeader } from './dispatcher.js';

/**
 * Authenticates one HTTP callback before anything reads it as an event: decrypt with the Encrypt
 * Key, then (except for the URL challenge, which Feishu does not sign) the signature over the raw
 * bytes and the timestamp window, then the Verification Token and our app id.
 */

export interface AuthConfig {
  appId: string;
  verificationToken: string | undefined;
  encryptKey: string | undefined;
}

export interface CallbackRequest {
  rawBody: string;
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
  now: number;
}

/** Feishu documents no replay window; five minutes on the signed timestamp, plus dedupe on ids. */
export const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

export type AuthResult =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; header: EnvelopeHeader; event: Record<string, unknown> }
  | { kind: 'ignored'; reason: string }
  | { kind: 'rejected'; reason: string };

function header(headers: CallbackRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function authenticateCallback(config: AuthConfig, request: CallbackRequest): AuthResult {
  let body = request.json;
  const encrypted = typeof body === 'object' && body !== null && typeof (body as { encrypt?: unknown }).encrypt === 'string';
  if (encrypted) {
    if (!config.encryptKey) return { kind: 'rejected', reason: 'encrypted body but no encrypt key configured' };
    try {
      body = JSON.parse(decryptFeishu(config.encryptKey, (body as { encrypt: string }).encrypt));
    } catch {
      return { kind: 'rejected', reason: 'body could not be decrypted' };
    }
  }

  const payload = classifyPayload(body);
  if (payload.kind === 'challenge') {
    // Not signed by Feishu: the token (or, with no token configured, a successful decryption) proves it.
    if (config.verificationToken !== undefined ? payload.token !== config.verificationToken : !encrypted) {
      return { kind: 'rejected', reason: 'challenge with a wrong verification token' };
    }
    return { kind: 'challenge', challenge: payload.challenge };
  }

  // Feishu signs every push once an Encrypt Key is set; without one only the token authenticates.
  if (config.encryptKey) {
    const timestamp = header(request.headers, 'x-lark-request-timestamp');
    const nonce = header(request.headers, 'x-lark-request-nonce');
    const signature = header(request.headers, 'x-lark-signature');
    if (!timestamp || !nonce || !signature) return { kind: 'rejected', reason: 'signature headers missing' };
    if (!signatureMatches(feishuSignature(timestamp, nonce, config.encryptKey, request.rawBody), signature)) {
      return { kind: 'rejected', reason: 'signature does not match the raw body' };
    }
    const seconds = Number(timestamp);
    if (!Number.isFinite(seconds) || Math.abs(request.now - seconds * 1000) > TIMESTAMP_WINDOW_MS) {
      return { kind: 'rejected', reason: 'timestamp outside the 5-minute window' };
    }
  }

  if (payload.kind === 'unsupported') {
    // Legacy 1.0 envelopes carry their token at the top level; authenticate before saying we ignore them.
    const legacyToken = (body as { token?: unknown } | null)?.token;
    if (!config.encryptKey && legacyToken !== config.verificationToken) return { kind: 'rejected', reason: 'verification token does not match' };
    return { kind: 'ignored', reason: payload.reason };
  }
  const check = checkEnvelopeHeader(payload.header, config);
  if (!check.ok) return { kind: 'rejected', reason: check.reason };
  return { kind: 'event', header: payload.header, event: payload.event };
}
