import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Compares in constant time; hashing first makes both sides the same length. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Bearer-token guard for /admin. With no ADMIN_TOKEN configured the admin API is closed (403). */
export function createAdminGuard(adminToken: string | undefined) {
  return async function adminGuard(request: FastifyRequest, reply: FastifyReply) {
    if (!adminToken) {
      return reply.code(403).send({ error: 'ADMIN_DISABLED', message: 'ADMIN_TOKEN is not configured; the admin API is disabled' });
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !tokensEqual(match[1] as string, adminToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'UNAUTHORIZED', message: 'a valid admin bearer token is required' });
    }
  };
}
