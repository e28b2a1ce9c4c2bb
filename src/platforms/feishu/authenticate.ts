import { classifyPayload, type EnvelopeHeader } from './decode.js';
import { decryptFeishu, feishuSignature, signatureMatches } from './crypto.js';
import { checkEnvelopeHeader } from './dispatcher.js';
import { secretsEqual } from '../secret-compare.js';

/**
 * Authenticates one HTTP callback before anything reads it as an event. With an Encrypt Key, a
 * signed request is checked (signature over the raw bytes, then the timestamp window) before its
 * body is parsed or decrypted. Feishu does not sign the URL challenge, so an unsigned request may only
 * be a small challenge that decrypts with our key and carries our Verification Token. Without an
 * Encrypt Key (token-only mode, refused in production by the config) the token authenticates.
 */

export interface AuthConfig {
  appId: string;
  verificationToken: string | undefined;
  encryptKey: string | undefined;
}

export interface CallbackRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  now: number;
}

/** Feishu documents no replay window; five minutes on the signed timestamp, plus dedupe on ids. */
export const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

/** A URL challenge is under 1 KB even encrypted; an unsigned body larger than this is not one. */
export const UNSIGNED_BODY_LIMIT = 4 * 1024;

export type AuthResult =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; header: EnvelopeHeader; event: Record<string, unknown> }
  | { kind: 'ignored'; reason: string }
  | { kind: 'rejected'; reason: string; status?: 400 | 401 };

function header(headers: CallbackRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** JSON.parse, then decryption when the body is `{"encrypt": …}`; undefined when either fails. */
function open(rawBody: string, encryptKey: string | undefined): { body: unknown; encrypted: boolean } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { error: 'body is not JSON' };
  }
  const encrypted = typeof body === 'object' && body !== null && typeof (body as { encrypt?: unknown }).encrypt === 'string';
  if (!encrypted) return { body, encrypted };
  if (!encryptKey) return { error: 'encrypted body but no encrypt key configured' };
  try {
    return { body: JSON.parse(decryptFeishu(encryptKey, (body as { encrypt: string }).encrypt)) as unknown, encrypted };
  } catch {
    return { error: 'body could not be decrypted' };
  }
}

/** Signed with our Encrypt Key over these exact bytes, within the window; checked before any parsing. */
function checkSignature(request: CallbackRequest, encryptKey: string, signature: string): string | undefined {
  const timestamp = header(request.headers, 'x-lark-request-timestamp');
  const nonce = header(request.headers, 'x-lark-request-nonce');
  if (!timestamp || !nonce) return 'signature headers missing';
  if (!signatureMatches(feishuSignature(timestamp, nonce, encryptKey, request.rawBody), signature)) return 'signature does not match the raw body';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(request.now - seconds * 1000) > TIMESTAMP_WINDOW_MS) return 'timestamp outside the 5-minute window';
  return undefined;
}

export function authenticateCallback(config: AuthConfig, request: CallbackRequest): AuthResult {
  const signature = header(request.headers, 'x-lark-signature');
  const signed = config.encryptKey !== undefined && signature !== undefined;
  if (signed) {
    const problem = checkSignature(request, config.encryptKey as string, signature);
    if (problem) return { kind: 'rejected', reason: problem };
  } else if (config.encryptKey && request.rawBody.length > UNSIGNED_BODY_LIMIT) {
    return { kind: 'rejected', reason: 'unsigned body too large to be a URL challenge' };
  }

  const opened = open(request.rawBody, config.encryptKey);
  if ('error' in opened) return { kind: 'rejected', reason: opened.error, status: opened.error === 'body is not JSON' ? 400 : 401 };
  const { body, encrypted } = opened;
  const payload = classifyPayload(body);
  if (payload.kind === 'challenge') {
    // Not signed by Feishu: the token (or, with no token configured, a successful decryption) proves it.
    if (config.verificationToken !== undefined ? !secretsEqual(payload.token, config.verificationToken) : !encrypted) {
      return { kind: 'rejected', reason: 'challenge with a wrong verification token' };
    }
    return { kind: 'challenge', challenge: payload.challenge };
  }
  // Feishu signs every push once an Encrypt Key is set: only the challenge may come unsigned.
  if (config.encryptKey && !signed) return { kind: 'rejected', reason: 'signature headers missing' };

  if (payload.kind === 'unsupported') {
    // Legacy 1.0 envelopes carry their token at the top level; authenticate before saying we ignore them.
    const legacyToken = (body as { token?: unknown } | null)?.token;
    if (!config.encryptKey && !secretsEqual(typeof legacyToken === 'string' ? legacyToken : undefined, config.verificationToken ?? '')) {
      return { kind: 'rejected', reason: 'verification token does not match' };
    }
    return { kind: 'ignored', reason: payload.reason };
  }
  const check = checkEnvelopeHeader(payload.header, config);
  if (!check.ok) return { kind: 'rejected', reason: check.reason };
  return { kind: 'event', header: payload.header, event: payload.event };
}
