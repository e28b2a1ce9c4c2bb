import type { DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from 'pino';
import { cardCallbackIsForApp, decodeRobotMessage, robotMessageIsForApp, type DingTalkAppIdentity } from './decode.js';
import type { DingTalkInbound } from './inbound.js';
import type { CardCallbackResponse } from './render-card.js';
import type { ProcessedEventStore } from './stores.js';
import { loadGatewayClient, redactSdkText, type GatewayClient } from './stream-client.js';

export interface DingTalkStreamOptions {
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  inbound: DingTalkInbound;
  processedEvents: ProcessedEventStore;
  /** The configured app: a frame addressed to another robot or corp is dropped, like an HTTP callback. */
  app: DingTalkAppIdentity;
  logger: Logger;
  clock: () => number;
  /** For a card whose answer missed the 2-second window: update it through the API afterwards. */
  updateCardLater(outTrackId: string, response: CardCallbackResponse): Promise<void>;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** No frame or pong for this long → the connection is presumed dead and replaced. */
  watchdogMs?: number;
  pingIntervalMs?: number;
}

// dingtalk-stream's TOPIC_ROBOT and TOPIC_CARD, copied so that the SDK loads only with a connection.
const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const TOPIC_CARD = '/v1.0/card/instances/callback';

/** DingTalk wants the card ACK within 2 s; answer from local data well before that. */
const CARD_ANSWER_BUDGET_MS = 1500;
/** A connection that lived this long was healthy: the next failure starts the backoff afresh. */
const STABLE_CONNECTION_MS = 30_000;
/** The same cap as the HTTP callbacks: no robot message or card click comes near it. */
const FRAME_DATA_LIMIT = 256 * 1024;

/** At stop, how long the server has to answer our close frame before the socket is cut. */
const CLOSE_HANDSHAKE_MS = 5_000;

/** Frame ids are deduplicated in processed_events under this pseudo-platform. */
const FRAME_DEDUPE_PLATFORM = 'dingtalk-frame';

export interface DingTalkStream {
  start(): void;
  stop(): Promise<void>;
  status(): { connected: boolean; connections: number; reconnectsScheduled: number };
}

/**
 * Owns the stream connection: one DWClient per connection attempt, reconnects with exponential
 * backoff and jitter (one pending attempt at most, so no storm), a fresh connection as soon as
 * the server announces `disconnect`, and a watchdog fed by frames and ws pongs.
 */
export function createDingTalkStream(options: DingTalkStreamOptions): DingTalkStream {
  const { logger, inbound, clock } = options;
  const frames = options.processedEvents;
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  const backoffMaxMs = options.backoffMaxMs ?? 60_000;
  const watchdogMs = options.watchdogMs ?? 90_000;
  const pingIntervalMs = options.pingIntervalMs ?? 20_000;

  let current: GatewayClient | undefined;
  let currentSince = 0;
  let lastActivity = 0;
  let connecting = false;
  let stopped = true;
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let connections = 0;
  let reconnectsScheduled = 0;
  /** Frames taken but not yet handed over (their dedupe claim is in flight): stop() waits for them. */
  const framesInHand = new Set<Promise<void>>();

  function holdFrame(work: Promise<void>, what: string): void {
    const held = work.catch((error: unknown) => logger.error({ platform: 'dingtalk', err: error }, `dingtalk ${what} failed`));
    framesInHand.add(held);
    void held.finally(() => framesInHand.delete(held));
  }

  function backoffDelay(): number {
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempts);
    attempts++;
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  function scheduleReconnect(reason: string): void {
    if (stopped || timer || connecting) return;
    const delay = backoffDelay();
    reconnectsScheduled++;
    logger.warn({ platform: 'dingtalk', reason, delayMs: delay, attempt: attempts }, 'dingtalk stream: reconnecting');
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
  }

  /**
   * The frame's JSON data when it may be acted on: not oversized, JSON, and for this app. A refused
   * frame is acknowledged (so it is not re-pushed) and stores nothing, not even its dedupe row.
   */
  async function admitFrame(message: DWClientDownStream, forApp: (payload: unknown) => boolean): Promise<Record<string, unknown> | undefined> {
    const messageId = message.headers.messageId;
    const refuse = (reason: string) => {
      logger.warn({ platform: 'dingtalk', messageId, reason }, 'dingtalk stream: frame refused');
      return undefined;
    };
    if (typeof message.data !== 'string' || message.data.length > FRAME_DATA_LIMIT) return refuse('data missing or oversized');
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return refuse('data is not JSON');
    }
    if (payload === null || typeof payload !== 'object' || !forApp(payload)) return refuse('not addressed to this app');
    if (!(await frames.claim(FRAME_DEDUPE_PLATFORM, messageId, clock()))) {
      logger.debug({ platform: 'dingtalk', messageId }, 'dingtalk stream: duplicate frame ignored');
      return undefined;
    }
    return payload as Record<string, unknown>;
  }

  async function ackRobot(client: GatewayClient, message: DWClientDownStream): Promise<void> {
    // Acknowledge first: the work happens after, and a re-push of this frame is dropped as a duplicate.
    client.socketCallBackResponse(message.headers.messageId, null);
    // A group message that does not @mention the bot is not ours either: nothing to do, so nothing is stored.
    const payload = await admitFrame(message, (p) => robotMessageIsForApp(p, options.app) && decodeRobotMessage(p, clock()).kind !== 'ignored');
    if (payload) inbound.acceptRobotMessage(payload);
  }

  async function answerCard(client: GatewayClient, message: DWClientDownStream): Promise<void> {
    const messageId = message.headers.messageId;
    // A click by someone the card was not sent to is refused in answerCardCallback (a toast, nothing run).
    const payload = (await admitFrame(message, (p) => cardCallbackIsForApp(p, options.app))) as ({ outTrackId?: string } & Record<string, unknown>) | undefined;
    if (!payload) {
      client.socketCallBackResponse(messageId, {});
      return;
    }
    const work = inbound.answerCardCallback(payload, messageId);
    let budget: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (budget = setTimeout(() => resolve('late'), CARD_ANSWER_BUDGET_MS)));
    const first = await Promise.race([work, late]).finally(() => clearTimeout(budget));
    // The card update rides on the ACK only while the socket is open: on a closing one it would be dropped.
    const socket = client.socketOrUndefined;
    if (first !== 'late' && socket !== undefined && socket.readyState === socket.OPEN) {
      client.socketCallBackResponse(messageId, first.kind === 'invalid' ? {} : first.response);
      return;
    }
    client.socketCallBackResponse(messageId, {});
    if (first === 'late') logger.warn({ platform: 'dingtalk', messageId }, 'dingtalk card answer missed the 2 s window; updating through the API');
    else logger.info({ platform: 'dingtalk', messageId }, 'dingtalk card answered while the connection closes; updating through the API');
    const outcome = first === 'late' ? await work : first;
    if (outcome.kind === 'answered' && payload.outTrackId) {
      const response = outcome.response;
      await options.updateCardLater(payload.outTrackId, { cardUpdateOptions: response.cardUpdateOptions, ...(response.cardData ? { cardData: response.cardData } : {}) });
    }
  }

  async function connect(): Promise<void> {
    if (stopped || connecting) return;
    connecting = true;
    const Gateway = await loadGatewayClient().catch((error: unknown) => {
      connecting = false;
      throw error;
    });
    const client: GatewayClient = new Gateway(
      { url: options.gatewayUrl, clientId: options.clientId, clientSecret: options.clientSecret, ua: 'sales-kpi-bot/dingtalk-stream-2.1.5' },
      {
        onActivity: () => {
          if (client === current) lastActivity = clock();
        },
        onServerDisconnect: () => {
          if (client !== current) return;
          logger.info({ platform: 'dingtalk' }, 'dingtalk stream: server sent disconnect; opening a new connection now');
          // The old socket keeps delivering until the server closes it; its close is then ignored.
          void connect();
        },
        onBadFrame: (error) => logger.warn({ platform: 'dingtalk', err: error }, 'dingtalk stream: malformed frame ignored'),
        onSdkLog: (level, message, error) => {
          // Only the error's message: the SDK's error objects can carry the request (ticket, headers).
          const reason = error instanceof Error ? { reason: redactSdkText(error.message) } : {};
          logger[level]({ platform: 'dingtalk', ...reason }, `dingtalk sdk: ${message}`);
        },
      },
    );
    client.registerCallbackListener(TOPIC_ROBOT, (message) => holdFrame(ackRobot(client, message), 'robot message'));
    client.registerCallbackListener(TOPIC_CARD, (message) => holdFrame(answerCard(client, message), 'card callback'));
    try {
      await client.connect(); // never rejects in 2.1.5: check `connected`
    } finally {
      connecting = false;
    }
    const socket = client.socketOrUndefined;
    if (stopped || !client.connected || !socket) {
      if (stopped) client.disconnect();
      else scheduleReconnect('connect failed');
      return;
    }
    const previous = current;
    current = client;
    currentSince = clock();
    lastActivity = clock();
    connections++;
    logger.info({ platform: 'dingtalk', connections }, 'dingtalk stream: connected');
    socket.on('pong', () => {
      if (client === current) lastActivity = clock();
    });
    socket.on('close', () => {
      if (client !== current) return;
      current = undefined;
      if (clock() - currentSince >= STABLE_CONNECTION_MS) attempts = 0;
      scheduleReconnect('socket closed');
    });
    if (previous) previous.disconnect();
  }

  function tick(): void {
    if (stopped || !current) return;
    if (clock() - lastActivity > watchdogMs) {
      logger.warn({ platform: 'dingtalk', silentMs: clock() - lastActivity }, 'dingtalk stream: watchdog found the connection silent');
      const dead = current;
      current = undefined;
      dead.socketOrUndefined?.terminate();
      scheduleReconnect('watchdog');
      return;
    }
    const socket = current.socketOrUndefined;
    if (socket && socket.readyState === socket.OPEN) socket.ping();
  }

  function closed(socket: NonNullable<GatewayClient['socketOrUndefined']>): Promise<void> {
    if (socket.readyState === socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const cut = setTimeout(() => socket.terminate(), CLOSE_HANDSHAKE_MS);
      socket.once('close', () => {
        clearTimeout(cut);
        resolve();
      });
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      ticker = setInterval(tick, Math.min(pingIntervalMs, Math.max(250, Math.floor(watchdogMs / 3))));
      ticker.unref();
      void connect();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      timer = undefined;
      const closing = current?.socketOrUndefined;
      current?.disconnect();
      current = undefined;
      // Until the server reads our close frame it may still push on this socket, and ws delivers those
      // frames while it closes. They are handled here like any other (our ACK can no longer leave, so
      // DingTalk may push one again elsewhere, where its claimed id makes it a duplicate): wait for the
      // close, then for every frame taken, so that none is claimed and then dropped by the exit.
      if (closing) await closed(closing);
      while (framesInHand.size > 0) await Promise.all([...framesInHand]);
      await inbound.drain();
    },
    status() {
      return { connected: Boolean(current?.connected), connections, reconnectsScheduled };
    },
  };
}
