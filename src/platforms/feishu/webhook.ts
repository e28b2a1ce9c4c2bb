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

interface RawJsonBody {
  raw: string;
  json: unknown;
}

export async function feishuWebhookRoutes(app: FastifyInstance, options: FeishuWebhookOptions): Promise<void> {
  // Scoped to this plugin: the rest of the app keeps Fastify's own JSON parser.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => {
    const raw = body as string;
    try {
      done(null, { raw, json: JSON.parse(raw) as unknown } satisfies RawJsonBody);
    } catch {
      const error = Object.assign(new Error('body is not JSON'), { statusCode: 400, code: 'INVALID_JSON' });
      done(error, undefined);
    }
  });

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const body = request.body as RawJsonBody | undefined;
    if (!body || typeof body.raw !== 'string') return reply.code(400).send({ error: 'INVALID_JSON', message: 'body is not JSON' });
    const result = authenticateCallback(options.auth, { rawBody: body.raw, json: body.json, headers: request.headers, now: options.clock() });
    switch (result.kind) {
      case 'rejected':
        request.log.warn({ platform: 'feishu', reason: result.reason }, 'feishu callback rejected');
        return reply.code(401).send({ error: 'UNAUTHORIZED' });
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
