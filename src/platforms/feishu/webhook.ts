import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateCallback, type AuthConfig } from './authenticate.js';
import type { FeishuDispatcher } from './dispatcher.js';

/**
 * HTTP callbacks: POST /webhooks/feishu/events and /webhooks/feishu/cards. Both accept events and card
 * callbacks, so one URL can be configured for both. The JSON body is kept as the raw string so the
 * signature is checked over the exact bytes Feishu signed.
 */

export interface FeishuWebhookOptions {
  auth: AuthConfig;
  dispatcher: FeishuDispatcher;
  clock: () => number;
}

/** Feishu callbacks are a few KB; anything near this is not Feishu. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function feishuWebhookRoutes(app: FastifyInstance, options: FeishuWebhookOptions): Promise<void> {
  // Scoped to this plugin: the rest of the app keeps Fastify's own JSON parser. The body stays the raw
  // string: nothing parses it before its signature is checked (authenticate.ts).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const result = authenticateCallback(options.auth, { rawBody, headers: request.headers, now: options.clock() });
    switch (result.kind) {
      case 'rejected':
        request.log.warn({ platform: 'feishu', reason: result.reason }, 'feishu callback rejected');
        return result.status === 400 ? reply.code(400).send({ error: 'INVALID_JSON', message: 'body is not JSON' }) : reply.code(401).send({ error: 'UNAUTHORIZED' });
      case 'challenge':
        return reply.send({ challenge: result.challenge });
      case 'ignored':
        request.log.info({ platform: 'feishu', reason: result.reason }, 'feishu callback ignored');
        return reply.send({});
      case 'event':
        return reply.send(await options.dispatcher.dispatch(result.header, result.event));
    }
  }

  app.post('/webhooks/feishu/events', handle);
  app.post('/webhooks/feishu/cards', handle);
}
