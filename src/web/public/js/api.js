import { getLocale } from './i18n.js';

let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

/** The CSRF header for a write the page sends itself (a multipart upload). */
export function csrfHeader() {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export class ApiError extends Error {
  constructor(status, code, message, issues, body) {
    super(message);
    /** The answer's JSON, e.g. an import's per-row errors. */
    this.body = body;
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** JSON over fetch with the session cookie; writes carry the CSRF token in a header. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'x-locale': getLocale() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw apiErrorOf(response.status, response.statusText, data);
  return data;
}

/** The ApiError for a refused answer (its JSON body already parsed), as api() and uploads throw it. */
export function apiErrorOf(status, statusText, data) {
  const issues = Array.isArray(data.issues) ? data.issues : undefined;
  const message = data.message ?? (issues ? issues.map((i) => `${i.path.replace(/^\//, '')}: ${i.message}`).join('; ') : statusText);
  return new ApiError(status, data.error ?? 'HTTP_' + status, message, issues, data);
}
