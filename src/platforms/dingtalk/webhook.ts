import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { bodyDigest, verifyCardCallback, verifyRobotCallback } from './crypto.js';
import { cardCallbackIsForApp, robotMessageIsForApp, type DingTalkAppIdentity } from './decode.js';
import type { DingTalkInbound } from './inbound.js';
import type { CallbackReplayStore, ReplayVerdict, SignedCallback } from './stores.js';

export interface DingTalkWebhookOptions {
  inbound: DingTalkInbound;
  appSecret: string;
  /** The apiSecret registered with /v1.0/card/callbacks/register; without it card callbacks are refused. */
  cardCallbackSecret: string | undefined;
  /** The configured app: a body addressed to another robot or corp is refused. */
  app: DingTalkAppIdentity;
  /** Binds each signature to the body it first came with (durable, shared by every instance). */
  replays: CallbackReplayStore;
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

type Refusal = { kind: 'refused'; status: 401 | 403; error: string };
type Admission = Refusal | { kind: 'bad-json' } | { kind: 'duplicate' } | { kind: 'admitted'; payload: unknown };

const WRONG_APP: Refusal = { kind: 'refused', status: 403, error: 'WRONG_APP' };
const NOT_A_RECIPIENT: Refusal = { kind: 'refused', status: 403, error: 'NOT_A_RECIPIENT' };

/**
 * DingTalk signs only the timestamp, and a signature is good for an hour, so the signature cannot
 * authenticate the body: whoever saw one request could post any body under its headers. Each
 * signature is therefore bound to the SHA-256 of the first body it came with:
 * 1. a read-only look-up refuses a different body (401) before it is parsed, and answers the same
 *    body again as a duplicate (200, nothing done);
 * 2. `screen` refuses a body this app must not act on (another robot or corp, a card clicked by
 *    someone it was not delivered to): 403;
 * 3. the atomic claim (insert-or-ignore, then compare) settles a race between two requests.
 * A refused request stores nothing, so the genuine body can still come under its headers.
 */
async function admit(
  log: FastifyBaseLogger,
  replays: CallbackReplayStore,
  signed: Omit<SignedCallback, 'bodySha256'>,
  raw: string,
  screen: (payload: unknown) => Promise<Refusal | undefined> | Refusal | undefined,
  now: number,
): Promise<Admission> {
  const callback: SignedCallback = { ...signed, bodySha256: bodyDigest(raw) };
  const replayed = (verdict: ReplayVerdict): Admission | undefined => {
    if (verdict === 'conflict') {
      log.warn({ platform: 'dingtalk', route: signed.route }, 'dingtalk callback rejected: its signature was already used with another body');
      return { kind: 'refused', status: 401, error: 'REPLAYED_SIGNATURE' };
    }
    return verdict === 'duplicate' ? { kind: 'duplicate' } : undefined;
  };
  const seen = replayed(await replays.check(callback));
  if (seen) return seen;
  const payload = parseJson(raw);
  if (payload === undefined) return { kind: 'bad-json' };
  const refusal = await screen(payload);
  if (refusal) {
    log.warn({ platform: 'dingtalk', route: signed.route, error: refusal.error }, 'dingtalk callback refused');
    return refusal;
  }
  return replayed(await replays.claim(callback,now)) ?? { kind: 'admitted', payload };
}

/**
 * HTTP mode receivers (registered only when DINGTALK_MODE=webhook). The JSON parser is scoped to
 * this plugin and keeps the raw string; the signature is checked before anything is parsed or
 * stored, then the replay binding, the app identity and the card's recipients (see admit). A
 * rejected request touches nothing.
 */
export const dingtalkWebhookRoutes: FastifyPluginAsync<DingTalkWebhookOptions> = async (app, options) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));

  app.post('/webhooks/dingtalk/robot', async (request, reply) => {
    const timestamp = header(request.headers.timestamp);
    const sign = header(request.headers.sign);
    const now = options.clock();
    if (!timestamp || !sign || !verifyRobotCallback(timestamp, sign, options.appSecret, now)) {
      request.log.warn({ platform: 'dingtalk' }, 'dingtalk robot callback rejected: bad or stale signature');
      return reply.code(401).send({ error: 'BAD_SIGNATURE' });
    }
    const raw = typeof request.body === 'string' ? request.body : '';
    const admission = await admit(request.log, options.replays, { route: 'robot', signedAt: Number(timestamp), signature: sign }, raw, (p) => (robotMessageIsForApp(p, options.app) ? undefined : WRONG_APP), now);
    if (admission.kind === 'refused') return reply.code(admission.status).send({ error: admission.error });
    if (admission.kind === 'bad-json') return reply.code(400).send({ error: 'BAD_JSON' });
    // A duplicate was handed on the first time; answering it again changes nothing.
    if (admission.kind === 'admitted') options.inbound.acceptRobotMessage(admission.payload);
    // Answered at once; the reply goes out through the sessionWebhook when the command is done.
    return { msgtype: 'empty' };
  });

  app.post('/webhooks/dingtalk/cards', async (request, reply) => {
    const timestamp = header(request.headers['x-ddpaas-signature-timestamp']);
    const signature = header(request.headers['x-ddpaas-signature']);
    const secret = options.cardCallbackSecret;
    const now = options.clock();
    if (!secret || !timestamp || !signature || !verifyCardCallback(timestamp, signature, secret, now)) {
      request.log.warn({ platform: 'dingtalk' }, 'dingtalk card callback rejected: bad or stale signature');
      return reply.code(401).send({ error: 'BAD_SIGNATURE' });
    }
    const raw = typeof request.body === 'string' ? request.body : '';
    const admission = await admit(request.log, options.replays, { route: 'card', signedAt: Number(timestamp), signature }, raw, async (p) => {
      if (!cardCallbackIsForApp(p, options.app)) return WRONG_APP;
      return (await options.inbound.clickerIsStranger(p)) ? NOT_A_RECIPIENT : undefined;
    }, now);
    if (admission.kind === 'refused') return reply.code(admission.status).send({ error: admission.error });
    if (admission.kind === 'bad-json') return reply.code(400).send({ error: 'BAD_JSON' });
    // The click was answered the first time; an empty update leaves the card as it is.
    if (admission.kind === 'duplicate') return {};
    // The signature is bound to this body, so it names this one click.
    const eventId = `card:${bodyDigest(`${timestamp}\n${raw}`).slice(0, 40)}`;
    const outcome = await options.inbound.answerCardCallback(admission.payload, eventId);
    if (outcome.kind === 'invalid') return reply.code(400).send({ error: 'BAD_CALLBACK' });
    if (outcome.kind === 'refused') return reply.code(403).send({ error: 'NOT_A_RECIPIENT' });
    // The bare CardResponse object (see renderCardCallbackResponse for the sources checked).
    return outcome.response;
  });
};
