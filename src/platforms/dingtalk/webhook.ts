import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { verifyCardCallback, verifyRobotCallback } from './crypto.js';
import type { DingTalkInbound } from './inbound.js';

export interface DingTalkWebhookOptions {
  inbound: DingTalkInbound;
  appSecret: string;
  /** The apiSecret registered with /v1.0/card/callbacks/register; without it card callbacks are refused. */
  cardCallbackSecret: string | undefined;
  clock: () => number;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * HTTP mode receivers. The JSON parser is scoped to this plugin and keeps the raw string; the
 * signature is checked before anything is parsed or stored. A rejected request answers 401 and
 * touches nothing.
 */
export const dingtalkWebhookRoutes: FastifyPluginAsync<DingTalkWebhookOptions> = async (app, options) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));

  app.post('/webhooks/dingtalk/robot', async (request, reply) => {
    const ok = verifyRobotCallback(header(request.headers.timestamp), header(request.headers.sign), options.appSecret, options.clock());
    if (!ok) {
      request.log.warn({ platform: 'dingtalk' }, 'dingtalk robot callback rejected: bad or stale signature');
      return reply.code(401).send({ error: 'BAD_SIGNATURE' });
    }
    const payload = typeof request.body === 'string' ? parseJson(request.body) : undefined;
    if (payload === undefined) return reply.code(400).send({ error: 'BAD_JSON' });
    options.inbound.acceptRobotMessage(payload);
    // Answered at once; the reply goes out through the sessionWebhook when the command is done.
    return { msgtype: 'empty' };
  });

  app.post('/webhooks/dingtalk/cards', async (request, reply) => {
    const timestamp = header(request.headers['x-ddpaas-signature-timestamp']);
    const secret = options.cardCallbackSecret;
    if (!secret || !verifyCardCallback(timestamp, header(request.headers['x-ddpaas-signature']), secret, options.clock())) {
      request.log.warn({ platform: 'dingtalk' }, 'dingtalk card callback rejected: bad or stale signature');
      return reply.code(401).send({ error: 'BAD_SIGNATURE' });
    }
    const raw = typeof request.body === 'string' ? request.body : '';
    const payload = parseJson(raw);
    if (payload === undefined) return reply.code(400).send({ error: 'BAD_JSON' });
    // HTTP card callbacks carry no delivery id: the signed timestamp plus the body identifies one click.
    const eventId = `card:${createHash('sha256').update(`${timestamp}\n${raw}`).digest('hex').slice(0, 40)}`;
    const response = await options.inbound.answerCardCallback(payload, eventId);
    if (!response) return reply.code(400).send({ error: 'BAD_CALLBACK' });
    return response;
  });
};
