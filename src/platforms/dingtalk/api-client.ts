import type { Logger } from 'pino';
import { DeliveryError } from '../channel.js';

/**
 * The HTTP core of the DingTalk API: app access token cached until shortly before expiry and
 * refreshed on an authentication error, and throttling answers retried with exponential backoff.
 * Only answers that say "not processed" (429, busy, flow-control codes) are retried, so a retry
 * never doubles a message; a network error mid-request is surfaced, not retried.
 */

export interface DingTalkApiOptions {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  oapiBaseUrl: string;
  logger: Logger;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Base of the exponential backoff (tests shorten it). */
  backoffBaseMs?: number;
  maxAttempts?: number;
}

export class DingTalkApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`DingTalk API ${status} ${code}: ${message}`);
    this.name = 'DingTalkApiError';
  }
}

/** Refresh this long before the token's stated expiry (the official SDK uses 5 min). */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Old-style errcodes meaning "throttled, not processed": API QPS, send-too-fast, per-minute quota. */
const THROTTLE_ERRCODES = new Set([90002, 90018, 130101, 660026]);
/** Old-style errcodes for a bad or expired token. */
const TOKEN_ERRCODES = new Set([88, 40001, 40014, 42001]);

type Answer = { kind: 'ok'; body: unknown } | { kind: 'retry'; afterMs?: number; error: DingTalkApiError } | { kind: 'auth'; error: DingTalkApiError } | { kind: 'fail'; error: DingTalkApiError };

function classify(status: number, body: unknown, retryAfter: string | null): Answer {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const afterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
  if (status >= 200 && status < 300) {
    const errcode = typeof record.errcode === 'number' ? record.errcode : 0;
    if (errcode === 0) return { kind: 'ok', body };
    const error = new DingTalkApiError(status, String(errcode), String(record.errmsg ?? ''));
    if (THROTTLE_ERRCODES.has(errcode)) return { kind: 'retry', error };
    if (TOKEN_ERRCODES.has(errcode)) return { kind: 'auth', error };
    return { kind: 'fail', error };
  }
  const code = typeof record.code === 'string' ? record.code : String(status);
  const error = new DingTalkApiError(status, code, String(record.message ?? ''));
  if (status === 401 || /InvalidAuthentication|accessToken/i.test(code)) return { kind: 'auth', error };
  if (status === 429 || /Throttling|QpsLimit|system\.busy|ServiceUnavailable/i.test(code) || status === 503) {
    return afterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', afterMs, error };
  }
  return { kind: 'fail', error };
}

export function createDingTalkApiClient(options: DingTalkApiOptions) {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const maxAttempts = options.maxAttempts ?? 6;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  /** Exponential backoff with full jitter, capped at 30 s. */
  function backoff(attempt: number, afterMs?: number): number {
    if (afterMs !== undefined) return afterMs;
    const ceiling = Math.min(30_000, backoffBaseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  async function fetchJson(url: string, init: RequestInit): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Throttling at the edge answers HTML; keep the status, drop the body.
      body = {};
    }
    return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
  }

  async function accessToken(): Promise<string> {
    if (cached && clock() < cached.expiresAt - TOKEN_REFRESH_MARGIN_MS) return cached.token;
    // One refresh at a time: concurrent senders share it.
    inflight ??= (async () => {
      try {
        for (let attempt = 0; ; attempt++) {
          const { status, body, retryAfter } = await fetchJson(`${options.apiBaseUrl}/v1.0/oauth2/accessToken`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ appKey: options.clientId, appSecret: options.clientSecret }),
          });
          const answer = classify(status, body, retryAfter);
          if (answer.kind === 'ok') {
            const { accessToken: token, expireIn } = body as { accessToken?: string; expireIn?: number };
            if (!token) throw new DingTalkApiError(status, 'noAccessToken', 'token endpoint answered without accessToken');
            cached = { token, expiresAt: clock() + (expireIn ?? 7200) * 1000 };
            return token;
          }
          if (answer.kind !== 'retry' || attempt + 1 >= maxAttempts) throw answer.error;
          await sleep(backoff(attempt, answer.afterMs));
        }
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  const oapiOrigin = new URL(options.oapiBaseUrl).origin;
  /** A sessionWebhook is trusted only on the origin of the configured oapi base URL (DINGTALK_OAPI_BASE_URL). */
  function isSessionWebhook(url: string): boolean {
    try {
      return new URL(url).origin === oapiOrigin;
    } catch {
      return false;
    }
  }

  async function call<T>(host: 'api' | 'oapi' | 'absolute', method: string, path: string, body: unknown, label: string): Promise<T> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      // A FormData body (media upload) sets its own multipart content type with the boundary.
      const isForm = body instanceof FormData;
      const headers: Record<string, string> = isForm ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' };
      let url: string;
      if (host === 'absolute') {
        // sessionWebhook: the URL itself is the credential. It comes from a callback body, so it is
        // only ever called on DingTalk's own host (no requests to addresses a sender chose).
        if (!isSessionWebhook(path)) throw new DeliveryError('dingtalk: a sessionWebhook outside the oapi host is never called', { permanent: true });
        url = path;
      } else if (host === 'api') {
        headers['x-acs-dingtalk-access-token'] = await accessToken();
        url = `${options.apiBaseUrl}${path}`;
      } else {
        url = `${options.oapiBaseUrl}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(await accessToken())}`;
      }
      const { status, body: answerBody, retryAfter } = await fetchJson(url, { method, headers, body: isForm ? body : JSON.stringify(body) });
      const answer = classify(status, answerBody, retryAfter);
      if (answer.kind === 'ok') return answerBody as T;
      if (answer.kind === 'auth' && host !== 'absolute' && !refreshed) {
        refreshed = true;
        cached = undefined;
        continue;
      }
      if (answer.kind === 'retry' && attempt + 1 < maxAttempts) {
        const wait = backoff(attempt, answer.afterMs);
        options.logger.warn({ api: label, status, code: answer.error.code, attempt, waitMs: wait }, 'dingtalk throttled; backing off');
        await sleep(wait);
        continue;
      }
      throw answer.error;
    }
  }

  return {
    accessToken,
    /** New-style OpenAPI on api.dingtalk.com (token in header). */
    api<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
      return call<T>('api', method, path, body, path);
    },
    /** Old-style TOP API on oapi.dingtalk.com (token in query). */
    oapi<T>(path: string, body: unknown): Promise<T> {
      return call<T>('oapi', 'POST', path, body, path);
    },
    /** Old-style multipart upload on oapi (media/upload); the form is rebuilt by fetch on each attempt. */
    oapiForm<T>(path: string, form: FormData): Promise<T> {
      return call<T>('oapi', 'POST', path, form, path);
    },
    isSessionWebhook,
    /** A sessionWebhook on the oapi origin (anything else is refused with a permanent DeliveryError). */
    postUrl<T>(url: string, body: unknown): Promise<T> {
      return call<T>('absolute', 'POST', url, body, 'sessionWebhook');
    },
    backoff,
    sleep,
  };
}

export type DingTalkApiClient = ReturnType<typeof createDingTalkApiClient>;
