import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { tokensEqual } from '../admin/auth.js';
import type { Metrics } from '../metrics/metrics.js';

/** A scrape every few seconds is polling: logged at warn and above only. */
const QUIET = { logLevel: 'warn' } as const;

/**
 * GET /metrics on the main port, behind METRICS_TOKEN (Bearer, compared in constant time): 401
 * without it. Not registered at all when no token is set, so the main port answers 404.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics, token: string): void {
  app.get('/metrics', QUIET, async (request, reply) => {
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (!match || !tokensEqual(match[1] as string, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'UNAUTHORIZED', message: 'a valid metrics bearer token is required' });
    }
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  });
}

/**
 * The small listener of its own for METRICS_PORT: only GET /metrics, no token (the port is meant for
 * the private network the scraper sits on). server.ts listens and closes it.
 */
export function createMetricsServer(metrics: Metrics, logger: FastifyBaseLogger): FastifyInstance {
  const server = Fastify({ loggerInstance: logger });
  server.get('/metrics', QUIET, async (_request, reply) => {
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  });
  return server;
}
