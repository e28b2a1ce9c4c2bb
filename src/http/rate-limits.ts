import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpLimits } from '../config.js';

/**
 * Requests per minute and client address on the routes an outsider can hammer: the H5 logins (each
 * may cost an outbound code exchange), the platform callbacks, the admin APIs and the public survey page. Over the limit the
 * answer is 429 with Retry-After. Other routes (health, pages, the session-guarded API) are not counted.
 */

export type LimitedGroup = keyof HttpLimits['perMinute'];

/** Which group a request counts against, from its path; undefined: not limited. */
export function limitedGroupOf(method: string, url: string): LimitedGroup | undefined {
  const path = url.split('?')[0] ?? '';
  if (method === 'POST' && path.startsWith('/api/login/')) return 'login';
  if (path.startsWith('/webhooks/')) return 'webhook';
  if (path === '/admin' || path.startsWith('/admin/') || path.startsWith('/api/admin/')) return 'admin';
  // Open to anyone with (or guessing at) a link: bots must not hammer it or the tokens.
  if (path.startsWith('/s/')) return 'survey';
  return undefined;
}

const groupOf = (request: FastifyRequest) => limitedGroupOf(request.method, request.url);

export async function registerRateLimits(app: FastifyInstance, limits: HttpLimits): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    timeWindow: 60_000,
    // One counter per group and address, so webhook traffic never uses up the admin's allowance.
    keyGenerator: (request) => `${groupOf(request) ?? 'none'}:${request.ip}`,
    allowList: (request) => groupOf(request) === undefined,
    max: (request) => limits.perMinute[groupOf(request) ?? 'admin'],
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_request, context) => ({ statusCode: context.statusCode, code: 'RATE_LIMITED', message: `too many requests; retry in ${context.after}` }),
  });
}
